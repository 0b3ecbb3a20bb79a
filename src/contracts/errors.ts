import { z } from 'zod';

/**
 * The closed list of error codes the API returns, each with its HTTP status.
 * Add a member only with a comment saying who throws it and how callers react.
 */
export const ERROR_STATUS = {
  /** Request body/query/params failed its schema, or a field-level business check. Callers show `details.fields` on the form. */
  VALIDATION_FAILED: 400,
  /** No session, or the session expired/was revoked. Callers go to the login page. */
  UNAUTHENTICATED: 401,
  /** Login failed: wrong user or password, or the account is locked or disabled (one unchanged message on purpose). Callers show the message. */
  INVALID_CREDENTIALS: 401,
  /** The second factor was wrong or the login challenge expired. Callers let the user retry or restart the login. */
  INVALID_TOTP: 401,
  /** The role may not do this action at all. Callers show the 403 page. */
  FORBIDDEN: 403,
  /** Missing or stale CSRF token on a write. Callers reload the session and retry once. */
  CSRF_FAILED: 403,
  /** The row does not exist or lies outside the caller's jurisdiction (never distinguished). Callers show the 404 page. */
  NOT_FOUND: 404,
  /** Stale version on an edit, or a uniqueness clash. Callers reload and let the user re-apply. */
  CONFLICT: 409,
  /** Body too large. Callers tell the user the limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** Content type other than JSON (or multipart where accepted). Programming error on the client side. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A rule of the domain refuses the request (e.g. disabling the last security admin). Callers show the message. */
  BUSINESS_RULE_VIOLATED: 422,
  /** The password must be changed (expired or set by an administrator) before anything else. Callers open the change-password page. */
  PASSWORD_CHANGE_REQUIRED: 428,
  /** Too many requests (login rate limit). Callers wait and retry. */
  RATE_LIMITED: 429,
  /** Anything unexpected; the detail is only in the log under the request id. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z
      .object({
        fields: z.array(FieldErrorSchema).optional(),
        requestId: z.string().optional(),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
