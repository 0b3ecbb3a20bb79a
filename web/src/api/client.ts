import type { z } from 'zod';
import {
  ERROR_CODES,
  ERROR_STATUS,
  ErrorBodySchema,
  type ErrorCode,
  type FieldError,
  SessionInfoSchema,
  translate,
} from '../../../src/contracts/index.js';
import { getLocale, translateUi } from '../i18n';
import { type QueryParams, toQueryString } from './query-string';

/** Every failed call ends up as one of these, whatever went wrong (HTTP error, network, unreadable reply). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const WRITE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const SESSION_PATH = '/api/v1/auth/session';

/** The CSRF token of the current session (GET /api/v1/auth/session returns it); sent on every write. */
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

function headersFor(method: Method, hasBody: boolean, accept: string): Headers {
  const headers = new Headers({ accept, 'accept-language': getLocale() });
  if (hasBody) headers.set('content-type', 'application/json');
  if (WRITE_METHODS.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  return headers;
}

/** Map a status to a code when the reply is not our JSON error body (a proxy page, a crash). */
function codeForStatus(status: number): ErrorCode {
  const exact = ERROR_CODES.find((code) => ERROR_STATUS[code] === status && code !== 'INVALID_CREDENTIALS' && code !== 'INVALID_TOTP');
  return exact ?? 'INTERNAL';
}

/** Turn a non-2xx response into an ApiError, reading our `{ error: { code, message, details } }` body when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details?.fields ?? [], details?.requestId);
  }
  const code = codeForStatus(response.status);
  return new ApiError(response.status, code, translate(getLocale(), `error.${code}`));
}

async function send(method: Method, url: string, body: unknown, accept: string): Promise<Response> {
  // Writes always carry a JSON body ({} when there is nothing to say): the server accepts only JSON.
  const hasBody = WRITE_METHODS.has(method);
  try {
    return await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody, accept),
      ...(hasBody ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ApiError(0, 'INTERNAL', translateUi(getLocale(), 'error.network'));
  }
}

/** A stale CSRF token (a new session in another tab): fetch the current one so the write can be retried once. */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', SESSION_PATH, undefined, 'application/json');
  if (!response.ok) return false;
  const parsed = SessionInfoSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return false;
  rememberCsrfToken(parsed.data.csrfToken);
  return true;
}

async function fetchChecked(method: Method, path: string, query: QueryParams | undefined, body: unknown, accept: string) {
  const url = `${path}${toQueryString(query)}`;
  let response = await send(method, url, body, accept);
  if (response.status === 403 && WRITE_METHODS.has(method)) {
    const error = await errorFromResponse(response.clone());
    if (error.code === 'CSRF_FAILED' && (await refreshCsrfToken())) response = await send(method, url, body, accept);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

export interface CallOptions {
  query?: QueryParams;
  body?: unknown;
}

/** One JSON call, its reply checked against the contract schema. */
export async function call<S extends z.ZodType>(method: Method, path: string, schema: S, options: CallOptions = {}): Promise<z.output<S>> {
  const response = await fetchChecked(method, path, options.query, options.body, 'application/json');
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`unexpected reply from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'INTERNAL', translateUi(getLocale(), 'error.badResponse'));
  }
  return parsed.data;
}

/** A file download (GET): the body as a blob and the file name the server suggests. */
export async function fetchFile(path: string, query?: QueryParams): Promise<{ blob: Blob; contentDisposition: string | null }> {
  const response = await fetchChecked('GET', path, query, undefined, '*/*');
  return { blob: await response.blob(), contentDisposition: response.headers.get('content-disposition') };
}
