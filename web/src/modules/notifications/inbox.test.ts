import { describe, expect, it } from 'vitest';
import { inAppLink } from './inbox';

describe(inAppLink.name, () => {
  it('follows paths inside the app', () => {
    expect(inAppLink('/problems/12')).toBe('/problems/12');
    expect(inAppLink('/dispatch/meetings/4')).toBe('/dispatch/meetings/4');
  });

  it('refuses other sites and empty links', () => {
    expect(inAppLink('https://example.com/x')).toBeNull();
    expect(inAppLink('//example.com/x')).toBeNull();
    expect(inAppLink('/\\example.com')).toBeNull();
    expect(inAppLink('javascript:alert(1)')).toBeNull();
    expect(inAppLink(null)).toBeNull();
    expect(inAppLink('')).toBeNull();
  });
});
