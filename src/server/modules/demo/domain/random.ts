/**
 * A small seeded pseudo-random generator for the demo (never Math.random): the same seed gives
 * the same sequence on every machine and Node version, so the demo is the same on every start.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded from a string by a 32-bit FNV-1a
 * variant; `fork(label)` gives an independent stream, so adding draws to one part of the
 * generator does not shift every other part.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    const h = (salt: number) => {
      let x = (0x811c9dc5 ^ salt) >>> 0;
      for (let i = 0; i < seed.length; i++) {
        x ^= seed.charCodeAt(i);
        x = Math.imul(x, 0x01000193) >>> 0;
      }
      return x;
    };
    this.a = h(1);
    this.b = h(2);
    this.c = h(3);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** An independent stream named by `label` under this seed. */
  fork(label: string): Random {
    return new Random(`${this.seed}/${label}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the entries, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries.at(-1)![0];
  }

  /** Log-uniform in [min, max]: as many values between 1 and 10 as between 10 and 100. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.real(Math.log(min), Math.log(max)));
  }

  /** Approximately normal (sum of four uniforms), mean 0 and standard deviation 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/**
 * Split `total` (an integer, e.g. in 万元) into integer parts proportional to `weights`,
 * summing to `total` exactly (largest remainder method; ties go to the earlier part).
 */
export function apportion(total: bigint, weights: readonly number[]): bigint[] {
  if (total < 0n) throw new Error('apportion of a negative total');
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (weights.length === 0) throw new Error('apportion over no parts');
  if (sum <= 0) {
    const out = weights.map(() => 0n);
    out[0] = total;
    return out;
  }
  // Scale the weights to integers so the arithmetic is exact.
  const scaled = weights.map((w) => BigInt(Math.round((Math.max(0, w) / sum) * 1e12)));
  const scaledSum = scaled.reduce((a, b) => a + b, 0n);
  const parts = scaled.map((w) => (total * w) / scaledSum);
  const remainders = scaled.map((w, i) => ({ i, r: (total * w) % scaledSum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    if (scaled[i] === 0n) continue;
    parts[i]! += 1n;
    left--;
  }
  return parts;
}
