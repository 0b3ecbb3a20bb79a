import { z } from 'zod';
import { PageQuerySchema, QueryBooleanSchema, pageOf } from './common.js';

/** The in-app inbox: every signed-in user reads and marks their own notifications. */
export const NOTIFICATION_KINDS = [
  'problem.raised',
  'problem.assigned',
  'problem.resolved',
  'problem.reopened',
  'problem.confirmed',
  'problem.reminder',
  'problem.escalated',
  'appeal.raised',
  'appeal.routed',
  'appeal.replied',
  'appeal.resolved',
  'observation.opened',
  'competition.published',
  'inspection.registered',
  'inspection.case',
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationListQuerySchema = PageQuerySchema.extend({ unreadOnly: QueryBooleanSchema.optional() }).strict();
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationSchema = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** One line in the reader's language. */
  text: z.string(),
  /** Where the UI opens the item ('/problems/12', '/appeals/3', '/dispatch/meetings/4'), or null. */
  link: z.string().nullable(),
  isRead: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema).extend({ unread: z.number().int() });
export const UnreadCountSchema = z.object({ unread: z.number().int() });
