import { describe, expect, it } from 'vitest';
import { mergeHistory } from './history';

const version = (n: number, at: string, kind: 'submission' | 'correction' = 'submission') => ({
  version: n,
  kind,
  investment: String(n * 10),
  progressText: null,
  problemsText: null,
  explanation: null,
  reason: kind === 'correction' ? '更正' : null,
  submittedBy: 'zhuhui',
  submittedAt: at,
});

describe(mergeHistory.name, () => {
  it('puts versions and returns on one time line, newest first', () => {
    const events = mergeHistory({
      projectId: 1,
      month: '2022-06',
      versions: [
        version(1, '2022-07-03T02:00:00.000Z'),
        version(2, '2022-07-06T02:00:00.000Z'),
        version(3, '2022-08-01T02:00:00.000Z', 'correction'),
      ],
      returns: [{ reason: '数据偏大', returnedBy: 'operator', returnedAt: '2022-07-04T02:00:00.000Z' }],
    });
    expect(events.map((e) => (e.type === 'version' ? `v${e.version.version}` : 'return'))).toEqual(['v3', 'v2', 'return', 'v1']);
  });

  it('is empty for a month never reported', () => {
    expect(mergeHistory({ projectId: 1, month: '2022-06', versions: [], returns: [] })).toEqual([]);
  });
});
