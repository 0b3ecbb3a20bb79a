import { describe, expect, it } from 'vitest';
import { type ColumnStorage, loadColumns, saveColumns } from './columns';

function memory(initial: Record<string, string> = {}): ColumnStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

const ALL = ['code', 'unit', 'industry', 'stage', 'investment'];
const DEFAULTS = ['unit', 'stage', 'investment'];

describe(loadColumns.name, () => {
  it('gives the defaults when nothing or garbage was stored', () => {
    expect(loadColumns('k', ALL, DEFAULTS, memory())).toEqual(DEFAULTS);
    expect(loadColumns('k', ALL, DEFAULTS, memory({ k: '{oops' }))).toEqual(DEFAULTS);
    expect(loadColumns('k', ALL, DEFAULTS, memory({ k: '"code"' }))).toEqual(DEFAULTS);
    expect(loadColumns('k', ALL, DEFAULTS, undefined)).toEqual(DEFAULTS);
  });

  it('keeps only columns the table still has, in the table order', () => {
    expect(loadColumns('k', ALL, DEFAULTS, memory({ k: '["stage","gone","code",3]' }))).toEqual(['code', 'stage']);
    expect(loadColumns('k', ALL, DEFAULTS, memory({ k: '["gone"]' }))).toEqual(DEFAULTS);
  });

  it('reads back what was saved', () => {
    const store = memory();
    saveColumns('k', ['industry', 'code'], store);
    expect(loadColumns('k', ALL, DEFAULTS, store)).toEqual(['code', 'industry']);
  });

  it('survives a storage that refuses to write', () => {
    const store: ColumnStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(() => saveColumns('k', ['code'], store)).not.toThrow();
  });
});
