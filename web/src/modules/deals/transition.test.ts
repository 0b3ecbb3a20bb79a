import { describe, expect, it } from 'vitest';
import { lastActiveStage, transitionRules } from './transition';

const DEAL = { stage: 'fulfilling' as const, signedOn: '2022-03-01', projectId: null };
const HISTORY = [
  { toStage: 'signed' as const, occurredOn: '2022-03-01' },
  { toStage: 'fulfilling' as const, occurredOn: '2022-05-10' },
];

describe(lastActiveStage.name, () => {
  it('skips the side states', () => {
    expect(lastActiveStage([...HISTORY, { toStage: 'stalled' }])).toBe('fulfilling');
    expect(lastActiveStage([])).toBe('signed');
  });
});

describe(transitionRules.name, () => {
  const rules = transitionRules(DEAL, HISTORY, '2022-12-31');

  it('offers every other stage', () => {
    expect(rules.targets).toEqual(['signed', 'landed', 'started', 'in_production', 'stalled', 'terminated']);
    expect(rules.closed).toBe(false);
  });

  it('asks a reason to stall, terminate or move back, not to move forward', () => {
    expect(rules.reasonRequired('stalled')).toBe(true);
    expect(rules.reasonRequired('terminated')).toBe(true);
    expect(rules.reasonRequired('signed')).toBe(true);
    expect(rules.reasonRequired('landed')).toBe(false);
    expect(rules.reasonRequired('in_production')).toBe(false);
    expect(rules.reasonRequired(undefined)).toBe(false);
  });

  it('measures moving back from the last active stage of a stalled deal', () => {
    const stalled = transitionRules(
      { ...DEAL, stage: 'stalled' },
      [...HISTORY, { toStage: 'stalled', occurredOn: '2022-06-01' }],
      '2022-12-31',
    );
    expect(stalled.reasonRequired('fulfilling')).toBe(false);
    expect(stalled.reasonRequired('signed')).toBe(true);
    expect(stalled.earliest).toBe('2022-06-01');
  });

  it('offers a registry project on landing and beyond while none is linked', () => {
    expect(rules.asksForProject('landed')).toBe(true);
    expect(rules.asksForProject('started')).toBe(true);
    expect(rules.asksForProject('fulfilling')).toBe(false);
    expect(rules.asksForProject('stalled')).toBe(false);
    expect(transitionRules({ ...DEAL, projectId: 9 }, HISTORY, '2022-12-31').asksForProject('landed')).toBe(false);
  });

  it('keeps dates between the last change and today, and closes a terminated deal', () => {
    expect(rules.earliest).toBe('2022-05-10');
    expect(rules.latest).toBe('2022-12-31');
    const terminated = transitionRules({ ...DEAL, stage: 'terminated' }, HISTORY, '2022-12-31');
    expect(terminated.closed).toBe(true);
    expect(terminated.targets).toEqual([]);
  });
});
