/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character set (no I, O, S, V, Z); position 18 is a weighted mod-31 check.
 * See shared/standards/uscc.md.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31 for i = 1..17. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** Trim, upper-case and fold full-width characters (e.g. `９１４３…`) to ASCII. */
export function normalizeUscc(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** The check character for a 17-character prefix, or null when a character is outside the set. */
export function usccCheckCharacter(prefix17: string): string | null {
  if (prefix17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(prefix17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET.charAt(check);
}

/** True when the (already normalised) code has 18 valid characters and a correct check character. */
export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  const expected = usccCheckCharacter(code.slice(0, 17));
  return expected !== null && expected === code.charAt(17);
}
