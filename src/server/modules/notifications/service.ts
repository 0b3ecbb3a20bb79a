import {
  DEFAULT_LOCALE,
  type MessageKey,
  type Notification,
  type NotificationKind,
  type NotificationListQuery,
  isMessageKey,
  translate,
} from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import { type RequestContext, requireActor } from '../../lib/context.js';
import { notFound } from '../../lib/domain-error.js';
import * as repo from './repo.js';

/**
 * What happened, for whom. Written in the caller's (business) transaction: the in-app
 * notifications, and the outbound messages that the outbox delivers after the commit.
 */
export interface NotifyInput {
  kind: NotificationKind;
  message: MessageKey;
  params: Record<string, string | number>;
  /** Path in the web UI ('/problems/12'); made absolute with the deployment's public URL when sent out. */
  link: string | null;
  userIds: readonly number[];
  /** One notification per user and key (scheduled reminders, digests): a second one is dropped. */
  dedupeKey?: string;
  /** Also post to the group robots (DingTalk, WeCom) the deployment configured. */
  group?: boolean;
  /** E-mail the recipients who have an address (default true). */
  email?: boolean;
}

/** Texts sent out are written in the deployment's default language. */
function outboundText(message: MessageKey, params: Record<string, string | number>): string {
  return translate(DEFAULT_LOCALE, message, params);
}

/** Record notifications in the caller's transaction; returns the users who got a new one. */
export async function notify(tx: Executor, cityCode: string, now: Date, input: NotifyInput): Promise<number[]> {
  const userIds = [...new Set(input.userIds)];
  const received = await repo.insertNotifications(
    tx,
    userIds.map((userId) => ({
      city_code: cityCode,
      user_id: userId,
      kind: input.kind,
      message: input.message,
      params: JSON.stringify(input.params),
      link: input.link,
      dedupe_key: input.dedupeKey ?? null,
      created_at: now,
    })),
  );
  const text = outboundText(input.message, input.params);
  const subject = `【聚力】${[...text].slice(0, 60).join('')}`;
  const outbox: Parameters<typeof repo.insertOutbox>[1] = [];
  if (input.email !== false && received.length) {
    for (const user of await repo.activeUsers(tx, cityCode, received)) {
      if (user.email)
        outbox.push({
          city_code: cityCode,
          channel: 'email',
          recipient: user.email,
          subject,
          body: text,
          link: input.link,
          next_attempt_at: now,
          created_at: now,
        });
    }
  }
  if (input.group && (received.length || !userIds.length)) {
    outbox.push({
      city_code: cityCode,
      channel: 'group',
      recipient: null,
      subject,
      body: text,
      link: input.link,
      next_attempt_at: now,
      created_at: now,
    });
  }
  await repo.insertOutbox(tx, outbox);
  return received;
}

function toNotification(row: Awaited<ReturnType<typeof repo.findInbox>>['rows'][number], locale: RequestContext['locale']): Notification {
  const params = (row.params ?? {}) as Record<string, string | number>;
  return {
    id: row.id,
    kind: row.kind as Notification['kind'],
    text: isMessageKey(row.message) ? translate(locale, row.message, params) : row.message,
    link: row.link,
    isRead: row.read_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

/** The caller's own inbox, newest first, with the unread count (the badge). */
export async function findNotifications(db: Executor, ctx: RequestContext, query: NotificationListQuery) {
  const actor = requireActor(ctx);
  const [{ rows, total }, unread] = await Promise.all([
    repo.findInbox(db, actor.cityCode, actor.userId, query),
    repo.unreadCount(db, actor.cityCode, actor.userId),
  ]);
  return { items: rows.map((r) => toNotification(r, ctx.locale)), total, page: query.page, pageSize: query.pageSize, unread };
}

export async function unreadCount(db: Executor, ctx: RequestContext): Promise<{ unread: number }> {
  const actor = requireActor(ctx);
  return { unread: await repo.unreadCount(db, actor.cityCode, actor.userId) };
}

/**
 * Mark one of the caller's notifications read (someone else's is not found). Reading is the
 * user's own view state, like a session's last-seen time: not an audited business write.
 */
export async function markRead(db: Executor, ctx: RequestContext, id: number): Promise<{ unread: number }> {
  const actor = requireActor(ctx);
  if (!(await repo.notificationExists(db, actor.cityCode, actor.userId, id))) throw notFound();
  await repo.markRead(db, actor.cityCode, actor.userId, id, ctx.now);
  return await unreadCount(db, ctx);
}

export async function markAllRead(db: Executor, ctx: RequestContext): Promise<{ unread: number }> {
  const actor = requireActor(ctx);
  await repo.markRead(db, actor.cityCode, actor.userId, null, ctx.now);
  return { unread: 0 };
}

/** Who to tell: active accounts of units (their reporting-unit and department users), of an enterprise, of roles. */
export const recipients = {
  ofUnits: repo.activeUsersOfUnits,
  ofEnterprise: repo.activeUsersOfEnterprise,
  byRoles: repo.activeUsersByRole,
  unreadCounts: repo.unreadCounts,
};
