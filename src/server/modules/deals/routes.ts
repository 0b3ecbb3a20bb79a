import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateDealSchema,
  DealDuplicatesSchema,
  DealHistorySchema,
  DealListQuerySchema,
  DealPageSchema,
  DealSchema,
  DealTransitionSchema,
  FunnelQuerySchema,
  FunnelSchema,
  IdParamsSchema,
  SettleDuplicateSchema,
  UpdateDealSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { sendStoredFile } from '../files/index.js';
import * as service from './service.js';

export function dealRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'List filed deals (also the drill-down behind a funnel figure)',
        querystring: DealListQuerySchema,
        response: responses({ 200: DealPageSchema }),
      },
      config: { access: 'deal.read' },
    },
    async (request) => await service.findDeals(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/deals/funnel',
    {
      schema: {
        tags: ['deals'],
        summary: 'Funnel rates per unit for a cohort, as of a date',
        querystring: FunnelQuerySchema,
        response: responses({ 200: FunnelSchema }),
      },
      config: { access: 'deal.read' },
    },
    async (request) => await service.funnel(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/deals/:id',
    {
      schema: { tags: ['deals'], summary: 'One deal', params: IdParamsSchema, response: responses({ 200: DealSchema }) },
      config: { access: 'deal.read' },
    },
    async (request) => await service.getDealById(db, request.ctx, request.params.id),
  );
  r.get(
    '/api/v1/deals/:id/history',
    {
      schema: {
        tags: ['deals'],
        summary: 'Stage history of a deal',
        params: IdParamsSchema,
        response: responses({ 200: DealHistorySchema }),
      },
      config: { access: 'deal.read' },
    },
    async (request) => await service.getDealHistory(db, request.ctx, request.params.id),
  );
  r.get(
    '/api/v1/deals/:id/duplicates',
    {
      schema: {
        tags: ['deals'],
        summary: 'The duplicate group of a deal: the same investor + project filed by several units',
        params: IdParamsSchema,
        response: responses({ 200: DealDuplicatesSchema }),
      },
      config: { access: 'deal.read' },
    },
    async (request) => await service.getDealDuplicates(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/deals',
    {
      schema: { tags: ['deals'], summary: 'File a signed deal (备案)', body: CreateDealSchema, response: responses({ 201: DealSchema }) },
      config: { access: 'deal.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createDeal(db, request.ctx, request.body)),
  );
  r.patch(
    '/api/v1/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'Correct a filing',
        params: IdParamsSchema,
        body: UpdateDealSchema,
        response: responses({ 200: DealSchema }),
      },
      config: { access: 'deal.manage' },
    },
    async (request) => await service.updateDeal(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/deals/:id/transitions',
    {
      schema: {
        tags: ['deals'],
        summary: 'Move a deal to another stage',
        params: IdParamsSchema,
        body: DealTransitionSchema,
        response: responses({ 200: DealSchema }),
      },
      config: { access: 'deal.manage' },
    },
    async (request) => await service.transitionDeal(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/deals/:id/contract',
    {
      schema: {
        tags: ['deals'],
        summary: 'Attach the signed contract scan (multipart field "file": PDF, JPG or PNG)',
        params: IdParamsSchema,
        consumes: ['multipart/form-data'],
        response: responses({ 200: DealSchema }),
      },
      config: { access: 'deal.manage' },
    },
    async (request) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (!part) throw DomainError.field('file', 'sheet.fileRequired');
      return await service.attachContract(db, request.ctx, request.params.id, {
        filename: part.filename || 'contract',
        data: await part.toBuffer(),
      });
    },
  );
  r.get(
    '/api/v1/deals/:id/contract',
    { schema: { tags: ['deals'], summary: 'Download the contract scan', params: IdParamsSchema }, config: { access: 'deal.read' } },
    async (request, reply) => {
      const file = await service.contractScan(db, request.ctx, request.params.id);
      return sendStoredFile(reply, file);
    },
  );
  r.post(
    '/api/v1/deals/:id/settle-duplicate',
    {
      schema: {
        tags: ['deals'],
        summary: 'Keep one filing of a duplicate group (city operator)',
        params: IdParamsSchema,
        body: SettleDuplicateSchema,
        response: responses({ 200: DealSchema }),
      },
      config: { access: 'deal.settle' },
    },
    async (request) => await service.settleDuplicate(db, request.ctx, request.params.id, request.body.keepDealId),
  );
}
