import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, usccCheckCharacter } from './uscc.js';
import { UsccSchema } from './org.js';

// Worked examples of shared/standards/uscc.md.
describe(isValidUscc.name, () => {
  it.each(['91350100M000100Y43', '91430400MA4L2B3C1E', '12430400445600121K', '52430482MJ6K8R1TX0'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['91430400MA4L2B3C1F', 'wrong check character'],
    ['12430400445600211K', 'adjacent transposition'],
    ['52430482MJ6K8R1TXO', 'letter O outside the character set'],
    ['91350100M000100Y4Z', 'the standard’s own invalid variant'],
    ['430400199001011234', 'an 18-digit personal id number'],
    ['914304001234567', '15-character business licence number'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('handles the r = 0 edge case (check value 31 becomes 0)', () => {
    expect(usccCheckCharacter('52430482MJ6K8R1TX')).toBe('0');
  });
});

describe(normalizeUscc.name, () => {
  it('trims, upper-cases and folds full-width characters', () => {
    expect(normalizeUscc(' ９１４３0400ma4l2b3c1e ')).toBe('91430400MA4L2B3C1E');
  });
});

describe('UsccSchema', () => {
  it('normalises before validating and reports the message key', () => {
    expect(UsccSchema.parse('91430400ma4l2b3c1e')).toBe('91430400MA4L2B3C1E');
    const result = UsccSchema.safeParse('91430400MA4L2B3C1F');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('uscc.invalid');
  });
});
