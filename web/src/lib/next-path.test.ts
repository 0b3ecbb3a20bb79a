import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './next-path';

describe(safeNextPath.name, () => {
  it('keeps paths inside the app', () => {
    expect(safeNextPath('/org/units?page=2')).toBe('/org/units?page=2');
  });

  it('refuses other sites, empty values and the sign-in page itself', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'org',
      '/login',
      '/login?next=/x',
    ]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });
});

describe(loginPathFor.name, () => {
  it('remembers the target unless it is the workbench', () => {
    expect(loginPathFor('/audit?result=denied')).toBe(`/login?next=${encodeURIComponent('/audit?result=denied')}`);
    expect(loginPathFor('/')).toBe('/login');
  });
});
