import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MetaSchema, SystemInfoSchema } from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/index.js';
import { getCityNames } from '../org/index.js';
import { getSystemInfo } from './service.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), version: z.string() });

export function systemRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: HealthSchema, 503: HealthSchema } },
      config: { access: 'public' },
    },
    async (_request, reply) => {
      const isDbOk = await deps.pool
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false);
      return reply
        .status(isDbOk ? 200 : 503)
        .send({ status: isDbOk ? 'ok' : 'degraded', database: isDbOk ? 'ok' : 'unreachable', version: deps.config.version });
    },
  );

  r.get(
    '/api/v1/meta',
    {
      schema: { tags: ['system'], summary: 'What the sign-in page needs to know', response: responses({ 200: MetaSchema }) },
      config: { access: 'public' },
    },
    async () => {
      const city = await getCityNames(deps.db, deps.config.cityCode);
      return {
        version: deps.config.version,
        isDemo: deps.config.isDemo,
        cityName: city?.nameZh ?? null,
        cityNameEn: city?.nameEn ?? null,
        passwordPolicy: deps.config.auth.passwordPolicy,
        demoAccounts: deps.config.isDemo ? DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, password: DEMO_PASSWORD })) : [],
      };
    },
  );

  r.get(
    '/api/v1/system/info',
    {
      schema: {
        tags: ['system'],
        summary: 'Version, database and security settings (system administrator)',
        response: responses({ 200: SystemInfoSchema }),
      },
      config: { access: 'system.read' },
    },
    async (request) => await getSystemInfo(deps, request.ctx),
  );
}
