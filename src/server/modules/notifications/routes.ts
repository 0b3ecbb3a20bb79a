import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema, NotificationListQuerySchema, NotificationPageSchema, UnreadCountSchema } from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import * as service from './service.js';

/** The inbox: every signed-in user, about their own notifications ('self'). */
export function notificationRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationListQuerySchema,
        response: responses({ 200: NotificationPageSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await service.findNotifications(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread (the badge)',
        response: responses({ 200: UnreadCountSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await service.unreadCount(db, request.ctx),
  );
  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: IdParamsSchema,
        response: responses({ 200: UnreadCountSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await service.markRead(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: responses({ 200: UnreadCountSchema }) },
      config: { access: 'self' },
    },
    async (request) => await service.markAllRead(db, request.ctx),
  );
}
