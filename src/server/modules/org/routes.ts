import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateEnterpriseSchema,
  CreateUnitSchema,
  EnterpriseListQuerySchema,
  EnterpriseLookupQuerySchema,
  EnterpriseLookupSchema,
  EnterprisePageSchema,
  EnterpriseSchema,
  IdParamsSchema,
  UnitListQuerySchema,
  UnitPageSchema,
  UnitSchema,
  UnitNamesSchema,
  UnitTreeSchema,
  UpdateEnterpriseSchema,
  UpdateUnitSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import * as service from './service.js';

export function orgRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/org/units',
    {
      schema: {
        tags: ['org'],
        summary: 'List units in my jurisdiction',
        querystring: UnitListQuerySchema,
        response: responses({ 200: UnitPageSchema }),
      },
      config: { access: 'org.unit.read' },
    },
    async (request) => await service.findUnits(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/org/units/tree',
    {
      schema: { tags: ['org'], summary: 'The unit tree of my jurisdiction', response: responses({ 200: UnitTreeSchema }) },
      config: { access: 'org.unit.read' },
    },
    async (request) => await service.getUnitTree(db, request.ctx),
  );
  r.get(
    '/api/v1/org/units/names',
    {
      schema: {
        tags: ['org'],
        summary: "The names of the city's units (to show a unit named in a row in the reader's language)",
        response: responses({ 200: UnitNamesSchema }),
      },
      config: { access: 'self' },
    },
    async (request) => await service.getUnitNames(db, request.ctx),
  );
  r.get(
    '/api/v1/org/units/:id',
    {
      schema: { tags: ['org'], summary: 'One unit', params: IdParamsSchema, response: responses({ 200: UnitSchema }) },
      config: { access: 'org.unit.read' },
    },
    async (request) => await service.getUnitById(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/org/units',
    {
      schema: { tags: ['org'], summary: 'Create a unit', body: CreateUnitSchema, response: responses({ 201: UnitSchema }) },
      config: { access: 'org.unit.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createUnit(db, request.ctx, request.body)),
  );
  r.patch(
    '/api/v1/org/units/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'Edit, move, disable or enable a unit',
        params: IdParamsSchema,
        body: UpdateUnitSchema,
        response: responses({ 200: UnitSchema }),
      },
      config: { access: 'org.unit.manage' },
    },
    async (request) => await service.updateUnit(db, request.ctx, request.params.id, request.body),
  );

  r.get(
    '/api/v1/org/enterprises',
    {
      schema: {
        tags: ['org'],
        summary: 'List enterprises in my jurisdiction',
        querystring: EnterpriseListQuerySchema,
        response: responses({ 200: EnterprisePageSchema }),
      },
      config: { access: 'org.enterprise.read' },
    },
    async (request) => await service.findEnterprises(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/org/enterprises/lookup',
    {
      schema: {
        tags: ['org'],
        summary: 'Find enterprises by name or credit code (for pickers)',
        querystring: EnterpriseLookupQuerySchema,
        response: responses({ 200: EnterpriseLookupSchema }),
      },
      config: { access: 'org.enterprise.lookup' },
    },
    async (request) => await service.lookupEnterprises(db, request.ctx, request.query.q),
  );
  r.get(
    '/api/v1/org/enterprises/:id',
    {
      schema: { tags: ['org'], summary: 'One enterprise', params: IdParamsSchema, response: responses({ 200: EnterpriseSchema }) },
      config: { access: 'org.enterprise.read' },
    },
    async (request) => await service.getEnterpriseById(db, request.ctx, request.params.id),
  );
  r.post(
    '/api/v1/org/enterprises',
    {
      schema: {
        tags: ['org'],
        summary: 'Register an enterprise',
        body: CreateEnterpriseSchema,
        response: responses({ 201: EnterpriseSchema }),
      },
      config: { access: 'org.enterprise.manage' },
    },
    async (request, reply) => reply.status(201).send(await service.createEnterprise(db, request.ctx, request.body)),
  );
  r.patch(
    '/api/v1/org/enterprises/:id',
    {
      schema: {
        tags: ['org'],
        summary: 'Edit, disable or enable an enterprise',
        params: IdParamsSchema,
        body: UpdateEnterpriseSchema,
        response: responses({ 200: EnterpriseSchema }),
      },
      config: { access: 'org.enterprise.manage' },
    },
    async (request) => await service.updateEnterprise(db, request.ctx, request.params.id, request.body),
  );
}
