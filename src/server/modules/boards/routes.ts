import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BoardSourcesQuerySchema,
  BoardSourcesSchema,
  BoardsQuerySchema,
  BoardsSchema,
  HonourPageSchema,
  HonoursQuerySchema,
  type Month,
  MonthSchema,
  PublishBoardsSchema,
} from '../../../contracts/index.js';
import type { Executor } from '../../db/pool.js';
import type { AppDeps } from '../../deps.js';
import type { RequestContext } from '../../lib/context.js';
import { responses } from '../../http/schema.js';
import { sendStoredFile } from '../files/index.js';
import type { FrozenHonour } from './service.js';
import * as service from './service.js';

const MonthParamsSchema = z.object({ month: MonthSchema }).strict();

/** How the month's 红黄榜 is measured (the monitoring module's lights; passed in so boards need not import it). */
export type HonoursOf = (db: Executor, ctx: RequestContext, month: Month) => Promise<FrozenHonour[]>;

export function boardRoutes(app: FastifyInstance, { db }: AppDeps, { honoursOf }: { honoursOf: HonoursOf }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/boards',
    {
      schema: {
        tags: ['boards'],
        summary: 'The four leaderboards of a month (published snapshot, or a preview)',
        querystring: BoardsQuerySchema,
        response: responses({ 200: BoardsSchema }),
      },
      config: { access: 'board.read' },
    },
    async (request) => await service.getBoards(db, request.ctx, request.query.month),
  );
  r.get(
    '/api/v1/boards/honours',
    {
      schema: {
        tags: ['boards'],
        summary: 'One list of the 红黄榜 frozen with a published month, page by page',
        querystring: HonoursQuerySchema,
        response: responses({ 200: HonourPageSchema }),
      },
      config: { access: 'board.read' },
    },
    async (request) => await service.honourPage(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/boards/sources',
    {
      schema: {
        tags: ['boards'],
        summary: 'The rows and versions behind one figure',
        querystring: BoardSourcesQuerySchema,
        response: responses({ 200: BoardSourcesSchema }),
      },
      config: { access: 'board.read' },
    },
    async (request) => await service.boardSources(db, request.ctx, request.query),
  );
  r.post(
    '/api/v1/boards/publications',
    {
      schema: {
        tags: ['boards'],
        summary: 'Publish a month: frozen boards, the Word briefing and the Excel boards',
        body: PublishBoardsSchema,
        response: responses({ 200: BoardsSchema }),
      },
      config: { access: 'board.publish' },
    },
    async (request) => {
      const ctx = request.ctx;
      const month = request.body.month;
      return await service.publishBoards(
        db,
        ctx,
        month,
        (tx) => honoursOf(tx, ctx, month),
        (boards, honours) => service.publicationDocuments(db, ctx, boards, honours),
      );
    },
  );
  for (const which of ['briefing', 'workbook'] as const) {
    r.get(
      `/api/v1/boards/publications/:month/${which}`,
      {
        schema: {
          tags: ['boards'],
          summary: which === 'briefing' ? 'The Word briefing (通报) of a published month' : 'The boards of a published month as .xlsx',
          params: MonthParamsSchema,
        },
        config: { access: 'board.read' },
      },
      async (request, reply) => {
        const file = await service.publicationFile(db, request.ctx, request.params.month, which);
        return sendStoredFile(reply, file);
      },
    );
  }
}
