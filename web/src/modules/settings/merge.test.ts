import { describe, expect, it } from 'vitest';
import { mergeSettings } from './merge';

describe(mergeSettings.name, () => {
  const stored = {
    dealSources: [{ key: 'a' }],
    filingDeadlineDays: 10,
    threeQuantities: { rdShareFloor: 0.03, energyIntensityCeiling: 0.3, taxPerMuFloor: 15 },
    reporting: { dueDay: 5 },
  };

  it('keeps the sections the page does not edit', () => {
    expect(mergeSettings(stored, { filingDeadlineDays: 7 })).toEqual({ ...stored, filingDeadlineDays: 7 });
  });

  it('merges a section edited in part and replaces lists', () => {
    const merged = mergeSettings(stored, {
      threeQuantities: { rdShareFloor: 0.05 } as typeof stored.threeQuantities,
      dealSources: [{ key: 'b' }],
    });
    expect(merged.threeQuantities).toEqual({ rdShareFloor: 0.05, energyIntensityCeiling: 0.3, taxPerMuFloor: 15 });
    expect(merged.dealSources).toEqual([{ key: 'b' }]);
    expect(merged.reporting).toEqual({ dueDay: 5 });
  });
});
