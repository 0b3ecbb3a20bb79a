import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../../../src/contracts/index.js';
import { ApiError } from './client';
import { decideFeedback, type Phase, splitFieldErrors } from './feedback';

const FALLBACK = 'fallback';
const field = { path: 'nameZh', message: '必填' };

function errorOf(code: ErrorCode, fields = [] as { path: string; message: string }[]) {
  return new ApiError(ERROR_STATUS[code], code, `msg ${code}`, fields);
}

describe(decideFeedback.name, () => {
  const cases: [ErrorCode, Phase, boolean, ReturnType<typeof decideFeedback>][] = [
    ['UNAUTHENTICATED', 'action', false, { kind: 'login' }],
    ['UNAUTHENTICATED', 'load', false, { kind: 'login' }],
    ['PASSWORD_CHANGE_REQUIRED', 'action', true, { kind: 'change-password' }],
    ['FORBIDDEN', 'load', false, { kind: 'result', status: 403 }],
    ['FORBIDDEN', 'action', false, { kind: 'message', message: 'msg FORBIDDEN' }],
    ['NOT_FOUND', 'load', false, { kind: 'result', status: 404 }],
    ['NOT_FOUND', 'action', true, { kind: 'message', message: 'msg NOT_FOUND' }],
    ['CONFLICT', 'action', true, { kind: 'conflict', message: 'msg CONFLICT' }],
    ['INVALID_CREDENTIALS', 'action', true, { kind: 'message', message: 'msg INVALID_CREDENTIALS' }],
    ['BUSINESS_RULE_VIOLATED', 'action', true, { kind: 'message', message: 'msg BUSINESS_RULE_VIOLATED' }],
    ['RATE_LIMITED', 'action', false, { kind: 'message', message: 'msg RATE_LIMITED' }],
    ['INTERNAL', 'load', false, { kind: 'message', message: 'msg INTERNAL' }],
    ['CSRF_FAILED', 'action', false, { kind: 'message', message: 'msg CSRF_FAILED' }],
  ];
  it.each(cases)('%s during %s (form: %s)', (code, phase, hasForm, expected) => {
    expect(decideFeedback(errorOf(code), { phase, hasForm }, FALLBACK)).toEqual(expected);
  });

  it('puts field errors on the form when one is open', () => {
    expect(decideFeedback(errorOf('VALIDATION_FAILED', [field]), { phase: 'action', hasForm: true }, FALLBACK)).toEqual({
      kind: 'fields',
      fields: [field],
      message: 'msg VALIDATION_FAILED',
    });
  });

  it('shows field errors as a message when no form is open', () => {
    expect(decideFeedback(errorOf('VALIDATION_FAILED', [field]), { phase: 'action' }, FALLBACK).kind).toBe('message');
  });

  it('shows a uniqueness clash (409 with a field) on the field, a stale version as conflict', () => {
    const clash = errorOf('CONFLICT', [{ path: 'code', message: 'dup' }]);
    expect(decideFeedback(clash, { phase: 'action', hasForm: true }, FALLBACK).kind).toBe('fields');
    expect(decideFeedback(errorOf('CONFLICT'), { phase: 'action', hasForm: true }, FALLBACK).kind).toBe('conflict');
  });

  it('uses the fallback message for anything that is not an ApiError', () => {
    expect(decideFeedback(new TypeError('x is undefined'), { phase: 'action' }, FALLBACK)).toEqual({ kind: 'message', message: FALLBACK });
  });

  it('has an answer for every error code', () => {
    for (const code of ERROR_CODES) {
      for (const phase of ['load', 'action'] as const) {
        expect(decideFeedback(errorOf(code), { phase }, FALLBACK).kind).toBeTruthy();
      }
    }
  });
});

describe(splitFieldErrors.name, () => {
  it('groups messages by field and keeps unknown paths for a message', () => {
    const result = splitFieldErrors(
      [
        { path: 'code', message: 'a' },
        { path: 'code', message: 'b' },
        { path: 'code', message: 'a' },
        { path: 'version', message: 'c' },
        { path: '', message: 'd' },
      ],
      ['code', 'nameZh'],
    );
    expect(result.onForm).toEqual([{ name: ['code'], errors: ['a', 'b'] }]);
    expect(result.elsewhere).toEqual([
      { path: 'version', message: 'c' },
      { path: '', message: 'd' },
    ]);
  });

  it('splits nested paths into form name arrays', () => {
    expect(splitFieldErrors([{ path: 'a.b', message: 'x' }], ['a.b']).onForm).toEqual([{ name: ['a', 'b'], errors: ['x'] }]);
  });
});
