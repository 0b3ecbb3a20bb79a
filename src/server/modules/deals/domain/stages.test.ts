import { describe, expect, it } from 'vitest';
import { checkTransition, lastActiveStage, reachedStage } from './stages.js';

const base = { signedOn: '2022-02-10', today: '2022-12-31' };

describe(checkTransition.name, () => {
  it('allows moving forward, skipping stages, without a reason', () => {
    expect(
      checkTransition({
        ...base,
        history: [{ toStage: 'signed', occurredOn: '2022-02-10' }],
        to: 'landed',
        on: '2022-04-01',
        reason: null,
      }),
    ).toEqual([]);
  });
  it('needs a reason to stall, terminate or move back', () => {
    const history = [
      { toStage: 'signed' as const, occurredOn: '2022-02-10' },
      { toStage: 'landed' as const, occurredOn: '2022-04-01' },
    ];
    for (const to of ['stalled', 'terminated', 'fulfilling'] as const) {
      expect(checkTransition({ ...base, history, to, on: '2022-05-01', reason: ' ' })).toEqual(['deal.reasonRequired']);
      expect(checkTransition({ ...base, history, to, on: '2022-05-01', reason: '土地未落实' })).toEqual([]);
    }
  });
  it('resuming from stalled compares with the last active stage', () => {
    const history = [
      { toStage: 'signed' as const, occurredOn: '2022-02-10' },
      { toStage: 'started' as const, occurredOn: '2022-04-01' },
      { toStage: 'stalled' as const, occurredOn: '2022-05-01' },
    ];
    expect(lastActiveStage(history)).toBe('started');
    expect(checkTransition({ ...base, history, to: 'started', on: '2022-06-01', reason: null })).toEqual([]);
    expect(checkTransition({ ...base, history, to: 'landed', on: '2022-06-01', reason: null })).toEqual(['deal.reasonRequired']);
  });
  it('refuses dates before signing, before the previous change, or in the future', () => {
    const history = [
      { toStage: 'signed' as const, occurredOn: '2022-02-10' },
      { toStage: 'fulfilling' as const, occurredOn: '2022-03-01' },
    ];
    expect(checkTransition({ ...base, history, to: 'landed', on: '2022-01-01', reason: null })).toEqual(['deal.dateBeforeSigning']);
    expect(checkTransition({ ...base, history, to: 'landed', on: '2022-02-20', reason: null })).toEqual(['deal.dateBeforePrevious']);
    expect(checkTransition({ ...base, history, to: 'landed', on: '2023-01-01', reason: null })).toEqual(['deal.dateInFuture']);
  });
  it('a terminated deal stays terminated; the same stage is no change', () => {
    expect(
      checkTransition({
        ...base,
        history: [{ toStage: 'terminated', occurredOn: '2022-03-01' }],
        to: 'started',
        on: '2022-04-01',
        reason: 'x',
      }),
    ).toEqual(['deal.terminated']);
    expect(
      checkTransition({
        ...base,
        history: [{ toStage: 'signed', occurredOn: '2022-02-10' }],
        to: 'signed',
        on: '2022-04-01',
        reason: null,
      }),
    ).toEqual(['deal.sameStage']);
  });
});

describe(reachedStage.name, () => {
  const history = [
    { toStage: 'signed' as const, occurredOn: '2022-02-10' },
    { toStage: 'landed' as const, occurredOn: '2022-04-01' },
    { toStage: 'stalled' as const, occurredOn: '2022-06-01' },
    { toStage: 'fulfilling' as const, occurredOn: '2022-07-01' },
  ];
  it('is the latest active stage on the date', () => {
    expect(reachedStage('2022-02-10', history, '2022-02-01')).toBeNull();
    expect(reachedStage('2022-02-10', history, '2022-03-31')).toBe('signed');
    expect(reachedStage('2022-02-10', history, '2022-04-01')).toBe('landed');
    // Stalled keeps what was reached; a correction back lowers it.
    expect(reachedStage('2022-02-10', history, '2022-06-15')).toBe('landed');
    expect(reachedStage('2022-02-10', history, '2022-07-01')).toBe('fulfilling');
  });
  it('counts a deal as signed even when its signing event is not in the history', () => {
    expect(reachedStage('2022-02-10', [], '2022-03-01')).toBe('signed');
  });
});
