import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CloseCaseSchema,
  CodeListQuerySchema,
  CodeTokenParamsSchema,
  EnterpriseCodePageSchema,
  EnterpriseCodeSchema,
  IdParamsSchema,
  InspectionCaseListQuerySchema,
  InspectionCasePageSchema,
  InspectionCaseSchema,
  InspectionExportQuerySchema,
  InspectionListQuerySchema,
  InspectionPageSchema,
  InspectionSchema,
  InspectionSettingsSchema,
  InspectionStatsQuerySchema,
  InspectionStatsSchema,
  IssueCodeSchema,
  IssueCodesSchema,
  IssuedCodesSchema,
  RateInspectionSchema,
  RegisterInspectionSchema,
  ReportUnregisteredSchema,
  ScannedCodeSchema,
  UpdateInspectionSettingsSchema,
  UnitNamesSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { attachmentHeader } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import * as service from './service.js';

const P = '/api/v1/inspections';
const tags = ['inspections'];

export function inspectionRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${P}/settings`,
    {
      schema: { tags, summary: 'The city’s routine-inspection limit', response: responses({ 200: InspectionSettingsSchema }) },
      config: { access: 'inspection.read' },
    },
    async (request) => await service.getSettings(db, request.ctx),
  );
  r.put(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: 'Set the routine-inspection limit (409 on a stale version)',
        body: UpdateInspectionSettingsSchema,
        response: responses({ 200: InspectionSettingsSchema }),
      },
      config: { access: 'inspection.manage' },
    },
    async (request) => await service.updateSettings(db, request.ctx, request.body),
  );
  r.get(
    `${P}/departments`,
    {
      schema: { tags, summary: 'The city’s departments (for pickers and filters)', response: responses({ 200: UnitNamesSchema }) },
      config: { access: 'inspection.read' },
    },
    async (request) => await service.listDepartments(db, request.ctx),
  );
  r.get(
    `${P}/codes`,
    {
      schema: {
        tags,
        summary: 'The city’s enterprises with their codes',
        querystring: CodeListQuerySchema,
        response: responses({ 200: EnterpriseCodePageSchema }),
      },
      config: { access: 'inspection.manage' },
    },
    async (request) => await service.listCodes(db, request.ctx, request.query),
  );
  r.post(
    `${P}/codes`,
    {
      schema: {
        tags,
        summary: 'Issue an enterprise its code, or a new one (the old one stops working)',
        body: IssueCodeSchema,
        response: responses({ 201: EnterpriseCodeSchema }),
      },
      config: { access: 'inspection.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.issueCode(db, request.ctx, request.body.enterpriseId)),
  );
  r.post(
    `${P}/codes/batch`,
    {
      schema: {
        tags,
        summary: 'Issue codes to the enterprises chosen that hold none (those that do keep theirs)',
        body: IssueCodesSchema,
        response: responses({ 200: IssuedCodesSchema }),
      },
      config: { access: 'inspection.manage' },
    },
    async (request) => await service.issueCodes(db, request.ctx, request.body.enterpriseIds),
  );
  r.get(
    `${P}/codes/mine`,
    {
      schema: { tags, summary: 'The signed-in enterprise’s own code', response: responses({ 200: EnterpriseCodeSchema }) },
      config: { access: 'inspection.rate' },
    },
    async (request) => await service.myCode(db, request.ctx),
  );
  r.get(
    `${P}/scan/:token`,
    {
      schema: {
        tags,
        summary: 'What an inspector sees after scanning a code',
        params: CodeTokenParamsSchema,
        response: responses({ 200: ScannedCodeSchema }),
      },
      config: { access: 'inspection.register' },
    },
    async (request) => await service.scanCode(db, request.ctx, request.params.token),
  );
  r.post(
    P,
    {
      schema: {
        tags,
        summary: 'Register an inspection by the enterprise’s code (over the routine limit it opens a supervision case)',
        body: RegisterInspectionSchema,
        response: responses({ 201: InspectionSchema }),
      },
      config: { access: 'inspection.register' },
    },
    async (request, reply) => reply.status(201).send(await service.registerInspection(db, request.ctx, request.body)),
  );
  r.get(
    P,
    {
      schema: {
        tags,
        summary: 'Inspections in the caller’s jurisdiction, newest first',
        querystring: InspectionListQuerySchema,
        response: responses({ 200: InspectionPageSchema }),
      },
      config: { access: 'inspection.read' },
    },
    async (request) => await service.listInspections(db, request.ctx, request.query),
  );
  r.get(
    `${P}/export`,
    {
      schema: { tags, summary: 'The filtered inspections as .xlsx', querystring: InspectionExportQuerySchema },
      config: { access: 'inspection.read' },
    },
    async (request, reply) => {
      const stream = await service.exportInspections(db, request.ctx, request.query);
      const name = request.ctx.locale === 'en-US' ? 'inspections.xlsx' : '涉企检查.xlsx';
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(name)).send(stream);
    },
  );
  r.post(
    `${P}/:id/rating`,
    {
      schema: {
        tags,
        summary: 'The enterprise rates an inspection of it (once)',
        params: IdParamsSchema,
        body: RateInspectionSchema,
        response: responses({ 200: InspectionSchema }),
      },
      config: { access: 'inspection.rate' },
    },
    async (request) => await service.rateInspection(db, request.ctx, request.params.id, request.body),
  );
  r.get(
    `${P}/cases`,
    {
      schema: {
        tags,
        summary: 'Supervision cases in the caller’s jurisdiction, open ones first',
        querystring: InspectionCaseListQuerySchema,
        response: responses({ 200: InspectionCasePageSchema }),
      },
      config: { access: 'inspection.read' },
    },
    async (request) => await service.listCases(db, request.ctx, request.query),
  );
  r.post(
    `${P}/cases`,
    {
      schema: {
        tags,
        summary: 'The enterprise reports an inspection that entered without scanning its code',
        body: ReportUnregisteredSchema,
        response: responses({ 201: InspectionCaseSchema }),
      },
      config: { access: 'inspection.report' },
    },
    async (request, reply) => reply.status(201).send(await service.reportUnregistered(db, request.ctx, request.body)),
  );
  r.post(
    `${P}/cases/:id/close`,
    {
      schema: {
        tags,
        summary: 'Close a supervision case with its finding',
        params: IdParamsSchema,
        body: CloseCaseSchema,
        response: responses({ 200: InspectionCaseSchema }),
      },
      config: { access: 'inspection.manage' },
    },
    async (request) => await service.closeCase(db, request.ctx, request.params.id, request.body),
  );
  r.get(
    `${P}/stats`,
    {
      schema: {
        tags,
        summary: 'Per department: the year’s inspections by kind, flags, cases and ratings',
        querystring: InspectionStatsQuerySchema,
        response: responses({ 200: InspectionStatsSchema }),
      },
      config: { access: 'inspection.supervise' },
    },
    async (request) => await service.inspectionStats(db, request.ctx, request.query.year),
  );
}
