import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { locales } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';
import { AppError, type ErrorDetail } from '../core/errors.ts';
import { hasMessage, type Locale, t } from '../core/i18n.ts';

const zodLocales = { id: locales.id(), en: locales.en() };

/** Re-localise a zod issue that fastify-type-provider-zod flattened into a validation error. */
function localiseIssue(
  locale: Locale,
  v: { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> },
): ErrorDetail {
  const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const custom = v.params.params as { code?: string; values?: Record<string, string | number> } | undefined;
  if (v.keyword === 'custom' && custom?.code && hasMessage(custom.code)) {
    return { path, message: t(locale, custom.code, custom.values ?? {}) };
  }
  const issue = { code: v.keyword, path: path.split('.'), ...v.params } as unknown as $ZodRawIssue;
  const localised = zodLocales[locale].localeError(issue);
  const message = typeof localised === 'string' ? localised : (localised?.message ?? v.message ?? '');
  return { path, message: message.replace(/, (diterima|received) undefined$/, '') };
}

export function sendError(reply: FastifyReply, locale: Locale, err: AppError): FastifyReply {
  return reply.status(err.status).send({
    error: { code: err.code, message: t(locale, err.code, err.params), details: err.details },
  });
}

export function toAppError(error: FastifyError | Error, locale: Locale): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      400,
      'VALIDATION_FAILED',
      {},
      error.validation.map((v) => localiseIssue(locale, v)),
    );
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'INVALID_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(413, 'BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_VALIDATION':
      return new AppError(400, 'VALIDATION_FAILED');
  }
  if (fe.statusCode === 429) return new AppError(429, 'RATE_LIMITED', { seconds: 60 });
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, 'VALIDATION_FAILED');
  }
  return null;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale;
  const appError = toAppError(error, locale);
  if (appError) return sendError(reply, locale, appError);
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, locale, new AppError(500, 'INTERNAL'));
}
