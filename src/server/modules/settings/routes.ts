import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DealTargetListQuerySchema,
  DealTargetListSchema,
  DealTargetCopyResultSchema,
  DealTargetCopySchema,
  DealTargetSchema,
  IndustriesSchema,
  RegistrySettingsResponseSchema,
  UpdateRegistrySettingsSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { industries } from './industries.js';
import * as service from './service.js';

export function settingsRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/settings/registry',
    {
      schema: {
        tags: ['settings'],
        summary: 'Configurable lists and thresholds of the registry',
        response: responses({ 200: RegistrySettingsResponseSchema }),
      },
      // Lists and thresholds, no business data: every signed-in user needs them to read forms.
      config: { access: 'self' },
    },
    async (request) => await service.getRegistrySettings(db, request.ctx),
  );
  r.put(
    '/api/v1/settings/registry',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the lists and thresholds (city operator)',
        body: UpdateRegistrySettingsSchema,
        response: responses({ 200: RegistrySettingsResponseSchema }),
      },
      config: { access: 'registry.configure' },
    },
    async (request) => await service.updateRegistrySettings(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/settings/deal-targets',
    {
      schema: {
        tags: ['settings'],
        summary: 'Annual attraction targets of the units',
        querystring: DealTargetListQuerySchema,
        response: responses({ 200: DealTargetListSchema }),
      },
      config: { access: 'deal.read' },
    },
    async (request) => await service.findDealTargets(db, request.ctx, request.query.year),
  );
  r.put(
    '/api/v1/settings/deal-targets',
    {
      schema: {
        tags: ['settings'],
        summary: 'Set a unit’s annual attraction target (city operator)',
        body: DealTargetSchema,
        response: responses({ 200: z.object({ unitId: z.number(), unitName: z.string(), year: z.number(), amount: z.string() }) }),
      },
      config: { access: 'registry.configure' },
    },
    async (request) => await service.setDealTarget(db, request.ctx, request.body),
  );
  r.post(
    '/api/v1/settings/deal-targets/copy',
    {
      schema: {
        tags: ['settings'],
        summary: 'Copy one year’s attraction targets to the units without a target in another (city operator)',
        body: DealTargetCopySchema,
        response: responses({ 200: DealTargetCopyResultSchema }),
      },
      config: { access: 'registry.configure' },
    },
    async (request) => await service.copyDealTargets(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/reference/industries',
    {
      schema: { tags: ['reference'], summary: 'GB/T 4754-2017 sections and divisions', response: responses({ 200: IndustriesSchema }) },
      config: { access: 'self' },
    },
    async () => industries(),
  );
}
