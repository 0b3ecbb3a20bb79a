import type { z } from 'zod';
import { type FieldError, formatIssues, type Locale, translate } from '../../../src/contracts/index.js';
import { ApiError } from '../api/client';

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** An optional text field left empty means "no value" (null) to the API. */
export function blankToNull<T>(value: T | undefined | null | ''): T | null {
  return isBlank(value) ? null : (value as T);
}

/** A required field left empty is simply missing, so the schema reports it as required. */
export function blankToUndefined<T>(value: T | undefined | null | ''): T | undefined {
  return isBlank(value) ? undefined : (value as T);
}

/**
 * Field errors for a payload, translated; an empty field reports "required" whatever the
 * schema's own complaint (an empty id picker is otherwise "invalid format").
 */
export function fieldErrorsFor(issues: readonly z.core.$ZodIssue[], values: Record<string, unknown>, locale: Locale): FieldError[] {
  const formatted = formatIssues(issues, locale);
  return formatted.map((field) => {
    const top = field.path.split('.')[0] ?? '';
    return top && isBlank(values[top]) ? { ...field, message: translate(locale, 'validation.required') } : field;
  });
}

/**
 * Check form values with the contract schema the server uses. Invalid values throw the same
 * ApiError (VALIDATION_FAILED with fields) a server refusal would, so one handler shows both.
 */
export function parseForm<S extends z.ZodType>(schema: S, values: Record<string, unknown>, locale: Locale): z.output<S> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw new ApiError(
    400,
    'VALIDATION_FAILED',
    translate(locale, 'error.VALIDATION_FAILED'),
    fieldErrorsFor(result.error.issues, values, locale),
  );
}

/** An Ant Design form rule that checks one field with a contract schema (empty fields are left to `required`). */
export function schemaRule(schema: z.ZodType, locale: Locale) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (isBlank(value)) return;
      const result = schema.safeParse(value);
      if (!result.success)
        throw new Error(formatIssues(result.error.issues, locale)[0]?.message ?? translate(locale, 'validation.invalidFormat'));
    },
  };
}
