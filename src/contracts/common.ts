import { z } from 'zod';

/** Shared limits, named once (forms and server use the same numbers). */
export const LIMITS = {
  pageSizeMax: 200,
  pageSizeDefault: 20,
  nameMax: 100,
  searchMax: 100,
  bodyBytes: 1_048_576,
} as const;

/** Row ids are positive integers; a path segment that is not one is a 404, never a 500. */
export const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const IdParamsSchema = z.object({ id: IdSchema }).strict();
export type IdParams = z.infer<typeof IdParamsSchema>;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

/** A query-string boolean: only the literal strings are accepted. */
export const QueryBooleanSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
  });
}

/** Optimistic concurrency: every edit names the version it was based on. */
export const VersionSchema = z.number().int().positive();

export const IsoDateTimeSchema = z.string();

export const OkSchema = z.object({ ok: z.literal(true) });
