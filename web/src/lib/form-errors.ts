import type { FormInstance } from 'antd';

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The name paths of what an onValuesChange reports as changed: each top-level name, and inside
 * nested objects and list rows every changed leaf (a list reports only its changed row, the
 * others as holes).
 */
export function changedPaths(changed: object): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) if (item !== undefined) walk(item, [...path, index]);
    } else if (isPlain(value)) for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  for (const [name, value] of Object.entries(changed)) walk(value, [name]);
  return out;
}

/**
 * Errors put on fields by `form.setFields` (client-side schema check or the server) stay until
 * replaced; a field the user edits loses its error right away, in a list row or a nested
 * section too. Use as the form's onValuesChange.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function clearErrorsOnChange(form: FormInstance<any>) {
  return (changed: object) => form.setFields(changedPaths(changed).map((name) => ({ name, errors: [] })));
}

/** Clear every field error, before a new round of errors is shown. */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function clearAllErrors(form: FormInstance<any>): void {
  form.setFields(form.getFieldsError().map((entry) => ({ name: entry.name, errors: [] })));
}
