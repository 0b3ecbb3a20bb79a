import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DealListQuerySchema,
  IMPORT_KINDS,
  IdParamsSchema,
  ImportJobSchema,
  ProjectListQuerySchema,
  ReportGridQuerySchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { attachmentHeader } from '../files/index.js';
import * as service from './service.js';
import { XLSX_TYPE } from './workbook.js';

/** Largest workbook accepted (checked while it streams in). */
export const MAX_UPLOAD_MB = 20;

const ProjectExportQuerySchema = ProjectListQuerySchema.omit({ page: true, pageSize: true }).extend({
  planYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
const DealExportQuerySchema = DealListQuerySchema.omit({ page: true, pageSize: true });

async function uploadedFile(request: FastifyRequest): Promise<{ filename: string; data: Buffer }> {
  if (!request.isMultipart()) throw DomainError.field('file', 'sheet.fileRequired');
  const part = await request.file();
  if (!part) throw DomainError.field('file', 'sheet.fileRequired');
  return { filename: part.filename || 'upload.xlsx', data: await part.toBuffer() };
}

function sendWorkbook(reply: FastifyReply, body: Buffer | NodeJS.ReadableStream, filename: string) {
  return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(filename)).send(body);
}

export function sheetRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const kind of IMPORT_KINDS) {
    const { path, action: manage, name } = service.KIND[kind];
    const label = name['zh-CN'];
    const tags = [path.split('/')[0]!];
    const prefilled = service.KIND[kind].prefilled;
    r.get(
      `/api/v1/${path}/import-template`,
      {
        schema: {
          tags,
          summary: prefilled ? 'Import template (.xlsx) prefilled for the caller' : 'Import template (.xlsx) with drop-downs',
          ...(prefilled ? { querystring: prefilled.query } : {}),
        },
        config: { access: manage },
      },
      async (request, reply) => {
        const template = await service.importTemplate(db, request.ctx, kind, request.query);
        return sendWorkbook(reply, template.data, template.filename);
      },
    );
    r.post(
      `/api/v1/${path}/imports`,
      {
        schema: {
          tags,
          summary:
            'Upload a workbook (multipart field "file"; a CSV where the kind accepts one); checked and written in the background, all or nothing',
          consumes: ['multipart/form-data'],
          response: responses({ 202: ImportJobSchema }),
        },
        config: { access: manage },
      },
      async (request, reply) => reply.status(202).send(await service.startImport(db, request.ctx, kind, await uploadedFile(request))),
    );
    r.get(
      `/api/v1/${path}/imports/:id`,
      {
        schema: {
          tags,
          summary: 'Progress and result of an import',
          params: IdParamsSchema,
          response: responses({ 200: ImportJobSchema }),
        },
        config: { access: manage },
      },
      async (request) => await service.getImportJob(db, request.ctx, kind, request.params.id),
    );
    r.get(
      `/api/v1/${path}/imports/:id/annotated`,
      {
        schema: { tags, summary: 'The uploaded workbook with every problem marked', params: IdParamsSchema },
        config: { access: manage },
      },
      async (request, reply) => {
        const file = await service.annotatedWorkbook(db, request.ctx, kind, request.params.id);
        return sendWorkbook(reply, file.data, `${label}导入错误-${request.params.id}.xlsx`);
      },
    );
  }
  r.get(
    '/api/v1/projects/export',
    {
      schema: {
        tags: ['projects'],
        summary: 'Export the filtered project list (.xlsx, re-importable)',
        querystring: ProjectExportQuerySchema,
      },
      config: { access: 'project.read' },
    },
    async (request, reply) =>
      sendWorkbook(
        reply,
        await service.exportProjects(db, request.ctx, request.query),
        `项目库-${request.ctx.now.toISOString().slice(0, 10)}.xlsx`,
      ),
  );
  r.get(
    '/api/v1/reports/export',
    {
      schema: {
        tags: ['reports'],
        summary: 'Export a month’s report grid (.xlsx, re-importable)',
        querystring: ReportGridQuerySchema,
      },
      config: { access: 'report.read' },
    },
    async (request, reply) =>
      sendWorkbook(
        reply,
        await service.exportReports(db, request.ctx, request.query),
        `${request.ctx.locale === 'zh-CN' ? '月报' : 'monthly-reports'}-${request.query.month}.xlsx`,
      ),
  );
  r.get(
    '/api/v1/deals/export',
    {
      schema: { tags: ['deals'], summary: 'Export the filtered deal list (.xlsx, re-importable)', querystring: DealExportQuerySchema },
      config: { access: 'deal.read' },
    },
    async (request, reply) =>
      sendWorkbook(
        reply,
        await service.exportDeals(db, request.ctx, request.query),
        `招商项目-${request.ctx.now.toISOString().slice(0, 10)}.xlsx`,
      ),
  );
}
