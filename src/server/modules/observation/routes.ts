import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateTourSchema,
  IdParamsSchema,
  JudgeCandidateListSchema,
  OkSchema,
  REPORT_PHOTO_LIMITS,
  SiteScoreInputSchema,
  TourListQuerySchema,
  TourPageSchema,
  TourResultsSchema,
  TourSchema,
  TourSiteParamsSchema,
  TourTransitionSchema,
  UpdateTourSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { attachmentHeader, sendStoredFile, readUpload } from '../files/index.js';
import { photoTooLarge } from '../reports/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import * as service from './service.js';

const P = '/api/v1/observation';
const tags = ['observation'];

export function observationRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    `${P}/tours`,
    {
      schema: {
        tags,
        summary: 'Observation tours, newest first (drafts only for the operator)',
        querystring: TourListQuerySchema,
        response: responses({ 200: TourPageSchema }),
      },
      config: { access: 'observation.read' },
    },
    async (request) => await service.listTours(db, request.ctx, request.query),
  );
  r.get(
    `${P}/judge-candidates`,
    {
      schema: { tags, summary: 'Accounts that may be named judges', response: responses({ 200: JudgeCandidateListSchema }) },
      config: { access: 'observation.manage' },
    },
    async (request) => await service.judgeCandidates(db, request.ctx),
  );
  r.post(
    `${P}/tours`,
    {
      schema: { tags, summary: 'Draft a tour: criteria, sites, judges', body: CreateTourSchema, response: responses({ 201: TourSchema }) },
      config: { access: 'observation.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createTour(db, request.ctx, request.body)),
  );
  r.get(
    `${P}/tours/:id`,
    {
      schema: {
        tags,
        summary: 'One tour with its sites, judges and the caller’s own scores',
        params: IdParamsSchema,
        response: responses({ 200: TourSchema }),
      },
      config: { access: 'observation.read' },
    },
    async (request) => await service.getTour(db, request.ctx, request.params.id),
  );
  r.patch(
    `${P}/tours/:id`,
    {
      schema: { tags, summary: 'Edit a draft', params: IdParamsSchema, body: UpdateTourSchema, response: responses({ 200: TourSchema }) },
      config: { access: 'observation.manage' },
    },
    async (request) => await service.updateTour(db, request.ctx, request.params.id, request.body),
  );
  r.delete(
    `${P}/tours/:id`,
    {
      schema: { tags, summary: 'Delete a draft', params: IdParamsSchema, response: responses({ 200: OkSchema }) },
      config: { access: 'observation.manage' },
    },
    async (request) => await service.deleteTour(db, request.ctx, request.params.id),
  );
  r.post(
    `${P}/tours/:id/open`,
    {
      schema: {
        tags,
        summary: 'Open a draft for scoring',
        params: IdParamsSchema,
        body: TourTransitionSchema,
        response: responses({ 200: TourSchema }),
      },
      config: { access: 'observation.manage' },
    },
    async (request) => await service.moveTour(db, request.ctx, request.params.id, request.body.version, 'scoring'),
  );
  r.post(
    `${P}/tours/:id/close`,
    {
      schema: {
        tags,
        summary: 'Close a tour: its scores are final',
        params: IdParamsSchema,
        body: TourTransitionSchema,
        response: responses({ 200: TourSchema }),
      },
      config: { access: 'observation.manage' },
    },
    async (request) => await service.moveTour(db, request.ctx, request.params.id, request.body.version, 'closed'),
  );
  r.put(
    `${P}/tours/:id/sites/:projectId/score`,
    {
      schema: {
        tags,
        summary: 'A judge’s points for one site (revised while the tour is scoring)',
        params: TourSiteParamsSchema,
        body: SiteScoreInputSchema,
        response: responses({ 200: TourSchema }),
      },
      config: { access: 'observation.score' },
    },
    async (request) => await service.scoreSite(db, request.ctx, request.params.id, request.params.projectId, request.body),
  );
  r.post(
    `${P}/tours/:id/sites/:projectId/photos`,
    {
      schema: {
        tags,
        summary:
          'Add a photo of a site (multipart field "file": JPG or PNG by content, the report photos’ size limit), by a judge or the operator while the tour is scored',
        params: TourSiteParamsSchema,
        consumes: ['multipart/form-data'],
        response: responses({ 201: TourSchema }),
      },
      config: { access: 'observation.score' },
    },
    async (request, reply) => {
      const upload = await readUpload(request, REPORT_PHOTO_LIMITS.maxBytes, photoTooLarge);
      return reply.status(201).send(await service.addPhoto(db, request.ctx, request.params.id, request.params.projectId, upload));
    },
  );
  r.get(
    `${P}/photos/:id`,
    {
      schema: { tags, summary: 'Download a photo of a tour', params: IdParamsSchema },
      config: { access: 'observation.read' },
    },
    async (request, reply) => {
      const file = await service.photoFile(db, request.ctx, request.params.id);
      return sendStoredFile(reply, file, { cacheSeconds: 3600 });
    },
  );
  r.delete(
    `${P}/photos/:id`,
    {
      schema: {
        tags,
        summary: 'Remove one’s own photo (the operator any) while the tour is scored',
        params: IdParamsSchema,
        response: responses({ 200: OkSchema }),
      },
      config: { access: 'observation.score' },
    },
    async (request) => await service.deletePhoto(db, request.ctx, request.params.id),
  );
  r.get(
    `${P}/tours/:id/results`,
    {
      schema: {
        tags,
        summary: 'Site and unit scores and ranks (closed tours; the operator all along)',
        params: IdParamsSchema,
        response: responses({ 200: TourResultsSchema }),
      },
      config: { access: 'observation.read' },
    },
    async (request) => await service.tourResults(db, request.ctx, request.params.id),
  );
  r.get(
    `${P}/tours/:id/export`,
    {
      schema: { tags, summary: 'The results as .xlsx', params: IdParamsSchema },
      config: { access: 'observation.read' },
    },
    async (request, reply) => {
      const { title, stream } = await service.exportResults(db, request.ctx, request.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(`${title}.xlsx`))
        .send(stream);
    },
  );
}
