import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../../src/contracts/index.js';
import { agendaLabel, meetingTasks } from './meeting-tasks';

const agendaItem = (position: number, over: Partial<Meeting['agenda'][number]>): Meeting['agenda'][number] => ({
  position,
  kind: 'project',
  projectId: null,
  projectName: null,
  problemId: null,
  problemStatus: null,
  title: `议题${position}`,
  reason: 'red',
  detail: null,
  carriedFromMeetingId: null,
  ...over,
});

const MEETING: Pick<Meeting, 'agenda' | 'decisions'> = {
  agenda: [
    agendaItem(0, {
      kind: 'task',
      problemId: 7,
      problemStatus: 'in_progress',
      title: '上周交办',
      reason: 'carried',
      carriedFromMeetingId: 3,
    }),
    agendaItem(1, { kind: 'problem', problemId: 9, problemStatus: 'assigned', reason: 'overdue' }),
    agendaItem(2, {}),
  ],
  decisions: [
    { id: 11, position: 0, agendaPosition: 2, text: '倒排工期', task: null },
    {
      id: 12,
      position: 1,
      agendaPosition: null,
      text: '两周内完成用地报批',
      task: {
        problemId: 20,
        title: '两周内完成用地报批',
        leadUnitId: 5,
        leadUnitName: '市自然资源和规划局',
        leadPerson: '王局长',
        deadline: '2026-03-13',
        status: 'assigned',
      },
    },
  ],
};

describe(meetingTasks.name, () => {
  it('lists carried-over tasks first (marked), then the tasks handed out, each once', () => {
    expect(meetingTasks(MEETING)).toEqual([
      {
        key: 'a0',
        problemId: 7,
        title: '上周交办',
        leadUnitId: null,
        leadUnitName: null,
        leadPerson: null,
        deadline: null,
        status: 'in_progress',
        carriedFromMeetingId: 3,
      },
      {
        key: 'd12',
        problemId: 20,
        title: '两周内完成用地报批',
        leadUnitId: 5,
        leadUnitName: '市自然资源和规划局',
        leadPerson: '王局长',
        deadline: '2026-03-13',
        status: 'assigned',
        carriedFromMeetingId: null,
      },
    ]);
    expect(meetingTasks({ agenda: [], decisions: [] })).toEqual([]);
  });
});

describe(agendaLabel.name, () => {
  it('names the agenda item a decision answers', () => {
    expect(agendaLabel(MEETING, 2)).toEqual({ n: 3, title: '议题2' });
    expect(agendaLabel(MEETING, null)).toBeNull();
    expect(agendaLabel(MEETING, 8)).toBeNull();
  });
});
