import { Cron } from 'croner';
import type { Db } from '../../db/pool.js';
import type { Clock } from '../../lib/clock.js';
import { type JobLog, silentLog } from './outbox.js';
import * as repo from './repo.js';

/**
 * In-process scheduled jobs. The schedule is configuration (cron patterns, Asia/Shanghai);
 * the time is always Juli's clock: a tick once a minute asks `runDueJobs(clock.now())`,
 * which runs each job whose next scheduled time after its last run has come. Tests call
 * `runDueJobs` directly with a manual clock's time.
 *
 * Last runs are kept in the database, so several processes share one schedule (the first to
 * claim a due run does it) and a restart neither repeats nor loses a run. After a long stop
 * a job runs once, not once per missed time: jobs work from the current state of the data.
 * A job that has never run counts as last run a day ago.
 */
export interface ScheduledJob {
  name: string;
  /** Cron pattern (croner syntax). */
  pattern: string;
  run(now: Date): Promise<unknown>;
}

const TIME_ZONE = 'Asia/Shanghai';
const FIRST_LOOK_BACK_MS = 24 * 3_600_000;

/** The next time a pattern fires after `after`, or null when never. */
export function nextRunAfter(pattern: string, after: Date): Date | null {
  return new Cron(pattern, { timezone: TIME_ZONE, paused: true }).nextRun(after);
}

/** Run the jobs that are due at `now`; returns the names of those that ran. Errors are logged, never thrown. */
export async function runDueJobs(db: Db, jobs: readonly ScheduledJob[], now: Date, log: JobLog = silentLog): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    try {
      const seen = await repo.lastRun(db, job.name);
      const next = nextRunAfter(job.pattern, seen ?? new Date(now.getTime() - FIRST_LOOK_BACK_MS));
      if (!next || next > now) continue;
      if (!(await repo.claimRun(db, job.name, seen, now))) continue;
      const result = await job.run(now);
      ran.push(job.name);
      if (job.name !== 'delivery' || (result as { sent?: number })?.sent) log.info({ job: job.name, result }, 'scheduled job ran');
    } catch (error) {
      log.error({ job: job.name, err: error }, 'scheduled job failed');
    }
  }
  return ran;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** Tick once a minute (real time) and run what is due by the clock. */
export function startScheduler(db: Db, clock: Clock, jobs: readonly ScheduledJob[], log: JobLog = silentLog): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  const ticker = new Cron('* * * * *', { timezone: TIME_ZONE, protect: true }, async () => {
    running = runDueJobs(db, jobs, clock.now(), log);
    await running;
  });
  return {
    async stop() {
      ticker.stop();
      await running;
    },
  };
}
