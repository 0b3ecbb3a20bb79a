import type { z } from 'zod';
import { ErrorBodySchema } from '../../contracts/index.js';

/** Response schemas of a route plus the error body every route may send (documented in OpenAPI). */
export function responses<T extends Record<number, z.ZodType>>(ok: T) {
  return { ...ok, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema };
}
