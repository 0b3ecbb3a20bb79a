import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FieldError,
  type Locale,
  DEFAULT_LOCALE,
  formatIssues,
  translate,
} from '../../contracts/index.js';
import { DomainError } from '../lib/domain-error.js';

/** The one place an error becomes `{ error: { code, message, details } }` with its status. */
export function errorBody(
  code: ErrorCode,
  locale: Locale,
  options: { message?: string; fields?: FieldError[]; requestId?: string } = {},
): ErrorBody {
  const details: NonNullable<ErrorBody['error']['details']> = {};
  if (options.fields?.length) details.fields = options.fields;
  if (options.requestId) details.requestId = options.requestId;
  return { error: { code, message: options.message ?? translate(locale, `error.${code}`), details } };
}

export function sendError(reply: FastifyReply, code: ErrorCode, options: { message?: string; fields?: FieldError[] } = {}): FastifyReply {
  const request = reply.request;
  const locale = request.ctx?.locale ?? DEFAULT_LOCALE;
  return reply
    .status(ERROR_STATUS[code])
    .type('application/json')
    .send(errorBody(code, locale, { ...options, requestId: request.id }));
}

type ValidationEntry = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** fastify-type-provider-zod flattens zod issues; put them back together to translate them. */
function issuesFromValidation(entries: ValidationEntry[]): z.core.$ZodIssue[] {
  return entries.map(
    (e) =>
      ({
        ...e.params,
        code: e.keyword,
        path: e.instancePath.split('/').filter(Boolean),
        message: e.message ?? '',
      }) as unknown as z.core.$ZodIssue,
  );
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; key?: 'validation.malformedJson' | 'validation.emptyBody' }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', key: 'validation.malformedJson' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', key: 'validation.emptyBody' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_RATE_LIMITED: { code: 'RATE_LIMITED' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_FILES_LIMIT: { code: 'VALIDATION_FAILED' },
  FST_PARTS_LIMIT: { code: 'VALIDATION_FAILED' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.ctx?.locale ?? DEFAULT_LOCALE;
    if (error instanceof DomainError) {
      const fields = error.fields?.map((f) => ({ path: f.path, message: translate(locale, f.key, f.params) }));
      const message = error.key ? translate(locale, error.key, error.params) : undefined;
      if (ERROR_STATUS[error.code] >= 500) request.log.error({ err: error }, 'domain error');
      return sendError(reply, error.code, { ...(message ? { message } : {}), ...(fields ? { fields } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = formatIssues(issuesFromValidation(error.validation as unknown as ValidationEntry[]), locale);
      return sendError(reply, 'VALIDATION_FAILED', { fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, cause: error.cause }, 'response does not match its schema');
      return sendError(reply, 'INTERNAL');
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      return sendError(reply, known.code, known.key ? { message: translate(locale, known.key) } : {});
    }
    if (error.statusCode === 429) return sendError(reply, 'RATE_LIMITED');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Any other client error fastify raises (bad query string, bad URL encoding …).
      request.log.info({ err: error }, 'client error');
      return sendError(reply, 'VALIDATION_FAILED');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'INTERNAL');
  });
}
