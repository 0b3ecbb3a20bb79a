import { describe, expect, it } from 'vitest';
import { decodeCsv, looksLikeText, parseCsv } from './csv.js';

describe(parseCsv.name, () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF or LF', () => {
    expect(parseCsv('a,b,c\r\n"1,5","say ""hi""","two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['1,5', 'say "hi"', 'two\nlines'],
    ]);
    expect(parseCsv('x,,y')).toEqual([['x', '', 'y']]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('"open,1\n')).toThrow();
  });
});

describe(decodeCsv.name, () => {
  it('reads UTF-8 with or without a byte order mark, and GB18030', () => {
    expect(decodeCsv(Buffer.from('\uFEFF税收,1', 'utf8'))).toBe('税收,1');
    expect(decodeCsv(Buffer.from('税收,1', 'utf8'))).toBe('税收,1');
    // "税收" in GBK: CB B0 CA D5.
    expect(decodeCsv(Buffer.from([0xcb, 0xb0, 0xca, 0xd5, 0x2c, 0x31]))).toBe('税收,1');
  });

  it('tells text from a zip or binary file', () => {
    expect(looksLikeText(Buffer.from('a,b\n1,2'))).toBe(true);
    expect(looksLikeText(Buffer.from([0x50, 0x4b, 3, 4]))).toBe(false);
    expect(looksLikeText(Buffer.from([1, 0, 2]))).toBe(false);
  });
});
