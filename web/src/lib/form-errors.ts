import type { FormInstance } from 'antd';

/**
 * Errors put on fields by `form.setFields` (client-side schema check or the server) stay until
 * replaced; a field the user edits loses its error right away. Use as the form's onValuesChange.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function clearErrorsOnChange(form: FormInstance<any>) {
  return (changed: object) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })));
}

/** Clear every field error, before a new round of errors is shown. */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function clearAllErrors(form: FormInstance<any>): void {
  form.setFields(form.getFieldsError().map((entry) => ({ name: entry.name, errors: [] })));
}
