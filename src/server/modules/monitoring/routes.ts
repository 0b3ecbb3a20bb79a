import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EarlyWarningListSchema,
  MonitoringOverviewSchema,
  MonitoringQuerySchema,
  MonitoringYearsQuerySchema,
  MonitoringYearsSchema,
  ProjectLightPageSchema,
  PackQuerySchema,
  ProjectLightQuerySchema,
  UnitMapSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { recordAuditEvent } from '../audit/index.js';
import { attachmentHeader } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import { exportProjectLights } from './lights-export.js';
import * as service from './service.js';
import type { StandingOf } from './service.js';
import { DOCX_TYPE } from '../../lib/docx.js';

export function monitoringRoutes(app: FastifyInstance, { db }: AppDeps, { standingOf }: { standingOf: StandingOf }): void {
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
    '/api/v1/monitoring/years',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Which of the last six years have plans or reports under a unit (the year the monitoring pages open on)',
        querystring: MonitoringYearsQuerySchema,
        response: responses({ 200: MonitoringYearsSchema }),
      },
      config: { access: 'monitor.read' },
    },
    async (request) => await service.yearsWithFigures(db, request.ctx, request.query),
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
    '/api/v1/monitoring/projects/export',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The project lights as filtered (a light, or the red or yellow list 红黄榜) as .xlsx',
        querystring: ProjectLightQuerySchema.omit({ page: true, pageSize: true }),
      },
      config: { access: 'monitor.read' },
    },
    async (request, reply) => {
      const q = request.query;
      const zh = request.ctx.locale === 'zh-CN';
      const what = q.honour ? (zh ? { red: '红榜', yellow: '黄榜' }[q.honour] : `${q.honour}-list`) : zh ? '红黄绿灯' : 'lights';
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(`${what}-${q.asOf ?? q.year}.xlsx`))
        .send(await exportProjectLights(db, request.ctx, q));
    },
  );
  r.get(
    '/api/v1/monitoring/pack.docx',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'A unit’s quarterly review (季讲评, with quarter) or annual assessment (年考核) pack as Word',
        querystring: PackQuerySchema,
      },
      config: { access: 'monitor.read' },
    },
    async (request, reply) => {
      const pack = await service.unitPack(db, request.ctx, request.query, standingOf);
      await recordAuditEvent(db, request.ctx, {
        action: 'monitor.pack.export',
        targetType: 'org_unit',
        targetId: request.query.unitId,
        after: { ...request.query, asOf: pack.asOf },
      });
      return reply.type(DOCX_TYPE).header('content-disposition', attachmentHeader(pack.name)).send(pack.data);
    },
  );
  r.get(
    '/api/v1/monitoring/map',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The city’s unit boundaries (GeoJSON) for the cockpit map',
        response: responses({ 200: UnitMapSchema }),
      },
      config: { access: 'monitor.read' },
    },
    async (request) => await service.unitMap(db, request.ctx),
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
