import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  COMPETITION_LIMITS,
  CompetitionAdjustmentInputSchema,
  CompetitionAdjustmentListSchema,
  CompetitionAdjustmentParamsSchema,
  CompetitionAdjustmentSchema,
  CompetitionEntryDocumentQuerySchema,
  CompetitionEntryInputSchema,
  CompetitionEntryListSchema,
  CompetitionPeriodQuerySchema,
  CompetitionPublishSchema,
  CompetitionResultsSchema,
  CompetitionSchemeListQuerySchema,
  CompetitionSchemeListSchema,
  CompetitionSchemeSchema,
  CompetitionTransitionSchema,
  CreateCompetitionSchemeSchema,
  IdParamsSchema,
  OkSchema,
  UpdateCompetitionSchemeSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DOCX_TYPE } from '../../lib/docx.js';
import { DomainError } from '../../lib/domain-error.js';
import { attachmentHeader, readUpload, sendStoredFile } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import * as service from './service.js';

const P = '/api/v1/competition/schemes';
const tags = ['competition'];
const MAX_EVIDENCE_BYTES = COMPETITION_LIMITS.evidenceFileMaxMb * 1024 * 1024;
const evidenceTooLarge = () =>
  new DomainError('PAYLOAD_TOO_LARGE', { key: 'competition.fileTooLarge', params: { max: COMPETITION_LIMITS.evidenceFileMaxMb } });

export function competitionRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    P,
    {
      schema: {
        tags,
        summary: 'The competition schemes, newest year first (drafts only for the operator)',
        querystring: CompetitionSchemeListQuerySchema,
        response: responses({ 200: CompetitionSchemeListSchema }),
      },
      config: { access: 'competition.read' },
    },
    async (request) => await service.listSchemes(db, request.ctx, request.query),
  );
  r.post(
    P,
    {
      schema: {
        tags,
        summary: 'Draft a year’s indicator system',
        body: CreateCompetitionSchemeSchema,
        response: responses({ 201: CompetitionSchemeSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createScheme(db, request.ctx, request.body)),
  );
  r.get(
    `${P}/:id`,
    {
      schema: { tags, summary: 'One scheme', params: IdParamsSchema, response: responses({ 200: CompetitionSchemeSchema }) },
      config: { access: 'competition.read' },
    },
    async (request) => await service.getScheme(db, request.ctx, request.params.id),
  );
  r.patch(
    `${P}/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a draft',
        params: IdParamsSchema,
        body: UpdateCompetitionSchemeSchema,
        response: responses({ 200: CompetitionSchemeSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.updateScheme(db, request.ctx, request.params.id, request.body),
  );
  r.delete(
    `${P}/:id`,
    {
      schema: { tags, summary: 'Delete a draft', params: IdParamsSchema, response: responses({ 200: OkSchema }) },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.deleteScheme(db, request.ctx, request.params.id),
  );
  r.post(
    `${P}/:id/activate`,
    {
      schema: {
        tags,
        summary: 'Activate a draft (its indicator system is then frozen)',
        params: IdParamsSchema,
        body: CompetitionTransitionSchema,
        response: responses({ 200: CompetitionSchemeSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.activateScheme(db, request.ctx, request.params.id, request.body.version),
  );
  r.get(
    `${P}/:id/results`,
    {
      schema: {
        tags,
        summary: 'Units scored and ranked for a quarter or the year, each indicator with its value and points',
        params: IdParamsSchema,
        querystring: CompetitionPeriodQuerySchema,
        response: responses({ 200: CompetitionResultsSchema }),
      },
      config: { access: 'competition.read' },
    },
    async (request) => await service.competitionResults(db, request.ctx, request.params.id, request.query.period),
  );
  r.post(
    `${P}/:id/publish`,
    {
      schema: {
        tags,
        summary: 'Publish a period’s results once it is over (frozen; each unit is told its score and rank)',
        params: IdParamsSchema,
        body: CompetitionPublishSchema,
        response: responses({ 200: CompetitionResultsSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.publishResults(db, request.ctx, request.params.id, request.body.period),
  );
  r.get(
    `${P}/:id/results/export`,
    {
      schema: { tags, summary: 'The results of a period as .xlsx', params: IdParamsSchema, querystring: CompetitionPeriodQuerySchema },
      config: { access: 'competition.read' },
    },
    async (request, reply) => {
      const { name, stream } = await service.exportCompetitionResults(db, request.ctx, request.params.id, request.query.period);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(`${name}.xlsx`))
        .send(stream);
    },
  );
  r.get(
    `${P}/:id/results/notice`,
    {
      schema: {
        tags,
        summary: 'The notice (通报) of a published period as Word',
        params: IdParamsSchema,
        querystring: CompetitionPeriodQuerySchema,
      },
      config: { access: 'competition.read' },
    },
    async (request, reply) => {
      const { name, data } = await service.competitionNotice(db, request.ctx, request.params.id, request.query.period);
      return reply.type(DOCX_TYPE).header('content-disposition', attachmentHeader(name)).send(data);
    },
  );
  r.post(
    `${P}/:id/entries/document`,
    {
      schema: {
        tags,
        summary:
          'Attach or replace the document behind an entered indicator’s values for a period (multipart field "file": PDF, JPG or PNG)',
        params: IdParamsSchema,
        querystring: CompetitionEntryDocumentQuerySchema,
        consumes: ['multipart/form-data'],
        response: responses({ 200: CompetitionEntryListSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => {
      const upload = await readUpload(request, MAX_EVIDENCE_BYTES, evidenceTooLarge);
      return await service.attachEntryDocument(db, request.ctx, request.params.id, request.query, upload);
    },
  );
  r.delete(
    `${P}/:id/entries/document`,
    {
      schema: {
        tags,
        summary: 'Remove the document behind an entered indicator’s values for a period (until it is published)',
        params: IdParamsSchema,
        querystring: CompetitionEntryDocumentQuerySchema,
        response: responses({ 200: CompetitionEntryListSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.removeEntryDocument(db, request.ctx, request.params.id, request.query),
  );
  r.get(
    `${P}/:id/entries/document`,
    {
      schema: {
        tags,
        summary: 'Download the document behind an entered indicator’s values for a period',
        params: IdParamsSchema,
        querystring: CompetitionEntryDocumentQuerySchema,
      },
      config: { access: 'competition.read' },
    },
    async (request, reply) => sendStoredFile(reply, await service.entryDocument(db, request.ctx, request.params.id, request.query)),
  );
  r.post(
    `${P}/:id/adjustments/:adjustmentId/file`,
    {
      schema: {
        tags,
        summary: 'Attach or replace a bonus/penalty item’s evidence document (multipart field "file": PDF, JPG or PNG)',
        params: CompetitionAdjustmentParamsSchema,
        consumes: ['multipart/form-data'],
        response: responses({ 200: CompetitionAdjustmentSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => {
      const upload = await readUpload(request, MAX_EVIDENCE_BYTES, evidenceTooLarge);
      return await service.attachAdjustmentFile(db, request.ctx, request.params.id, request.params.adjustmentId, upload);
    },
  );
  r.get(
    `${P}/:id/adjustments/:adjustmentId/file`,
    {
      schema: { tags, summary: 'Download a bonus/penalty item’s evidence document', params: CompetitionAdjustmentParamsSchema },
      config: { access: 'competition.read' },
    },
    async (request, reply) =>
      sendStoredFile(reply, await service.adjustmentFile(db, request.ctx, request.params.id, request.params.adjustmentId)),
  );
  r.get(
    `${P}/:id/entries`,
    {
      schema: {
        tags,
        summary: 'Values entered for a period (indicators not measured by the platform)',
        params: IdParamsSchema,
        querystring: CompetitionPeriodQuerySchema,
        response: responses({ 200: CompetitionEntryListSchema }),
      },
      config: { access: 'competition.read' },
    },
    async (request) => await service.listEntries(db, request.ctx, request.params.id, request.query.period),
  );
  r.put(
    `${P}/:id/entries`,
    {
      schema: {
        tags,
        summary: 'Enter (or, with a null value, remove) a unit’s value with its evidence',
        params: IdParamsSchema,
        body: CompetitionEntryInputSchema,
        response: responses({ 200: CompetitionEntryListSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.putEntry(db, request.ctx, request.params.id, request.body),
  );
  r.get(
    `${P}/:id/adjustments`,
    {
      schema: {
        tags,
        summary: 'Bonus and penalty items of a period',
        params: IdParamsSchema,
        querystring: CompetitionPeriodQuerySchema,
        response: responses({ 200: CompetitionAdjustmentListSchema }),
      },
      config: { access: 'competition.read' },
    },
    async (request) => await service.listAdjustments(db, request.ctx, request.params.id, request.query.period),
  );
  r.post(
    `${P}/:id/adjustments`,
    {
      schema: {
        tags,
        summary: 'Add a bonus or penalty item with its reason and evidence',
        params: IdParamsSchema,
        body: CompetitionAdjustmentInputSchema,
        response: responses({ 201: CompetitionAdjustmentSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.addAdjustment(db, request.ctx, request.params.id, request.body)),
  );
  r.delete(
    `${P}/:id/adjustments/:adjustmentId`,
    {
      schema: {
        tags,
        summary: 'Remove a bonus or penalty item',
        params: CompetitionAdjustmentParamsSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'competition.manage' },
    },
    async (request) => await service.deleteAdjustment(db, request.ctx, request.params.id, request.params.adjustmentId),
  );
}
