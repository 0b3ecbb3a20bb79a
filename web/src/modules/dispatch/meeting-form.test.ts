import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { addFreeItem } from './agenda-edit';
import {
  decisionRequest,
  isOpenTask,
  listPageFromSearch,
  listSearchFromPage,
  meetingRequest,
  normalizeAttendees,
  parseDecision,
  parseMeeting,
  parseMeetingUpdate,
} from './meeting-form';

function fieldsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a validation error');
}

describe(normalizeAttendees.name, () => {
  it('splits pasted lists, trims and drops repeats', () => {
    expect(normalizeAttendees(['市发改委、市自然资源和规划局', ' 珠晖区 ', '市发改委', '耒阳市，高新区;', ''])).toEqual([
      '市发改委',
      '市自然资源和规划局',
      '珠晖区',
      '耒阳市',
      '高新区',
    ]);
    expect(normalizeAttendees(undefined)).toEqual([]);
  });
});

describe(parseMeetingUpdate.name, () => {
  it('sends the version and everything but the date, checked with the contract schema', () => {
    const agenda = addFreeItem([], '安全生产');
    const body = parseMeetingUpdate({ title: '', chair: '王市长', attendees: ['市财政局'] }, agenda, 4, 'zh-CN');
    expect(body).toMatchObject({ version: 4, title: null, chair: '王市长', attendees: ['市财政局'] });
    expect(body).not.toHaveProperty('heldOn');
    expect(body.agenda?.map((item) => item.title)).toEqual(['安全生产']);
    expect(fieldsOf(() => parseMeetingUpdate({ chair: ' ' }, agenda, 4, 'zh-CN'))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'chair', message: '必填' }],
    });
  });
});

describe(meetingRequest.name, () => {
  it('maps the form and the edited agenda to the request', () => {
    const agenda = addFreeItem([], '一季度开门红工作安排');
    expect(meetingRequest({ heldOn: '2026-03-02', title: '  ', chair: ' 李副市长 ', attendees: ['市发改委、珠晖区'] }, agenda)).toEqual({
      heldOn: '2026-03-02',
      title: null,
      chair: '李副市长',
      attendees: ['市发改委', '珠晖区'],
      agenda: [
        {
          kind: 'other',
          projectId: null,
          problemId: null,
          title: '一季度开门红工作安排',
          reason: 'manual',
          detail: null,
          carriedFromMeetingId: null,
        },
      ],
    });
  });

  it('is checked with the contract schema, with Chinese messages', () => {
    const parsed = parseMeeting({ heldOn: '2026-03-02', chair: '李副市长', title: '第十周调度会' }, [], 'zh-CN');
    expect(parsed).toMatchObject({ heldOn: '2026-03-02', chair: '李副市长', title: '第十周调度会', attendees: [], agenda: [] });
    const result = fieldsOf(() => parseMeeting({ heldOn: '2026-02-30', chair: ' ' }, [], 'zh-CN'));
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.fields).toEqual([
      { path: 'heldOn', message: '日期格式应为 YYYY-MM-DD 且真实存在' },
      { path: 'chair', message: '必填' },
    ]);
  });
});

describe(decisionRequest.name, () => {
  it('leaves the task out unless asked, and fills its defaults', () => {
    expect(decisionRequest({ text: ' 倒排工期 ', agendaPosition: 2, task: { leadUnitId: 5 } })).toEqual({
      text: '倒排工期',
      agendaPosition: 2,
    });
    expect(
      decisionRequest({ text: '两周内完成用地报批', withTask: true, task: { leadUnitId: 5, leadPerson: ' ', deadline: '2026-03-13' } }),
    ).toEqual({
      text: '两周内完成用地报批',
      agendaPosition: null,
      task: { category: 'other', leadUnitId: 5, leadPerson: null, deadline: '2026-03-13' },
    });
  });

  it('is checked with the contract schema: nested empty fields are required, in Chinese or English', () => {
    expect(
      parseDecision(
        {
          text: '两周内完成用地报批',
          agendaPosition: 0,
          withTask: true,
          task: { category: 'land', leadUnitId: 5, leadPerson: '王局长', deadline: '2026-03-13' },
        },
        'zh-CN',
      ),
    ).toEqual({
      text: '两周内完成用地报批',
      agendaPosition: 0,
      task: { category: 'land', leadUnitId: 5, leadPerson: '王局长', deadline: '2026-03-13' },
    });
    const zh = fieldsOf(() => parseDecision({ text: '', withTask: true, task: {} }, 'zh-CN'));
    expect(zh.fields).toEqual([
      { path: 'text', message: '必填' },
      { path: 'task.leadUnitId', message: '必填' },
      { path: 'task.deadline', message: '必填' },
    ]);
    const en = fieldsOf(() => parseDecision({ text: 'x', withTask: true, task: { leadUnitId: 5, deadline: '2026-13-01' } }, 'en-US'));
    expect(en.fields).toEqual([{ path: 'task.deadline', message: 'A date is written YYYY-MM-DD and must exist' }]);
  });
});

describe(listPageFromSearch.name, () => {
  it('reads page and size from the URL, with defaults, and round-trips', () => {
    expect(listPageFromSearch(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 20 });
    expect(listPageFromSearch(new URLSearchParams('page=3&pageSize=50'))).toEqual({ page: 3, pageSize: 50 });
    expect(listPageFromSearch(new URLSearchParams('page=0&pageSize=999'))).toEqual({ page: 1, pageSize: 20 });
    expect(listSearchFromPage(1, 20)).toEqual({});
    expect(listPageFromSearch(new URLSearchParams(listSearchFromPage(4, 50)))).toEqual({ page: 4, pageSize: 50 });
  });
});

describe(isOpenTask.name, () => {
  it('is open until resolved', () => {
    expect(['raised', 'assigned', 'in_progress', 'resolved', 'confirmed'].map(isOpenTask)).toEqual([true, true, true, false, false]);
  });
});
