import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  deadlineState,
  eventNote,
  listParamsFromSearch,
  listSearch,
  measuresFromText,
  metricsDrillDown,
  metricsParamsFromSearch,
  primaryCommand,
  uiCommands,
  waitingFor,
} from './problems';

const search = (text: string) => new URLSearchParams(text);

describe(listParamsFromSearch.name, () => {
  it('reads the filters and the page', () => {
    expect(listParamsFromSearch(search('status=assigned&state=overdue&category=land&unitId=7&q=%20road%20&page=2&pageSize=50'))).toEqual({
      status: 'assigned',
      state: 'overdue',
      category: 'land',
      unitId: 7,
      q: 'road',
      page: 2,
      pageSize: 50,
    });
  });

  it('leaves out what the API would refuse and defaults the page', () => {
    expect(
      listParamsFromSearch(search('status=lost&state=late&unitId=-1&leadUnitId=x&escalatedTo=mayor&raisedFrom=2026-13-01&pageSize=9999')),
    ).toEqual({ page: 1, pageSize: 20 });
    expect(listParamsFromSearch(search(''))).toEqual({ page: 1, pageSize: 20 });
  });

  it('keeps appeal filters: rating, source, lead unit, escalation, dates', () => {
    expect(
      listParamsFromSearch(
        search('rating=basic&source=enterprise&leadUnitId=3&escalatedTo=leader&raisedFrom=2026-01-01&raisedTo=2026-06-30'),
      ),
    ).toEqual({
      rating: 'basic',
      source: 'enterprise',
      leadUnitId: 3,
      escalatedTo: 'leader',
      raisedFrom: '2026-01-01',
      raisedTo: '2026-06-30',
      page: 1,
      pageSize: 20,
    });
  });
});

describe(listSearch.name, () => {
  it('writes only what differs from the defaults', () => {
    expect(listSearch({ page: 1, pageSize: 20 })).toBe('');
    expect(listSearch({ state: 'open', q: '', unitId: undefined, page: 3, pageSize: 50 })).toBe('?state=open&page=3&pageSize=50');
  });

  it('round-trips through the reader', () => {
    const params = { status: 'resolved' as const, leadUnitId: 12, page: 2, pageSize: 20 };
    expect(listParamsFromSearch(new URLSearchParams(listSearch(params).slice(1)))).toEqual(params);
  });
});

describe(metricsDrillDown.name, () => {
  it('links a unit row to its items and a lead row to the items it leads', () => {
    expect(metricsDrillDown('problem', 'unit', 5, 'overdue')).toBe('/problems?unitId=5&state=overdue');
    expect(metricsDrillDown('problem', 'lead', 9)).toBe('/problems?leadUnitId=9');
    expect(metricsDrillDown('appeal', 'lead', 9, 'closed', { raisedFrom: '2026-01-01' })).toBe(
      '/appeals?leadUnitId=9&state=closed&raisedFrom=2026-01-01',
    );
  });
});

describe(uiCommands.name, () => {
  it('shows only what the server allows, in workflow order', () => {
    expect(uiCommands('problem', ['reopen', 'confirm'])).toEqual(['confirm', 'reopen']);
    expect(uiCommands('problem', ['resolve', 'assign'])).toEqual(['assign', 'resolve']);
    expect(uiCommands('problem', [])).toEqual([]);
  });

  it('names the appeal commands as an appeal does, and never offers reply on a problem', () => {
    expect(uiCommands('appeal', ['assign', 'start'])).toEqual(['route', 'accept']);
    expect(uiCommands('appeal', ['reply', 'resolve', 'assign'])).toEqual(['route', 'reply', 'resolve']);
    expect(uiCommands('appeal', ['confirm', 'reopen'])).toEqual(['rate', 'reopen']);
    expect(uiCommands('problem', ['reply', 'resolve'])).toEqual(['resolve']);
  });
});

describe(primaryCommand.name, () => {
  it('picks the step the workflow waits for', () => {
    expect(primaryCommand(['assign', 'resolve'])).toBe('resolve');
    expect(primaryCommand(['rate', 'reopen'])).toBe('rate');
    expect(primaryCommand(['reopen'])).toBeUndefined();
  });
});

describe(deadlineState.name, () => {
  const today = '2026-11-30';
  it('follows the server on overdue and counts the days otherwise', () => {
    expect(deadlineState({ status: 'assigned', deadline: '2026-11-20', isOverdue: true }, today)).toBe('overdue');
    expect(deadlineState({ status: 'in_progress', deadline: '2026-12-02', isOverdue: false }, today)).toBe('dueSoon');
    expect(deadlineState({ status: 'in_progress', deadline: '2026-12-31', isOverdue: false }, today)).toBe('onTrack');
    expect(deadlineState({ status: 'raised', deadline: null, isOverdue: false }, today)).toBe('none');
  });

  it('has nothing to warn about once resolved', () => {
    expect(deadlineState({ status: 'resolved', deadline: '2026-11-01', isOverdue: false }, today)).toBe('closed');
    expect(deadlineState({ status: 'confirmed', deadline: '2026-11-01', isOverdue: true }, today)).toBe('closed');
  });
});

describe(daysBetween.name, () => {
  it('counts calendar days across months and years', () => {
    expect(daysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1);
  });
});

describe(measuresFromText.name, () => {
  it('takes one measure per non-blank line', () => {
    expect(measuresFromText(' 协调用地指标 \n\n  办理规划许可\r\n')).toEqual(['协调用地指标', '办理规划许可']);
    expect(measuresFromText(undefined)).toEqual([]);
  });
});

describe(waitingFor.name, () => {
  it('names who acts next', () => {
    expect(waitingFor('raised')).toBe('city');
    expect(waitingFor('in_progress')).toBe('lead');
    expect(waitingFor('resolved')).toBe('raiser');
    expect(waitingFor('confirmed')).toBe('none');
  });
});

describe(metricsParamsFromSearch.name, () => {
  it('reads the tab and the range, dropping a reversed range', () => {
    expect(metricsParamsFromSearch(search('tab=appeal&raisedFrom=2026-01-01&raisedTo=2026-06-30'))).toEqual({
      tab: 'appeal',
      raisedFrom: '2026-01-01',
      raisedTo: '2026-06-30',
    });
    expect(metricsParamsFromSearch(search('tab=nope&raisedFrom=2026-06-01&raisedTo=2026-01-01'))).toEqual({ tab: 'lead' });
    expect(metricsParamsFromSearch(search('raisedTo=2026-01-31'))).toEqual({ tab: 'lead', raisedTo: '2026-01-31' });
  });
});

describe(eventNote.name, () => {
  it('splits the rating off an appeal confirmation', () => {
    expect(eventNote('appeal', 'confirm', 'basic: 问题已解决')).toEqual({ rating: 'basic', text: '问题已解决' });
    expect(eventNote('appeal', 'confirm', 'unsatisfied')).toEqual({ rating: 'unsatisfied', text: null });
  });

  it('leaves every other note alone', () => {
    expect(eventNote('problem', 'confirm', 'basic: ok')).toEqual({ text: 'basic: ok' });
    expect(eventNote('appeal', 'reply', 'satisfied: x')).toEqual({ text: 'satisfied: x' });
    expect(eventNote('appeal', 'confirm', 'basically fine')).toEqual({ text: 'basically fine' });
    expect(eventNote('appeal', 'confirm', null)).toEqual({ text: null });
  });
});
