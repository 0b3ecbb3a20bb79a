import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AcceptAppealSchema,
  AppealMetricsQuerySchema,
  AppealMetricsSchema,
  AssignProblemSchema,
  CalendarQuerySchema,
  CalendarResponseSchema,
  CalendarYearParamsSchema,
  CalendarYearSchema,
  ConfirmProblemSchema,
  EscalationParamsSchema,
  FileParamsSchema,
  IdParamsSchema,
  PROBLEM_LIMITS,
  ProblemListQuerySchema,
  ProblemMetricsQuerySchema,
  ProblemMetricsSchema,
  ProblemPageSchema,
  ProblemSchema,
  ProblemSettingsResponseSchema,
  RaiseAppealSchema,
  RaiseProblemSchema,
  RateAppealSchema,
  ReopenProblemSchema,
  ReplyAppealSchema,
  ResolveProblemSchema,
  RouteAppealSchema,
  StartProblemSchema,
  UpdateProblemSettingsSchema,
  shanghaiDate,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { attachmentHeader, sendStoredFile, readUpload } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import { exportItems } from './export.js';
import { noticeDocx, type NoticeFacts } from './notice.js';
import * as service from './service.js';
import * as settings from './settings.js';
import { DOCX_TYPE } from '../../lib/docx.js';

const MAX_FILE_BYTES = PROBLEM_LIMITS.fileMaxMb * 1024 * 1024;

/** One uploaded file (multipart field "file"), refused with a clear message above the size limit. */
const readItemUpload = (request: FastifyRequest) =>
  readUpload(
    request,
    MAX_FILE_BYTES,
    () => new DomainError('PAYLOAD_TOO_LARGE', { key: 'problem.fileTooLarge', params: { max: PROBLEM_LIMITS.fileMaxMb } }),
  );

/**
 * Problem lists (/api/v1/problems) and enterprise appeals (/api/v1/appeals): the same engine
 * under two sets of permissions. Commands take the item's `version` and answer the item.
 */
export function problemRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ------------------------------------------------------------ settings and calendar
  r.get(
    '/api/v1/problems/settings',
    {
      schema: {
        tags: ['problems'],
        summary: 'Categories with their limits, appeal limits, the escalation ladder',
        response: responses({ 200: ProblemSettingsResponseSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await settings.getProblemSettings(db, request.ctx),
  );
  r.put(
    '/api/v1/problems/settings',
    {
      schema: {
        tags: ['problems'],
        summary: 'Change the problem settings (version 0 saves the defaults the first time)',
        body: UpdateProblemSettingsSchema,
        response: responses({ 200: ProblemSettingsResponseSchema }),
      },
      config: { access: 'problem.configure' },
    },
    async (request) => await settings.updateProblemSettings(db, request.ctx, request.body),
  );
  r.get(
    '/api/v1/problems/calendar',
    {
      schema: {
        tags: ['problems'],
        summary: "A year of the working-day calendar (China's holidays and 调休 working days)",
        querystring: CalendarQuerySchema,
        response: responses({ 200: CalendarResponseSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await settings.getCalendarYear(db, request.ctx, request.query.year),
  );
  r.put(
    '/api/v1/problems/calendar/:year',
    {
      schema: {
        tags: ['problems'],
        summary: "Add or correct a year of the calendar from the State Council's notice",
        params: CalendarYearParamsSchema,
        body: CalendarYearSchema,
        response: responses({ 200: CalendarResponseSchema }),
      },
      config: { access: 'problem.configure' },
    },
    async (request) => await settings.putCalendarYear(db, request.ctx, request.params.year, request.body),
  );

  // ------------------------------------------------------------ both kinds
  for (const kind of ['problem', 'appeal'] as const) {
    const base = kind === 'problem' ? '/api/v1/problems' : '/api/v1/appeals';
    const read = kind === 'problem' ? 'problem.read' : 'appeal.read';
    const handle = kind === 'problem' ? 'problem.handle' : 'appeal.handle';
    const raise = kind === 'problem' ? 'problem.raise' : 'appeal.raise';
    const tags = [kind === 'problem' ? 'problems' : 'appeals'];
    r.get(
      base,
      {
        schema: {
          tags,
          summary: `List ${kind}s in my jurisdiction (and drill-down of the metrics)`,
          querystring: ProblemListQuerySchema,
          response: responses({ 200: ProblemPageSchema }),
        },
        config: { access: read },
      },
      async (request) => await service.findItems(db, request.ctx, kind, request.query),
    );
    r.get(
      `${base}/export`,
      {
        schema: {
          tags,
          summary: `Export the filtered ${kind} list (.xlsx; for problems the three lists: problem, measures, responsibility)`,
          querystring: ProblemListQuerySchema.omit({ page: true, pageSize: true }),
        },
        config: { access: read },
      },
      async (request, reply) => {
        const stamp = shanghaiDate(request.ctx.now);
        const name = kind === 'problem' ? ['问题清单', 'problems'] : ['企业诉求', 'appeals'];
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachmentHeader(`${request.ctx.locale === 'en-US' ? name[1] : name[0]}-${stamp}.xlsx`))
          .send(await exportItems(db, request.ctx, kind, request.query));
      },
    );
    r.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `One ${kind}: its lists, history, escalations, files and what I may do`,
          params: IdParamsSchema,
          response: responses({ 200: ProblemSchema }),
        },
        config: { access: read },
      },
      async (request) => await service.getItemById(db, request.ctx, kind, request.params.id),
    );
    r.post(
      `${base}/:id/resolve`,
      {
        schema: {
          tags,
          summary: 'The lead unit reports it resolved, with evidence',
          params: IdParamsSchema,
          body: ResolveProblemSchema,
          response: responses({ 200: ProblemSchema }),
        },
        config: { access: handle },
      },
      async (request) => await service.resolveItem(db, request.ctx, kind, request.params.id, request.body),
    );
    r.post(
      `${base}/:id/reopen`,
      {
        schema: {
          tags,
          summary: 'Whoever raised it sends it back, with a reason',
          params: IdParamsSchema,
          body: ReopenProblemSchema,
          response: responses({ 200: ProblemSchema }),
        },
        config: { access: raise },
      },
      async (request) => await service.reopenItem(db, request.ctx, kind, request.params.id, request.body),
    );
    r.post(
      `${base}/:id/files`,
      {
        schema: {
          tags,
          summary:
            kind === 'problem'
              ? 'The lead unit attaches evidence (multipart field "file": PDF, JPG or PNG)'
              : 'The enterprise attaches a file (multipart field "file": PDF, JPG or PNG)',
          params: IdParamsSchema,
          consumes: ['multipart/form-data'],
          response: responses({ 200: ProblemSchema }),
        },
        config: { access: kind === 'problem' ? 'problem.handle' : 'appeal.raise' },
      },
      async (request) => await service.addFile(db, request.ctx, kind, request.params.id, await readItemUpload(request)),
    );
    r.get(
      `${base}/:id/files/:fileId`,
      { schema: { tags, summary: 'Download a file of the item', params: FileParamsSchema }, config: { access: read } },
      async (request, reply) => {
        const file = await service.itemFile(db, request.ctx, kind, request.params.id, request.params.fileId);
        return sendStoredFile(reply, file);
      },
    );
    r.get(
      `${base}/:id/escalations/:escalationId/notice`,
      {
        schema: { tags, summary: 'The supervision notice (督办函) of an escalation step, as .docx', params: EscalationParamsSchema },
        config: { access: read },
      },
      async (request, reply) => {
        const escalation = await service.escalationOf(db, request.ctx, kind, request.params.id, request.params.escalationId);
        const data = await noticeDocx(escalation.notice as NoticeFacts, request.ctx.locale);
        return reply
          .type(DOCX_TYPE)
          .header('content-disposition', attachmentHeader(`督办函-${escalation.notice_no}.docx`))
          .send(data);
      },
    );
  }

  // ------------------------------------------------------------ problems
  r.get(
    '/api/v1/problems/metrics',
    {
      schema: {
        tags: ['problems'],
        summary: 'Open, overdue, closed, closure rate and median days to close, per unit or per lead unit',
        querystring: ProblemMetricsQuerySchema,
        response: responses({ 200: ProblemMetricsSchema }),
      },
      config: { access: 'problem.read' },
    },
    async (request) => await service.problemMetrics(db, request.ctx, request.query.kind, request.query),
  );
  r.post(
    '/api/v1/problems',
    {
      schema: {
        tags: ['problems'],
        summary: 'Raise a problem (问题清单), optionally with measures and responsibility',
        body: RaiseProblemSchema,
        response: responses({ 201: ProblemSchema }),
      },
      config: { access: 'problem.raise' },
    },
    async (request, reply) => reply.status(201).send(await service.raiseProblem(db, request.ctx, request.body)),
  );
  r.post(
    '/api/v1/problems/:id/assign',
    {
      schema: {
        tags: ['problems'],
        summary: 'Assign (or re-assign) the lead unit and person, cooperating units and deadline (责任清单)',
        params: IdParamsSchema,
        body: AssignProblemSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'problem.assign' },
    },
    async (request) => await service.assignProblem(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/problems/:id/start',
    {
      schema: {
        tags: ['problems'],
        summary: 'The lead unit takes it on, with its measures (措施清单)',
        params: IdParamsSchema,
        body: StartProblemSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'problem.handle' },
    },
    async (request) => await service.startItem(db, request.ctx, 'problem', request.params.id, request.body),
  );
  r.post(
    '/api/v1/problems/:id/confirm',
    {
      schema: {
        tags: ['problems'],
        summary: 'Whoever raised it confirms the result (closed)',
        params: IdParamsSchema,
        body: ConfirmProblemSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'problem.raise' },
    },
    async (request) => await service.confirmProblem(db, request.ctx, request.params.id, request.body),
  );

  // ------------------------------------------------------------ appeals
  r.get(
    '/api/v1/appeals/metrics',
    {
      schema: {
        tags: ['appeals'],
        summary: 'Satisfaction and timeliness (accept, reply, resolve) per department',
        querystring: AppealMetricsQuerySchema,
        response: responses({ 200: AppealMetricsSchema }),
      },
      config: { access: 'appeal.read' },
    },
    async (request) => await service.appealMetrics(db, request.ctx, request.query),
  );
  r.post(
    '/api/v1/appeals',
    {
      schema: {
        tags: ['appeals'],
        summary: 'An enterprise raises an appeal (企业诉求)',
        body: RaiseAppealSchema,
        response: responses({ 201: ProblemSchema }),
      },
      config: { access: 'appeal.raise' },
    },
    async (request, reply) => reply.status(201).send(await service.raiseAppeal(db, request.ctx, request.body)),
  );
  r.post(
    '/api/v1/appeals/:id/route',
    {
      schema: {
        tags: ['appeals'],
        summary: 'The city routes the appeal to a department (分办)',
        params: IdParamsSchema,
        body: RouteAppealSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'appeal.route' },
    },
    async (request) => await service.routeAppeal(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/appeals/:id/accept',
    {
      schema: {
        tags: ['appeals'],
        summary: 'The department accepts the appeal (受理)',
        params: IdParamsSchema,
        body: AcceptAppealSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'appeal.handle' },
    },
    async (request) => await service.startItem(db, request.ctx, 'appeal', request.params.id, request.body),
  );
  r.post(
    '/api/v1/appeals/:id/reply',
    {
      schema: {
        tags: ['appeals'],
        summary: 'The department answers the enterprise (答复)',
        params: IdParamsSchema,
        body: ReplyAppealSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'appeal.handle' },
    },
    async (request) => await service.replyAppeal(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/appeals/:id/rate',
    {
      schema: {
        tags: ['appeals'],
        summary: 'The enterprise rates the result (closes the appeal)',
        params: IdParamsSchema,
        body: RateAppealSchema,
        response: responses({ 200: ProblemSchema }),
      },
      config: { access: 'appeal.raise' },
    },
    async (request) => await service.rateAppeal(db, request.ctx, request.params.id, request.body),
  );
}
