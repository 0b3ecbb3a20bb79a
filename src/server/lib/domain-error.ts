import type { ErrorCode, MessageKey } from '../../contracts/index.js';

export interface DomainFieldError {
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * What services and domain functions throw. It names a code from the closed list and,
 * optionally, a more precise message and field errors; the HTTP layer maps it to a status
 * and translates the messages. Never an HTTP exception.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly fields: DomainFieldError[] | undefined;
  constructor(
    code: ErrorCode,
    options: { key?: MessageKey; params?: Record<string, string | number>; fields?: DomainFieldError[]; cause?: unknown } = {},
  ) {
    super(options.key ?? code, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.key = options.key;
    this.params = options.params;
    this.fields = options.fields;
  }

  /** A single-field validation failure (shown on that form field). */
  static field(path: string, key: MessageKey, params?: Record<string, string | number>): DomainError {
    return new DomainError('VALIDATION_FAILED', { fields: [{ path, key, ...(params ? { params } : {}) }] });
  }
}

export const notFound = () => new DomainError('NOT_FOUND');
export const conflict = () => new DomainError('CONFLICT');
