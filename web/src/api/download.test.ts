import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './download';

describe(filenameFromContentDisposition.name, () => {
  it('prefers the UTF-8 name (Chinese file names)', () => {
    const header = `attachment; filename="audit-2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志-2026-11-30.xlsx')}`;
    expect(filenameFromContentDisposition(header, 'x.xlsx')).toBe('审计日志-2026-11-30.xlsx');
  });

  it('falls back to the plain name, then to the given name', () => {
    expect(filenameFromContentDisposition('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx');
    expect(filenameFromContentDisposition('attachment; filename=b.xlsx', 'x.xlsx')).toBe('b.xlsx');
    expect(filenameFromContentDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFromContentDisposition(null, 'x.xlsx')).toBe('x.xlsx');
  });

  it('survives a badly encoded UTF-8 name', () => {
    expect(filenameFromContentDisposition(`attachment; filename="a.xlsx"; filename*=UTF-8''%E4%ZZ`, 'x.xlsx')).toBe('a.xlsx');
  });
});
