import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CorrectFundWonSchema,
  CreateFeedbackSchema,
  CreateFundWonSchema,
  FeedbackListSchema,
  FeedbackSchema,
  FundExportQuerySchema,
  FundListQuerySchema,
  FundPageSchema,
  FundWonSchema,
  IdParamsSchema,
  MissingQuerySchema,
  MissingReportSchema,
  MonthSchema,
  MonthStateSchema,
  OkSchema,
  REPORT_PHOTO_LIMITS,
  ReportGridQuerySchema,
  ReportGridSchema,
  ReportHistorySchema,
  ReportPhotoListSchema,
  ReportPhotoQuerySchema,
  ReportPhotoSchema,
  ReturnReportSchema,
  SubmitReportsResultSchema,
  SubmitReportsSchema,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { attachmentHeader, sendStoredFile } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import * as funds from './funds.js';
import * as photos from './photos.js';
import * as service from './service.js';

const MonthParamsSchema = z.object({ month: MonthSchema }).strict();
const HistoryQuerySchema = z.object({ projectId: z.coerce.number().int().positive(), month: MonthSchema }).strict();

/**
 * A photo upload: the file (field "file", at most REPORT_PHOTO_LIMITS.maxBytes, refused while
 * it streams in) and, after the month's lock, a field "reason" (before or after the file).
 */
async function photoUpload(request: FastifyRequest): Promise<{ filename: string; data: Buffer; reason: string | null }> {
  if (!request.isMultipart()) throw DomainError.field('file', 'sheet.fileRequired');
  let file: { filename: string; data: Buffer } | null = null;
  let reason: string | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: REPORT_PHOTO_LIMITS.maxBytes } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { filename: part.filename || 'photo', data };
      } else if (part.fieldname === 'reason' && typeof part.value === 'string') reason = part.value;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw photos.photoTooLarge();
    throw error;
  }
  if (!file || !file.data.length) throw DomainError.field('file', 'sheet.fileRequired');
  return { ...file, reason };
}

export function reportRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/reports/grid',
    {
      schema: {
        tags: ['reports'],
        summary: 'A month’s report grid: every reporting project with derived figures',
        querystring: ReportGridQuerySchema,
        response: responses({ 200: ReportGridSchema }),
      },
      config: { access: 'report.read' },
    },
    async (request) => await service.reportGrid(db, request.ctx, request.query),
  );
  r.put(
    '/api/v1/reports/grid',
    {
      schema: {
        tags: ['reports'],
        summary: 'Save a month’s rows, all or nothing (after the lock: corrections with a reason)',
        body: SubmitReportsSchema,
        response: responses({ 200: SubmitReportsResultSchema }),
      },
      config: { access: 'report.submit' },
    },
    async (request) => await service.submitReports(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/reports/history',
    {
      schema: {
        tags: ['reports'],
        summary: 'Every version of a project-month and its returns',
        querystring: HistoryQuerySchema,
        response: responses({ 200: ReportHistorySchema }),
      },
      config: { access: 'report.read' },
    },
    async (request) => await service.reportHistory(db, request.ctx, request.query.projectId, request.query.month),
  );
  r.get(
    '/api/v1/reports/missing',
    {
      schema: {
        tags: ['reports'],
        summary: 'Who has not reported a month',
        querystring: MissingQuerySchema,
        response: responses({ 200: MissingReportSchema }),
      },
      config: { access: 'report.read' },
    },
    async (request) => await service.missingReports(db, request.ctx, request.query.month),
  );
  r.post(
    '/api/v1/reports/returns',
    {
      schema: {
        tags: ['reports'],
        summary: 'Send a report back for correction (city)',
        body: ReturnReportSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'report.review' },
    },
    async (request) => await service.returnReport(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/reports/months/:month',
    {
      schema: {
        tags: ['reports'],
        summary: 'Due date and lock of a month',
        params: MonthParamsSchema,
        response: responses({ 200: MonthStateSchema }),
      },
      config: { access: 'report.read' },
    },
    async (request) => await service.getMonthState(db, request.ctx, request.params.month),
  );
  r.post(
    '/api/v1/reports/months/:month/lock',
    {
      schema: {
        tags: ['reports'],
        summary: 'Lock a month (city): later changes are corrections',
        params: MonthParamsSchema,
        response: responses({ 200: MonthStateSchema }),
      },
      config: { access: 'report.review' },
    },
    async (request) => await service.lockMonth(db, request.ctx, request.params.month),
  );
  r.get(
    '/api/v1/reports/photos',
    {
      schema: {
        tags: ['reports'],
        summary: 'Photos of a project-month’s report, with EXIF time and GPS position when the photo had them',
        querystring: ReportPhotoQuerySchema,
        response: responses({ 200: ReportPhotoListSchema }),
      },
      config: { access: 'report.read' },
    },
    async (request) => await photos.listPhotos(db, request.ctx, request.query.projectId, request.query.month),
  );
  r.post(
    '/api/v1/reports/photos',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Add a photo (multipart field "file": JPG or PNG by content, size- and count-limited; field "reason" required once the month is locked)',
        querystring: ReportPhotoQuerySchema,
        consumes: ['multipart/form-data'],
        response: responses({ 201: ReportPhotoSchema }),
      },
      config: { access: 'report.submit' },
    },
    async (request, reply) => {
      const upload = await photoUpload(request);
      return reply.status(201).send(await photos.addPhoto(db, request.ctx, { ...request.query, ...upload }));
    },
  );
  r.get(
    '/api/v1/reports/photos/:id',
    {
      schema: { tags: ['reports'], summary: 'Download a report photo', params: IdParamsSchema },
      config: { access: 'report.read' },
    },
    async (request, reply) => {
      const file = await photos.photoFile(db, request.ctx, request.params.id);
      return sendStoredFile(reply, file, { cacheSeconds: 3600 });
    },
  );
  r.delete(
    '/api/v1/reports/photos/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Remove a photo (before the month is locked)',
        params: IdParamsSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'report.submit' },
    },
    async (request) => await photos.deletePhoto(db, request.ctx, request.params.id),
  );
  r.get(
    '/api/v1/projects/:id/feedback',
    {
      schema: {
        tags: ['reports'],
        summary: 'Daily feedback on a project (日反馈)',
        params: IdParamsSchema,
        response: responses({ 200: FeedbackListSchema }),
      },
      config: { access: 'project.read' },
    },
    async (request) => await service.listFeedback(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/projects/:id/feedback',
    {
      schema: {
        tags: ['reports'],
        summary: 'Add a dated note to a project’s timeline',
        params: IdParamsSchema,
        body: CreateFeedbackSchema,
        response: responses({ 201: FeedbackSchema }),
      },
      config: { access: 'report.feedback' },
    },
    async (request, reply) => reply.status(201).send(await service.addFeedback(db, request.ctx, request.params.id, request.body)),
  );
  r.get(
    '/api/v1/funds',
    {
      schema: {
        tags: ['funds'],
        summary: 'Funds won from higher government (争资)',
        querystring: FundListQuerySchema,
        response: responses({ 200: FundPageSchema }),
      },
      config: { access: 'funds.read' },
    },
    async (request) => await funds.findFunds(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/funds/export',
    {
      schema: { tags: ['funds'], summary: 'The filtered funds list as .xlsx', querystring: FundExportQuerySchema },
      config: { access: 'funds.read' },
    },
    async (request, reply) => {
      const name = `${request.ctx.locale === 'en-US' ? 'funds-won' : '争资'}-${shanghaiDate(request.ctx.now)}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(name))
        .send(await funds.exportFunds(db, request.ctx, request.query));
    },
  );
  r.post(
    '/api/v1/funds',
    {
      schema: { tags: ['funds'], summary: 'Record funds won', body: CreateFundWonSchema, response: responses({ 201: FundWonSchema }) },
      config: { access: 'funds.manage' },
    },
    async (request, reply) => reply.status(201).send(await funds.recordFund(db, request.ctx, request.body)),
  );
  r.post(
    '/api/v1/funds/:id/corrections',
    {
      schema: {
        tags: ['funds'],
        summary: 'Correct a record (a new row superseding it, with a reason)',
        params: IdParamsSchema,
        body: CorrectFundWonSchema,
        response: responses({ 201: FundWonSchema }),
      },
      config: { access: 'funds.manage' },
    },
    async (request, reply) => reply.status(201).send(await funds.correctFund(db, request.ctx, request.params.id, request.body)),
  );
}
