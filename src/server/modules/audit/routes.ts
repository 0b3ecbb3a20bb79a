import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditExportQuerySchema, AuditListQuerySchema, AuditPageSchema, AuditVerifySchema } from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import * as service from './service.js';

export function auditRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/audit/records',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail',
        querystring: AuditListQuerySchema,
        response: responses({ 200: AuditPageSchema }),
      },
      config: { access: 'audit.read' },
    },
    async (request) => await service.findAuditRecords(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/audit/verify',
    {
      schema: { tags: ['audit'], summary: 'Verify the hash chain of my city', response: responses({ 200: AuditVerifySchema }) },
      config: { access: 'audit.read' },
    },
    async (request) => await service.verifyAuditForActor(db, request.ctx),
  );
  r.get(
    '/api/v1/audit/records/export',
    {
      schema: { tags: ['audit'], summary: 'Export the filtered audit trail as .xlsx', querystring: AuditExportQuerySchema },
      config: { access: 'audit.export' },
    },
    async (request, reply) => {
      const records = await service.exportAuditRecords(db, request.ctx, request.query);
      // exceljs is loaded on first export, not at start (it costs a third of a second).
      const { auditWorkbook } = await import('./export.js');
      const buffer = await auditWorkbook(records, request.ctx.locale);
      const stamp = request.ctx.now.toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.xlsx`)}`,
        )
        .send(buffer);
    },
  );
}
