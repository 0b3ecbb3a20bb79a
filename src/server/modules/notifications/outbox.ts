import type { Config } from '../../config.js';
import type { Db } from '../../db/pool.js';
import { type EmailChannel, type GroupChannel, emailChannel, groupChannels } from './channels.js';
import { MAX_ATTEMPTS, type OutboundMessage, retryDelayMs } from './domain/outbound.js';
import * as repo from './repo.js';

/** What the scheduler logs with (pino's logger fits). */
export interface JobLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export const silentLog: JobLog = { info: () => {}, warn: () => {}, error: () => {} };

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

const BATCH = 50;

/**
 * Deliver the outbox messages due by `now`, batch after batch. Business writes never wait
 * for this: they only insert rows. A failed send is retried with backoff (1, 2, 4 … minutes,
 * at most 6 h) and logged; after MAX_ATTEMPTS the message is given up and logged as an error.
 * A group message goes to every configured robot and a retry skips those that have it.
 * Messages for a channel the deployment did not configure are marked `skipped`.
 */
export async function deliverOutbox(
  deps: { db: Db; config: Pick<Config, 'notifications'> },
  now: Date,
  log: JobLog = silentLog,
  channels: { group: GroupChannel[]; email: EmailChannel | null } = {
    group: groupChannels(deps.config.notifications),
    email: emailChannel(deps.config.notifications),
  },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const publicUrl = deps.config.notifications.publicUrl;
  for (;;) {
    const rows = await repo.claimDue(deps.db, now, BATCH);
    for (const row of rows) {
      const message: OutboundMessage = {
        subject: row.subject,
        body: row.body,
        link: row.link && publicUrl ? `${publicUrl}${row.link}` : null,
      };
      const delivered = [...row.delivered_to];
      const errors: string[] = [];
      let targets = 0;
      if (row.channel === 'group') {
        for (const channel of channels.group) {
          if (delivered.includes(channel.name)) continue;
          targets++;
          try {
            await channel.send(message, now);
            delivered.push(channel.name);
          } catch (error) {
            errors.push(`${channel.name}: ${(error as Error).message}`);
          }
        }
        if (!channels.group.length) targets = -1;
      } else if (row.channel === 'email') {
        if (channels.email && row.recipient) {
          targets = 1;
          try {
            await channels.email.send(row.recipient, message);
            delivered.push('email');
          } catch (error) {
            errors.push(`email: ${(error as Error).message}`);
          }
        } else targets = -1;
      }
      const base = { deliveredTo: delivered, sentAt: null as Date | null };
      if (targets === -1) {
        await repo.recordOutcome(deps.db, row, {
          ...base,
          status: 'skipped',
          attempts: row.attempts,
          nextAttemptAt: now,
          error: 'channel not configured',
        });
        report.skipped++;
      } else if (!errors.length) {
        await repo.recordOutcome(deps.db, row, {
          ...base,
          status: 'sent',
          attempts: row.attempts + 1,
          nextAttemptAt: now,
          error: null,
          sentAt: now,
        });
        report.sent++;
      } else {
        const attempts = row.attempts + 1;
        const error = errors.join('; ').slice(0, 1000);
        if (attempts >= MAX_ATTEMPTS) {
          await repo.recordOutcome(deps.db, row, { ...base, status: 'failed', attempts, nextAttemptAt: now, error });
          log.error({ outboxId: row.id, cityCode: row.city_code, channel: row.channel, attempts, error }, 'outbound message given up');
          report.failed++;
        } else {
          const next = new Date(now.getTime() + retryDelayMs(attempts));
          await repo.recordOutcome(deps.db, row, { ...base, status: 'pending', attempts, nextAttemptAt: next, error });
          log.warn(
            { outboxId: row.id, cityCode: row.city_code, channel: row.channel, attempts, next, error },
            'outbound message failed; will retry',
          );
          report.retrying++;
        }
      }
    }
    if (rows.length < BATCH) return report;
  }
}
