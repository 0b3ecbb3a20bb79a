import type { FieldError } from '../../../src/contracts/index.js';
import { isApiError } from './client';

/** Where the error happened: loading a page's data, or an action the user took (a save, a click). */
export type Phase = 'load' | 'action';

/** What the UI does about an error; `applyFeedback` (feedback-provider.tsx) carries it out. */
export type Feedback =
  | { kind: 'fields'; fields: FieldError[]; message: string }
  | { kind: 'login' }
  | { kind: 'change-password' }
  | { kind: 'result'; status: 403 | 404 }
  | { kind: 'conflict'; message: string }
  | { kind: 'message'; message: string };

export interface FeedbackContext {
  phase: Phase;
  /** A form is open that can show field errors. */
  hasForm?: boolean;
}

/**
 * Decide, from the error code alone, how the user hears about an error (see errors.ts in the
 * contracts for what each code means). Pure, so the whole table is tested.
 */
export function decideFeedback(error: unknown, context: FeedbackContext, fallbackMessage: string): Feedback {
  if (!isApiError(error)) return { kind: 'message', message: fallbackMessage };
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return { kind: 'login' };
    case 'PASSWORD_CHANGE_REQUIRED':
      return { kind: 'change-password' };
    case 'FORBIDDEN':
      return context.phase === 'load' ? { kind: 'result', status: 403 } : { kind: 'message', message: error.message };
    case 'NOT_FOUND':
      return context.phase === 'load' ? { kind: 'result', status: 404 } : { kind: 'message', message: error.message };
    case 'CONFLICT':
      // A uniqueness clash is a 409 too, but it names its field: show it there.
      if (context.hasForm && error.fields.length > 0) return { kind: 'fields', fields: error.fields, message: error.message };
      return { kind: 'conflict', message: error.message };
    default:
      if (context.hasForm && error.fields.length > 0) return { kind: 'fields', fields: error.fields, message: error.message };
      return { kind: 'message', message: error.message };
  }
}

/**
 * Split field errors into those the open form can show on a field and the rest
 * (which go to a message). Several messages for one path are kept together.
 */
export function splitFieldErrors(
  fields: readonly FieldError[],
  formPaths: readonly string[],
): { onForm: { name: string[]; errors: string[] }[]; elsewhere: FieldError[] } {
  const known = new Set(formPaths);
  const byPath = new Map<string, string[]>();
  const elsewhere: FieldError[] = [];
  for (const field of fields) {
    if (!known.has(field.path)) {
      elsewhere.push(field);
      continue;
    }
    const list = byPath.get(field.path) ?? [];
    if (!list.includes(field.message)) list.push(field.message);
    byPath.set(field.path, list);
  }
  const onForm = [...byPath].map(([path, errors]) => ({ name: path.split('.'), errors }));
  return { onForm, elsewhere };
}
