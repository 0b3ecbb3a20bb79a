import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EarlyWarningListSchema,
  MonitoringOverviewSchema,
  MonitoringQuerySchema,
  ProjectLightPageSchema,
  ProjectLightQuerySchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import * as service from './service.js';

export function monitoringRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/monitoring/overview',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Lights, forecast and trajectory of the city or a unit, by unit below it (the cockpit)',
        querystring: MonitoringQuerySchema,
        response: responses({ 200: MonitoringOverviewSchema }),
      },
      config: { access: 'monitor.read' },
    },
    async (request) => await service.overview(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/monitoring/projects',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Project lights with their reasons, worst first',
        querystring: ProjectLightQuerySchema,
        response: responses({ 200: ProjectLightPageSchema }),
      },
      config: { access: 'monitor.read' },
    },
    async (request) => await service.projectLights(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/monitoring/warnings',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Early warnings: commitments likely to be missed',
        querystring: MonitoringQuerySchema,
        response: responses({ 200: EarlyWarningListSchema }),
      },
      config: { access: 'monitor.read' },
    },
    async (request) => await service.earlyWarnings(db, request.ctx, request.query),
  );
}
