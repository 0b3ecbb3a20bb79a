import { describe, expect, it } from 'vitest';
import { totalAfterPage } from './sql.js';

describe('totalAfterPage', () => {
  const counted = (n: number) => {
    const calls: number[] = [];
    const count = async () => {
      calls.push(1);
      return n;
    };
    return { calls, count };
  };

  it('takes the total from a page that is not full, without counting', async () => {
    const c = counted(999);
    expect(await totalAfterPage(7, 1, 20, c.count)).toBe(7);
    expect(await totalAfterPage(3, 4, 20, c.count)).toBe(63);
    expect(await totalAfterPage(0, 1, 20, c.count)).toBe(0);
    expect(c.calls).toEqual([]);
  });

  it('counts when a full page may have more behind it, or a page past the end is empty', async () => {
    const c = counted(41);
    expect(await totalAfterPage(20, 1, 20, c.count)).toBe(41);
    expect(await totalAfterPage(0, 5, 20, c.count)).toBe(41);
    expect(c.calls).toHaveLength(2);
  });
});
