import { describe, expect, it } from 'vitest';
import { projectCodeGeneration, ProjectCodeSchema } from '../../../../contracts/projects.js';
import { checkProjectData, diffSnapshots, projectStage } from './rules.js';

describe('ProjectCodeSchema', () => {
  it('accepts the 24-character code with hyphens and rejects malformed ones', () => {
    expect(ProjectCodeSchema.parse('2201-430400-04-01-12345a')).toBe('2201-430400-04-01-12345A');
    for (const bad of ['2201430400040112345', '2201-430400-04-01-1234', '22O1-430400-04-01-123456', '2201-430400-4-01-123456', '']) {
      expect(ProjectCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
  it('tells the current and the legacy generation apart by the heuristic', () => {
    expect(projectCodeGeneration('2201-430400-04-01-123456')).toBe('current');
    expect(projectCodeGeneration('2018-430400-26-03-001234')).toBe('legacy');
    expect(projectCodeGeneration('2299-430400-04-01-123456')).toBe('unknown');
  });
});

describe(projectStage.name, () => {
  it('follows the actual dates', () => {
    expect(projectStage([])).toBe('preparing');
    expect(projectStage([{ kind: 'start', plannedOn: '2022-03-01' }])).toBe('preparing');
    expect(projectStage([{ kind: 'start', actualOn: '2022-03-01' }])).toBe('under_construction');
    expect(
      projectStage([
        { kind: 'start', actualOn: '2022-03-01' },
        { kind: 'completion', actualOn: '2023-06-01' },
      ]),
    ).toBe('completed');
    expect(projectStage([{ kind: 'production', actualOn: '2023-09-01' }])).toBe('in_production');
    expect(projectStage([{ kind: 'start', actualOn: '2022-03-01' }], '2022-02-01')).toBe('preparing');
  });
});

describe(checkProjectData.name, () => {
  it('finds every problem with its field path', () => {
    const problems = checkProjectData(
      {
        plannedStartOn: '2022-05-01',
        plannedEndOn: '2022-04-01',
        milestones: [
          { kind: 'start', actualOn: '2023-01-01' },
          { kind: 'start', plannedOn: '2022-05-01' },
        ],
        annualPlans: [
          { year: 2022, plannedInvestment: '1200', monthly: Array(12).fill('100') },
          { year: 2022, plannedInvestment: '1000', monthly: Array(12).fill('100') },
        ],
      },
      '2022-12-31',
    );
    expect(problems).toEqual([
      { path: 'plannedEndOn', key: 'project.datesOrder' },
      { path: 'milestones.0.actualOn', key: 'project.actualInFuture' },
      { path: 'milestones.1.kind', key: 'project.duplicateMilestone' },
      { path: 'annualPlans.1.year', key: 'project.duplicateYear' },
      { path: 'annualPlans.1.monthly', key: 'project.monthlySum', params: { sum: '1,200', planned: '1,000' } },
    ]);
  });
});

describe(diffSnapshots.name, () => {
  it('lists changed fields only', () => {
    expect(diffSnapshots({ a: 1, b: [1], c: null }, { a: 1, b: [2], d: 'x' })).toEqual({
      b: { before: [1], after: [2] },
      d: { before: null, after: 'x' },
    });
  });
});
