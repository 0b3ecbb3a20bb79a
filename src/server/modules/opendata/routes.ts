import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { shanghaiDate } from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import * as service from './service.js';

export function opendataRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/projects/oc4ids',
    {
      schema: {
        tags: ['opendata'],
        summary: 'Download the filtered projects as an OC4IDS 0.9 project package (JSON)',
        querystring: service.Oc4idsExportQuerySchema,
      },
      config: { access: 'project.read' },
    },
    async (request, reply) => {
      // The package's uri is the address it was requested at (normalised, non-ASCII escaped).
      const uri = new URL(request.url, `${request.protocol}://${request.host}`).href;
      const pkg = await service.exportOc4ids(db, request.ctx, request.query, uri);
      const stamp = shanghaiDate(request.ctx.now);
      const cityCode = request.ctx.actor?.cityCode ?? 'city';
      return reply
        .type('application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="oc4ids-${cityCode}-${stamp}.json"; filename*=UTF-8''${encodeURIComponent(`重大项目-OC4IDS-${stamp}.json`)}`,
        )
        .send(JSON.stringify(pkg));
    },
  );
}
