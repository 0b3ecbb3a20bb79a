import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../../../src/contracts/index.js';
import { IDLE, type ImportState, importReducer, MAX_POLL_FAILURES, pollingJobId, progressPercent } from './import-job';

function job(overrides: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 7,
    kind: 'projects',
    status: 'running',
    filename: 'x.xlsx',
    totalRows: 0,
    processedRows: 0,
    createdCount: 0,
    updatedCount: 0,
    unchangedCount: 0,
    errorCount: 0,
    errors: [],
    message: null,
    hasAnnotatedWorkbook: false,
    createdAt: '2026-01-01T00:00:00Z',
    finishedAt: null,
    ...overrides,
  };
}

function run(...events: Parameters<typeof importReducer>[1][]): ImportState {
  return events.reduce(importReducer, IDLE);
}

describe(importReducer.name, () => {
  it('goes upload → running → succeeded, polling only while running', () => {
    const uploading = run({ type: 'upload', filename: 'x.xlsx' });
    expect(uploading).toEqual({ phase: 'uploading', filename: 'x.xlsx' });
    expect(pollingJobId(uploading)).toBeNull();
    const running = importReducer(uploading, { type: 'job', job: job() });
    expect(pollingJobId(running)).toBe(7);
    const progressed = importReducer(running, { type: 'job', job: job({ totalRows: 10, processedRows: 4 }) });
    expect(progressed.phase).toBe('running');
    const done = importReducer(progressed, { type: 'job', job: job({ status: 'succeeded', createdCount: 10 }) });
    expect(done.phase).toBe('succeeded');
    expect(pollingJobId(done)).toBeNull();
  });

  it('ends in failed with the errors of the job', () => {
    const failed = run(
      { type: 'upload', filename: 'x.xlsx' },
      { type: 'job', job: job({ status: 'failed', errorCount: 2, hasAnnotatedWorkbook: true }) },
    );
    expect(failed.phase).toBe('failed');
  });

  it('can answer 202 with a job that has already finished', () => {
    expect(run({ type: 'upload', filename: 'x.xlsx' }, { type: 'job', job: job({ status: 'succeeded' }) }).phase).toBe('succeeded');
  });

  it('returns to idle when the upload is refused', () => {
    expect(run({ type: 'upload', filename: 'x.xlsx' }, { type: 'uploadFailed' })).toEqual(IDLE);
  });

  it('refuses a second upload while one runs, accepts one after it finished', () => {
    const running = run({ type: 'upload', filename: 'a.xlsx' }, { type: 'job', job: job() });
    expect(importReducer(running, { type: 'upload', filename: 'b.xlsx' })).toBe(running);
    const done = importReducer(running, { type: 'job', job: job({ status: 'succeeded' }) });
    expect(importReducer(done, { type: 'upload', filename: 'b.xlsx' }).phase).toBe('uploading');
  });

  it('ignores answers about another job or after a reset', () => {
    const running = run({ type: 'upload', filename: 'a.xlsx' }, { type: 'job', job: job() });
    expect(importReducer(running, { type: 'job', job: job({ id: 8, status: 'succeeded' }) })).toBe(running);
    expect(importReducer(IDLE, { type: 'job', job: job({ status: 'succeeded' }) })).toBe(IDLE);
  });

  it('retries network failures a few times, stops at once on other failures, and can resume', () => {
    let state = run({ type: 'upload', filename: 'a.xlsx' }, { type: 'job', job: job() });
    for (let i = 1; i < MAX_POLL_FAILURES; i++) {
      state = importReducer(state, { type: 'pollFailed', message: 'net', retryable: true });
      expect(state.phase).toBe('running');
    }
    state = importReducer(state, { type: 'pollFailed', message: 'net', retryable: true });
    expect(state).toMatchObject({ phase: 'stalled', message: 'net' });
    state = importReducer(state, { type: 'resume' });
    expect(state).toMatchObject({ phase: 'running', failures: 0 });
    state = importReducer(state, { type: 'job', job: job({ totalRows: 3 }) });
    expect(importReducer(state, { type: 'pollFailed', message: 'gone', retryable: false })).toMatchObject({ phase: 'stalled' });
  });

  it('a success resets the failure count', () => {
    let state = run({ type: 'upload', filename: 'a.xlsx' }, { type: 'job', job: job() });
    state = importReducer(state, { type: 'pollFailed', message: 'net', retryable: true });
    state = importReducer(state, { type: 'job', job: job({ totalRows: 5, processedRows: 1 }) });
    expect(state).toMatchObject({ phase: 'running', failures: 0 });
  });
});

describe(progressPercent.name, () => {
  it('counts processed rows, never shows 100 before the end', () => {
    expect(progressPercent(job())).toBe(0);
    expect(progressPercent(job({ totalRows: 200, processedRows: 50 }))).toBe(25);
    expect(progressPercent(job({ totalRows: 200, processedRows: 200 }))).toBe(99);
    expect(progressPercent(job({ status: 'failed', totalRows: 200, processedRows: 10 }))).toBe(100);
  });
});
