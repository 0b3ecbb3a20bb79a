import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AgendaProposalQuerySchema,
  AgendaProposalSchema,
  CreateDecisionSchema,
  CreateMeetingSchema,
  IdParamsSchema,
  MeetingListQuerySchema,
  MeetingPageSchema,
  MeetingSchema,
  UpdateMeetingSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { attachmentHeader } from '../files/index.js';
import { getCityNames } from '../org/index.js';
import { minutesDocx, tasksDocx } from './minutes.js';
import * as service from './service.js';
import { DOCX_TYPE } from '../../lib/docx.js';

export function dispatchRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/dispatch/meetings',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Weekly dispatch meetings, newest first',
        querystring: MeetingListQuerySchema,
        response: responses({ 200: MeetingPageSchema }),
      },
      config: { access: 'dispatch.read' },
    },
    async (request) => await service.findMeetings(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/dispatch/agenda-proposal',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'The agenda proposed for a meeting: carried over, red and yellow projects, overdue problems',
        querystring: AgendaProposalQuerySchema,
        response: responses({ 200: AgendaProposalSchema }),
      },
      config: { access: 'dispatch.manage' },
    },
    async (request) => await service.agendaProposal(db, request.ctx, request.query.heldOn),
  );
  r.post(
    '/api/v1/dispatch/meetings',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Record a meeting (the proposed agenda unless one is given)',
        body: CreateMeetingSchema,
        response: responses({ 201: MeetingSchema }),
      },
      config: { access: 'dispatch.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createMeeting(db, request.ctx, request.body)),
  );
  r.get(
    '/api/v1/dispatch/meetings/:id',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'One meeting with agenda, minutes and decisions',
        params: IdParamsSchema,
        response: responses({ 200: MeetingSchema }),
      },
      config: { access: 'dispatch.read' },
    },
    async (request) => await service.getMeeting(db, request.ctx, request.params.id),
  );
  r.patch(
    '/api/v1/dispatch/meetings/:id',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Edit the record: agenda, minutes, chair, attendees',
        params: IdParamsSchema,
        body: UpdateMeetingSchema,
        response: responses({ 200: MeetingSchema }),
      },
      config: { access: 'dispatch.manage' },
    },
    async (request) => await service.updateMeeting(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/dispatch/meetings/:id/decisions',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Record a decision; with a task it becomes an assigned problem-list item (交办事项)',
        params: IdParamsSchema,
        body: CreateDecisionSchema,
        response: responses({ 201: MeetingSchema }),
      },
      config: { access: 'dispatch.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.addDecision(db, request.ctx, request.params.id, request.body)),
  );
  for (const which of ['minutes', 'tasks'] as const) {
    r.get(
      `/api/v1/dispatch/meetings/:id/${which}`,
      {
        schema: {
          tags: ['dispatch'],
          summary: which === 'minutes' ? 'The minutes (会议纪要) as .docx' : 'The task list (交办事项清单) as .docx',
          params: IdParamsSchema,
        },
        config: { access: 'dispatch.read' },
      },
      async (request, reply) => {
        const meeting = await service.getMeeting(db, request.ctx, request.params.id);
        const city = await getCityNames(db, request.ctx.actor!.cityCode);
        const cityName = (request.ctx.locale === 'en-US' ? city?.nameEn : null) ?? city?.nameZh ?? '';
        const data =
          which === 'minutes'
            ? await minutesDocx(meeting, cityName, request.ctx.locale)
            : await tasksDocx(meeting, cityName, request.ctx.locale);
        const name = which === 'minutes' ? `周调度会议纪要-${meeting.heldOn}.docx` : `交办事项清单-${meeting.heldOn}.docx`;
        return reply.type(DOCX_TYPE).header('content-disposition', attachmentHeader(name)).send(data);
      },
    );
  }
}
