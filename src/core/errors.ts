import type { Params } from './i18n.ts';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** A failure meant for the caller: a stable code, an HTTP status and parameters for the localised message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Params = {},
    readonly details: ErrorDetail[] = [],
  ) {
    super(code);
  }
}

export const notFound = (): AppError => new AppError(404, 'NOT_FOUND');
export const forbidden = (): AppError => new AppError(403, 'FORBIDDEN');
export const unauthenticated = (): AppError => new AppError(401, 'UNAUTHENTICATED');
export const conflict = (code: string, params: Params = {}): AppError => new AppError(409, code, params);
export const badRequest = (code: string, params: Params = {}, details: ErrorDetail[] = []): AppError =>
  new AppError(400, code, params, details);
