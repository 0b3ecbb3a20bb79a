import type { ImportJob } from '../../../../../src/contracts/index.js';

/**
 * An import, as the page follows it: the workbook goes up, the server answers 202 with a job,
 * the page asks for the job every second until it succeeded or failed. A network hiccup while
 * asking is retried a few times; anything else (the session ended, the job is gone) stops.
 */
export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; filename: string }
  | { phase: 'running'; job: ImportJob; failures: number }
  | { phase: 'succeeded'; job: ImportJob }
  | { phase: 'failed'; job: ImportJob }
  /** Lost track of the job: the last known state is kept so the user can ask again. */
  | { phase: 'stalled'; job: ImportJob; message: string };

export type ImportEvent =
  | { type: 'upload'; filename: string }
  | { type: 'uploadFailed' }
  | { type: 'job'; job: ImportJob }
  | { type: 'pollFailed'; message: string; retryable: boolean }
  | { type: 'resume' }
  | { type: 'reset' };

export const POLL_INTERVAL_MS = 1_000;
/** Consecutive network failures tolerated while polling before the page stops asking. */
export const MAX_POLL_FAILURES = 5;

export const IDLE: ImportState = { phase: 'idle' };

function settle(job: ImportJob): ImportState {
  if (job.status === 'succeeded') return { phase: 'succeeded', job };
  if (job.status === 'failed') return { phase: 'failed', job };
  return { phase: 'running', job, failures: 0 };
}

export function importReducer(state: ImportState, event: ImportEvent): ImportState {
  switch (event.type) {
    case 'reset':
      return IDLE;
    case 'upload':
      // One import at a time: a new file only once the previous one has finished.
      return state.phase === 'uploading' || state.phase === 'running' ? state : { phase: 'uploading', filename: event.filename };
    case 'uploadFailed':
      return state.phase === 'uploading' ? IDLE : state;
    case 'job':
      if (state.phase === 'uploading') return settle(event.job);
      // A late answer about another job (or after the dialog was closed) changes nothing.
      if ((state.phase === 'running' || state.phase === 'stalled') && state.job.id === event.job.id) return settle(event.job);
      return state;
    case 'pollFailed': {
      if (state.phase !== 'running') return state;
      const failures = state.failures + 1;
      if (!event.retryable || failures >= MAX_POLL_FAILURES) return { phase: 'stalled', job: state.job, message: event.message };
      return { ...state, failures };
    }
    case 'resume':
      return state.phase === 'stalled' ? { phase: 'running', job: state.job, failures: 0 } : state;
  }
}

/** The job to ask about next, while one is running. */
export function pollingJobId(state: ImportState): number | null {
  return state.phase === 'running' ? state.job.id : null;
}

/** Percentage for the progress bar: rows processed of rows read; 100 only once finished. */
export function progressPercent(job: ImportJob): number {
  if (job.status !== 'running') return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}
