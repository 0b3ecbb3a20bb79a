import type { FormInstance } from 'antd';
import { ApiError, isApiError } from '../../../api/client';

type NamePath = (string | number)[];

/**
 * Field errors name their field by a dotted path ("annualPlans.0.monthly"). Ant Design knows a
 * list row's field by a number (['annualPlans', 0, 'monthly']) and does not match the string
 * '0', so the indexes become numbers again before the errors are set.
 */
export function numericNamePath(name: readonly (string | number)[]): NamePath {
  return name.map((part) => (typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : part));
}

/** The form, with setFields taking dotted-path names as list rows need them (see numericNamePath). */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function withNumericPaths<T extends FormInstance<any>>(form: T): T {
  return {
    ...form,
    setFields: (fields: Parameters<T['setFields']>[0]) =>
      form.setFields(fields.map((field) => ({ ...field, name: Array.isArray(field.name) ? numericNamePath(field.name) : field.name }))),
  };
}

/**
 * The path itself when the form has such a field, else its nearest ancestor that is one
 * ("annualPlans.0.monthly.3" → "annualPlans.0.monthly", shown under the twelve months);
 * the path unchanged when nothing matches (the error then goes to a message).
 */
export function nearestKnownPath(path: string, known: ReadonlySet<string>): string {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join('.');
    if (known.has(candidate)) return candidate;
  }
  return path;
}

/**
 * The same error with its field paths rewritten: first by `remap` (e.g. the index of a
 * submitted milestone → its row in the form), then to the nearest field the form has.
 */
export function fitFieldErrors(error: unknown, known: ReadonlySet<string>, remap: (path: string) => string = (path) => path): unknown {
  if (!isApiError(error) || error.fields.length === 0) return error;
  const fields = error.fields.map((field) => ({ ...field, path: nearestKnownPath(remap(field.path), known) }));
  return new ApiError(error.status, error.code, error.message, fields, error.requestId);
}

/** The dotted paths of every field a form has now. */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function formPaths(form: FormInstance<any>): Set<string> {
  return new Set(form.getFieldsError().map((entry) => entry.name.join('.')));
}

/**
 * Rewrite `prefix.<i>.…` paths by an index map: the i-th submitted entry was row map[i] of
 * the form (the form keeps empty rows the payload leaves out).
 */
export function remapIndex(prefix: string, map: readonly number[]): (path: string) => string {
  return (path) => {
    const match = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)(\\..*)?$`).exec(path);
    if (!match) return path;
    const row = map[Number(match[1])];
    return row === undefined ? path : `${prefix}.${row}${match[2] ?? ''}`;
  };
}
