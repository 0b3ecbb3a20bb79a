import { usccCheckCharacter } from '../../../../contracts/index.js';

const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A valid credit code (GB 32100) for an enterprise (9, 1) registered in `division`, from an
 * 8-character body: position 17 is the body's GB 11714 check, position 18 the GB 32100 one.
 * Throws when the body has a character outside the credit-code set (I, O, S, V, Z).
 */
export function demoUscc(division: string, body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charAt(i);
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (GB11714_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  const orgCheck = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  const prefix = `91${division}${body}${orgCheck}`;
  const check = usccCheckCharacter(prefix);
  if (check === null) throw new Error(`${body} has characters outside the credit-code set`);
  return prefix + check;
}
