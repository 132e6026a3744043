import i18n from './i18n';

export const API_BASE = '/api/v1';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The CSRF token lives in memory only; it comes from login or GET /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Registered by the app shell: called whenever a request answers 401 (session gone). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function currentLanguage(): string {
  return i18n.language?.startsWith('en') ? 'en' : 'id';
}

function normalisePath(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  if (typeof path === 'string') return path.replace(/^\/+/, '').replace(/\//g, '.');
  return '';
}

/** Parses the contract's error shape `{ error: { code, message, details } }`, tolerating anything else. */
export function toApiError(status: number, body: unknown, fallbackText = ''): ApiError {
  const err =
    body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : undefined;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown };
    const details: ErrorDetail[] = Array.isArray(e.details)
      ? e.details.map((d) => {
          const dd = (d ?? {}) as { path?: unknown; message?: unknown };
          return { path: normalisePath(dd.path), message: String(dd.message ?? '') };
        })
      : [];
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : `HTTP_${status}`,
      typeof e.message === 'string' && e.message ? e.message : fallbackText || `HTTP ${status}`,
      details,
    );
  }
  const message =
    body &&
    typeof body === 'object' &&
    'message' in body &&
    typeof (body as { message: unknown }).message === 'string'
      ? (body as { message: string }).message
      : fallbackText || `HTTP ${status}`;
  return new ApiError(status, `HTTP_${status}`, message);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on the activity log. */
  headers?: Record<string, string>;
  /** Do not trigger the global "go to login" on 401 (login itself, the session probe). */
  noAuthRedirect?: boolean;
}

export function requestHeaders(method: string, hasJsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (hasJsonBody) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

export function handleUnauthorized(status: number, noAuthRedirect?: boolean): void {
  if (status === 401 && !noAuthRedirect) {
    csrfToken = null;
    onUnauthorized?.();
  }
}

/** Fetch wrapper for `/api/v1`: same-origin cookies, JSON, CSRF header, Accept-Language, typed errors. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const hasBody = opts.body !== undefined;
  let res: Response;
  try {
    res = await fetch(withQuery(`${API_BASE}${path}`, opts.query), {
      method,
      credentials: 'same-origin',
      headers: { ...requestHeaders(method, hasBody), ...opts.headers },
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    handleUnauthorized(res.status, opts.noAuthRedirect);
    throw toApiError(res.status, body, res.status >= 500 ? i18n.t('errors.server') : res.statusText);
  }
  return body as T;
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort: () => void;
}

/** Multipart upload through XMLHttpRequest so that upload progress can be shown. */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.withCredentials = false; // same-origin: cookies are sent anyway
    for (const [k, v] of Object.entries(requestHeaders('POST', false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(ev.loaded, ev.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
      } else {
        handleUnauthorized(xhr.status);
        reject(toApiError(xhr.status, body, xhr.status >= 500 ? i18n.t('errors.server') : xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', i18n.t('errors.aborted')));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
