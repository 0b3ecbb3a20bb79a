import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AdjustmentListSchema,
  AdjustmentQuerySchema,
  AdjustmentSchema,
  ConflictListSchema,
  ConflictQuerySchema,
  CreateAdjustmentSchema,
  CreateMethodSchema,
  CreateObjectionSchema,
  CreateRunSchema,
  DataImportPageSchema,
  DataImportQuerySchema,
  DataPageSchema,
  DataQuerySchema,
  DistributionQuerySchema,
  DistributionSchema,
  ExplanationSchema,
  IdParamsSchema,
  MethodListSchema,
  MethodPresetListSchema,
  MethodSchema,
  MovesQuerySchema,
  MovesSchema,
  ObjectionListQuerySchema,
  ObjectionListSchema,
  ObjectionSchema,
  OkSchema,
  PolicyListQuerySchema,
  PolicyListSchema,
  PublishRunSchema,
  PutRegisterResultSchema,
  PutRegisterSchema,
  RegisterPageSchema,
  RegisterQuerySchema,
  ResolveConflictSchema,
  ResolveObjectionSchema,
  ResultPageSchema,
  ResultQuerySchema,
  RunEnterpriseParamsSchema,
  RunListQuerySchema,
  RunListSchema,
  RunSchema,
  UpdateMethodSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { attachmentHeader } from '../files/index.js';
import { XLSX_TYPE, exportWorkbook } from '../sheets/index.js';
import * as service from './service.js';

const P = '/api/v1/evaluation';
const tags = ['evaluation'];

export function evaluationRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- methods
  r.get(
    `${P}/method-presets`,
    {
      schema: {
        tags,
        summary: 'The published methods shipped as ready configurations',
        response: responses({ 200: MethodPresetListSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async () => service.methodPresets(),
  );
  r.get(
    `${P}/methods`,
    {
      schema: { tags, summary: 'The city’s methods', response: responses({ 200: MethodListSchema }) },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.findMethods(db, request.ctx),
  );
  r.get(
    `${P}/methods/:id`,
    {
      schema: { tags, summary: 'One method', params: IdParamsSchema, response: responses({ 200: MethodSchema }) },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.getMethodById(db, request.ctx, request.params.id),
  );
  r.post(
    `${P}/methods`,
    {
      schema: {
        tags,
        summary: 'A method from a preset, a copy of a method, or a whole configuration',
        body: CreateMethodSchema,
        response: responses({ 201: MethodSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request, reply) => reply.status(201).send(await service.createMethod(db, request.ctx, request.body)),
  );
  r.put(
    `${P}/methods/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a method (refused once frozen)',
        params: IdParamsSchema,
        body: UpdateMethodSchema,
        response: responses({ 200: MethodSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.updateMethod(db, request.ctx, request.params.id, request.body),
  );

  // ---- register
  r.get(
    `${P}/register`,
    {
      schema: {
        tags,
        summary: 'The evaluation register',
        querystring: RegisterQuerySchema,
        response: responses({ 200: RegisterPageSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.findRegister(db, request.ctx, request.query),
  );
  r.put(
    `${P}/register`,
    {
      schema: {
        tags,
        summary: 'Add or update register entries by credit code',
        body: PutRegisterSchema,
        response: responses({ 200: PutRegisterResultSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.putRegister(db, request.ctx, request.body),
  );

  // ---- data and conflicts (imports are the sheets routes under /evaluation/data/imports)
  r.get(
    `${P}/data`,
    {
      schema: {
        tags,
        summary: 'Imported values (a department sees its own)',
        querystring: DataQuerySchema,
        response: responses({ 200: DataPageSchema }),
      },
      config: { access: 'evaluation.data.import' },
    },
    async (request) => await service.findData(db, request.ctx, request.query),
  );
  r.get(
    `${P}/data/imports`,
    {
      schema: {
        tags,
        summary: 'Uploads of evaluation data with source department, file and time (a department sees its own)',
        querystring: DataImportQuerySchema,
        response: responses({ 200: DataImportPageSchema }),
      },
      config: { access: 'evaluation.data.import' },
    },
    async (request) => await service.findImports(db, request.ctx, request.query),
  );
  r.get(
    `${P}/conflicts`,
    {
      schema: {
        tags,
        summary: 'Values on which two sources disagree',
        querystring: ConflictQuerySchema,
        response: responses({ 200: ConflictListSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.findConflicts(db, request.ctx, request.query.year, request.query.isResolved),
  );
  r.post(
    `${P}/conflicts/resolve`,
    {
      schema: {
        tags,
        summary: 'Choose the source whose value counts',
        body: ResolveConflictSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.resolveConflict(db, request.ctx, request.body),
  );

  // ---- bonus and penalty entries
  r.get(
    `${P}/adjustments`,
    {
      schema: {
        tags,
        summary: 'Bonus and penalty entries of a year',
        querystring: AdjustmentQuerySchema,
        response: responses({ 200: AdjustmentListSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.findAdjustments(db, request.ctx, request.query.year),
  );
  r.post(
    `${P}/adjustments`,
    {
      schema: {
        tags,
        summary: 'Enter a bonus or penalty with evidence',
        body: CreateAdjustmentSchema,
        response: responses({ 201: AdjustmentSchema }),
      },
      config: { access: 'evaluation.configure' },
    },
    async (request, reply) => reply.status(201).send(await service.createAdjustment(db, request.ctx, request.body)),
  );
  r.delete(
    `${P}/adjustments/:id`,
    {
      schema: { tags, summary: 'Remove an entry', params: IdParamsSchema, response: responses({ 200: OkSchema }) },
      config: { access: 'evaluation.configure' },
    },
    async (request) => await service.deleteAdjustment(db, request.ctx, request.params.id),
  );

  // ---- runs
  r.get(
    `${P}/runs`,
    {
      schema: {
        tags,
        summary: 'Runs (drafts only for the operator)',
        querystring: RunListQuerySchema,
        response: responses({ 200: RunListSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.findRuns(db, request.ctx, request.query.year),
  );
  r.post(
    `${P}/runs`,
    {
      schema: {
        tags,
        summary: 'Evaluate a year with a method (a new version)',
        body: CreateRunSchema,
        response: responses({ 201: RunSchema }),
      },
      config: { access: 'evaluation.run' },
    },
    async (request, reply) => reply.status(201).send(await service.createRun(db, request.ctx, request.body)),
  );
  r.get(
    `${P}/runs/:id`,
    {
      schema: {
        tags,
        summary: 'A run: counts, benchmarks, notes, the method used',
        params: IdParamsSchema,
        response: responses({ 200: RunSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.getRunById(db, request.ctx, request.params.id),
  );
  r.post(
    `${P}/runs/:id/publish`,
    {
      schema: {
        tags,
        summary: 'Publish for public comment (公示) until the objection deadline',
        params: IdParamsSchema,
        body: PublishRunSchema,
        response: responses({ 200: RunSchema }),
      },
      config: { access: 'evaluation.run' },
    },
    async (request) => await service.publishRun(db, request.ctx, request.params.id, request.body.objectionDeadline),
  );
  r.post(
    `${P}/runs/:id/finalize`,
    {
      schema: { tags, summary: 'Make the results final', params: IdParamsSchema, response: responses({ 200: RunSchema }) },
      config: { access: 'evaluation.run' },
    },
    async (request) => await service.finalizeRun(db, request.ctx, request.params.id),
  );
  r.get(
    `${P}/runs/:id/results`,
    {
      schema: {
        tags,
        summary: 'Results in the caller’s jurisdiction',
        params: IdParamsSchema,
        querystring: ResultQuerySchema,
        response: responses({ 200: ResultPageSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.findResults(db, request.ctx, request.params.id, request.query),
  );
  r.get(
    `${P}/runs/:id/results/:enterpriseId`,
    {
      schema: {
        tags,
        summary: 'One enterprise’s result explained, with what would move it up',
        params: RunEnterpriseParamsSchema,
        response: responses({ 200: ExplanationSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.explainResult(db, request.ctx, request.params.id, request.params.enterpriseId),
  );
  r.get(
    `${P}/runs/:id/distribution`,
    {
      schema: {
        tags,
        summary: 'Classes by park, industry, unit or group',
        params: IdParamsSchema,
        querystring: DistributionQuerySchema,
        response: responses({ 200: DistributionSchema }),
      },
      config: { access: 'evaluation.analyze' },
    },
    async (request) => await service.distribution(db, request.ctx, request.params.id, request.query.by),
  );
  r.get(
    `${P}/runs/:id/policy-list`,
    {
      schema: {
        tags,
        summary: 'Enterprises a kind of differentiated policy applies to',
        params: IdParamsSchema,
        querystring: PolicyListQuerySchema,
        response: responses({ 200: PolicyListSchema }),
      },
      config: { access: 'evaluation.analyze' },
    },
    async (request) => {
      const { kind, items } = await service.policyList(db, request.ctx, request.params.id, request.query.kind);
      return { kind, items };
    },
  );
  r.get(
    `${P}/runs/:id/policy-list/export`,
    {
      schema: { tags, summary: 'The policy list as .xlsx (audited)', params: IdParamsSchema, querystring: PolicyListQuerySchema },
      config: { access: 'evaluation.analyze' },
    },
    async (request, reply) => {
      const list = await service.policyList(db, request.ctx, request.params.id, request.query.kind);
      await service.recordPolicyExport(db, request.ctx, request.params.id, request.query.kind, list.items.length);
      const en = request.ctx.locale === 'en-US';
      const header = (zh: string, english: string) => ({ header: { 'zh-CN': zh, 'en-US': english }, width: 18 });
      async function* rows() {
        for (const i of list.items) yield [i.uscc, i.name, i.unitName, i.class, i.score, i.policy, JSON.stringify(i.parameters)];
      }
      const body = exportWorkbook(
        [
          header('统一社会信用代码', 'Credit code'),
          header('企业名称', 'Enterprise'),
          header('所属单位', 'Unit'),
          header('等级', 'Class'),
          header('得分', 'Score'),
          header('政策', 'Policy'),
          header('参数', 'Parameters'),
        ],
        rows(),
        request.ctx.locale,
        en ? `Policy ${list.kind}` : `差别化政策-${list.kind}`,
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(`${list.year}-${en ? 'policy' : '差别化政策'}-${list.kind}.xlsx`))
        .send(body);
    },
  );
  r.get(
    `${P}/moves`,
    {
      schema: { tags, summary: 'Year-over-year class moves', querystring: MovesQuerySchema, response: responses({ 200: MovesSchema }) },
      config: { access: 'evaluation.analyze' },
    },
    async (request) => await service.classMoves(db, request.ctx, request.query.year),
  );

  // ---- objections
  r.post(
    `${P}/runs/:id/objections`,
    {
      schema: {
        tags,
        summary: 'Object to the own published result, with evidence',
        params: IdParamsSchema,
        body: CreateObjectionSchema,
        response: responses({ 201: ObjectionSchema }),
      },
      config: { access: 'evaluation.object' },
    },
    async (request, reply) => reply.status(201).send(await service.createObjection(db, request.ctx, request.params.id, request.body)),
  );
  r.get(
    `${P}/objections`,
    {
      schema: {
        tags,
        summary: 'Objections in the caller’s jurisdiction',
        querystring: ObjectionListQuerySchema,
        response: responses({ 200: ObjectionListSchema }),
      },
      config: { access: 'evaluation.read' },
    },
    async (request) => await service.findObjections(db, request.ctx, request.query),
  );
  r.post(
    `${P}/objections/:id/resolve`,
    {
      schema: {
        tags,
        summary: 'Accept (then correct and re-run) or reject with a reason',
        params: IdParamsSchema,
        body: ResolveObjectionSchema,
        response: responses({ 200: ObjectionSchema }),
      },
      config: { access: 'evaluation.run' },
    },
    async (request) => await service.resolveObjection(db, request.ctx, request.params.id, request.body),
  );
}
