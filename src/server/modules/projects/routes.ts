import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateProjectSchema,
  IdParamsSchema,
  LeaderOptionSchema,
  ProjectHistorySchema,
  ProjectListQuerySchema,
  ProjectPageSchema,
  ProjectSchema,
  UpdateProjectSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { linkedDealsOfProject } from '../deals/index.js';
import * as service from './service.js';

export function projectRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const linked = (ctx: Parameters<typeof linkedDealsOfProject>[1]) => (projectId: number) => linkedDealsOfProject(db, ctx, projectId);

  r.get(
    '/api/v1/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'List projects in my jurisdiction',
        querystring: ProjectListQuerySchema,
        response: responses({ 200: ProjectPageSchema }),
      },
      config: { access: 'project.read' },
    },
    async (request) => await service.findProjects(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/projects/leaders',
    {
      schema: {
        tags: ['projects'],
        summary: 'City leaders a project can be tied to (联系市领导)',
        response: responses({ 200: LeaderOptionSchema }),
      },
      config: { access: 'project.read' },
    },
    async (request) => await service.findLeaders(db, request.ctx),
  );
  r.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'One project with milestones, plans, task force and linked deals',
        params: IdParamsSchema,
        response: responses({ 200: ProjectSchema }),
      },
      config: { access: 'project.read' },
    },
    async (request) => await service.getProjectById(db, request.ctx, request.params.id, linked(request.ctx)),
  );
  r.get(
    '/api/v1/projects/:id/history',
    {
      schema: {
        tags: ['projects'],
        summary: 'What changed in each version',
        params: IdParamsSchema,
        response: responses({ 200: ProjectHistorySchema }),
      },
      config: { access: 'project.read' },
    },
    async (request) => await service.getProjectHistory(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/projects',
    {
      schema: { tags: ['projects'], summary: 'Register a project', body: CreateProjectSchema, response: responses({ 201: ProjectSchema }) },
      config: { access: 'project.manage' },
    },
    async (request, reply) => {
      const id = await service.createProject(db, request.ctx, request.body);
      return reply.status(201).send(await service.getProjectById(db, request.ctx, id, linked(request.ctx)));
    },
  );
  r.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Edit a project (arrays replace the stored ones)',
        params: IdParamsSchema,
        body: UpdateProjectSchema,
        response: responses({ 200: ProjectSchema }),
      },
      config: { access: 'project.manage' },
    },
    async (request) => {
      await service.updateProject(db, request.ctx, request.params.id, request.body);
      return await service.getProjectById(db, request.ctx, request.params.id, linked(request.ctx));
    },
  );
}
