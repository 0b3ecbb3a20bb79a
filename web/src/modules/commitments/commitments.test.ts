import { describe, expect, it } from 'vitest';
import { CommitmentItemInputSchema, ITEM_KINDS } from '../../../../src/contracts/index.js';
import { amendmentChanges, itemFormValues, itemPayload, kindNeeds, kindsFor, readSnapshot } from './commitments';

describe(kindNeeds.name, () => {
  it('knows which inputs each kind takes', () => {
    expect(kindNeeds('project_milestone')).toEqual({ project: true, milestone: true, amount: false, count: false });
    expect(kindNeeds('project_investment')).toEqual({ project: true, milestone: false, amount: true, count: false });
    expect(kindNeeds('unit_investment')).toEqual({ project: false, milestone: false, amount: true, count: false });
    expect(kindNeeds('unit_starts')).toEqual({ project: false, milestone: false, amount: false, count: true });
    expect(kindNeeds('manual')).toEqual({ project: false, milestone: false, amount: false, count: false });
    expect(kindNeeds(undefined).project).toBe(false);
  });

  it('offers the hand-recorded kind first on a safety letter', () => {
    expect(kindsFor('safety', ITEM_KINDS)[0]).toBe('manual');
    expect(kindsFor('investment', ITEM_KINDS)).toEqual([...ITEM_KINDS]);
  });
});

describe(itemPayload.name, () => {
  it('sends only the inputs of the kind, so a switched kind leaves nothing behind', () => {
    const payload = itemPayload({
      kind: 'unit_investment',
      projectId: 12,
      milestoneKind: 'start',
      deadline: '2022-12-31',
      committedAmount: ' 50000 ',
      committedCount: 3,
      weight: null,
      description: '  ',
    });
    expect(payload).toEqual({ kind: 'unit_investment', deadline: '2022-12-31', committedAmount: '50000', weight: 1, description: null });
    expect(CommitmentItemInputSchema.safeParse(payload).success).toBe(true);
  });

  it('leaves a missing input out, so the schema reports it as required on its path', () => {
    const payload = itemPayload({ kind: 'project_milestone', projectId: 5, deadline: null, weight: 2 });
    expect(payload).toEqual({ kind: 'project_milestone', projectId: 5, milestoneKind: undefined, weight: 2, description: null });
    const result = CommitmentItemInputSchema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['deadline']);
  });

  it('round-trips an item of the API', () => {
    const values = itemFormValues({
      id: 1,
      position: 0,
      kind: 'project_start',
      projectId: 7,
      projectName: '光电子器件生产基地建设项目',
      milestoneKind: null,
      deadline: '2022-03-31',
      committedAmount: null,
      committedCount: null,
      weight: 1,
      description: null,
      status: 'pending',
      progress: 0,
      score: 0,
      actual: null,
      evidence: null,
    });
    expect(itemPayload(values)).toEqual({ kind: 'project_start', projectId: 7, deadline: '2022-03-31', weight: 1, description: null });
  });
});

describe(amendmentChanges.name, () => {
  const start = {
    kind: 'project_start',
    projectId: 7,
    milestoneKind: null,
    deadline: '2022-03-31',
    committedAmount: null,
    committedCount: null,
    weight: 1,
    description: null,
  };
  const investment = { ...start, kind: 'project_investment', deadline: '2022-12-31', committedAmount: '50000.00' };

  it('pairs items by position and names the inputs that changed', () => {
    const changes = amendmentChanges(
      [start, investment],
      [
        { ...start, deadline: '2022-05-31' },
        { ...investment, committedAmount: '50000' },
        { ...start, kind: 'manual', projectId: null },
      ],
    );
    expect(changes.map((c) => [c.change, c.fields])).toEqual([
      ['changed', ['deadline']],
      ['same', []],
      ['added', []],
    ]);
    expect(amendmentChanges([start, investment], [start]).map((c) => c.change)).toEqual(['same', 'removed']);
  });

  it('reads what it can of a stored snapshot and ignores the rest', () => {
    expect(readSnapshot('nonsense')).toEqual([]);
    expect(readSnapshot([{ kind: 'nope' }, start])).toHaveLength(1);
  });
});
