import type { z } from 'zod';
import type { FieldError } from './errors.js';
import { isMessageKey, type Locale, type MessageKey, translate } from './messages.js';

type Issue = z.core.$ZodIssue;

/** Turn zod issues into field errors with messages in the caller's language. */
export function formatIssues(issues: readonly Issue[], locale: Locale): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown key, so a form (or a client developer) sees exactly which field is refused.
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: translate(locale, 'validation.unknownField', { keys: key }),
      }));
    }
    return [{ path: path.join('.'), message: issueMessage(issue, locale) }];
  });
}

function issueMessage(issue: Issue, locale: Locale): string {
  if (isMessageKey(issue.message)) {
    const params = (issue as { params?: Record<string, string | number> }).params;
    return translate(locale, issue.message, params);
  }
  const say = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of issues; its own message names what it received.
      return /received undefined/.test(issue.message) ? say('validation.required') : say('validation.invalidType');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? say('validation.required') : say('validation.tooShort', { min: Number(issue.minimum) });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return say('validation.required');
      return say(issue.inclusive === false ? 'validation.mustExceed' : 'validation.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return say('validation.tooLong', { max: Number(issue.maximum) });
      return say('validation.tooBig', { max: String(issue.maximum) });
    case 'invalid_value':
      return say('validation.invalidValue');
    case 'invalid_format':
      return say('validation.invalidFormat');
    default:
      return say('validation.invalidFormat');
  }
}
