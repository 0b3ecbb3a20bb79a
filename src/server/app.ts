import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { LIMITS } from '../contracts/index.js';
import type { AppDeps } from './deps.js';
import { registerAuth } from './http/auth.js';
import { registerErrorHandling, sendError } from './http/errors.js';
import type { RouteAccess } from './http/types.js';
import { packageRoot } from './lib/package-root.js';
import { AuditSealer, auditRoutes } from './modules/audit/index.js';
import { boardRoutes } from './modules/boards/index.js';
import { commitmentRoutes } from './modules/commitments/index.js';
import { honourListsOfMonth, monitoringRoutes } from './modules/monitoring/index.js';
import { identityRoutes } from './modules/identity/index.js';
import { dealRoutes } from './modules/deals/index.js';
import { evaluationRoutes } from './modules/evaluation/index.js';
import { dispatchRoutes } from './modules/dispatch/index.js';
import { observationRoutes } from './modules/observation/index.js';
import { competitionRoutes, unitStanding } from './modules/competition/index.js';
import { inspectionRoutes } from './modules/inspections/index.js';
import { notificationRoutes } from './modules/notifications/index.js';
import { problemRoutes } from './modules/problems/index.js';
import { opendataRoutes } from './modules/opendata/index.js';
import { orgRoutes } from './modules/org/index.js';
import { projectRoutes } from './modules/projects/index.js';
import { reportRoutes } from './modules/reports/index.js';
import { settingsRoutes } from './modules/settings/index.js';
import { MAX_UPLOAD_MB, sheetRoutes } from './modules/sheets/index.js';
import { registerMetrics, systemRoutes } from './modules/system/index.js';
import './http/types.js';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access: drives the authorization test and the docs. */
    routeTable: RouteEntry[];
    /** Links this process's audit records into the chain after their transactions commit. */
    auditSealer: AuditSealer;
  }
}

export interface BuildOptions {
  /** pino options, or false for silence (tests). */
  logger?: boolean | object;
  /** Folder with the built web UI; defaults to dist/web when it exists. */
  webDir?: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: config.http.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  // The API speaks JSON only (multipart where a module accepts uploads): other bodies are 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const sealer = new AuditSealer(deps.db, app.log);
  app.decorate('auditSealer', sealer);
  // The response goes after the request's transaction committed: its records can be sealed.
  app.addHook('onResponse', async (request) => {
    for (const city of request.ctx?.auditedCities ?? []) sealer.kick(city);
  });
  app.addHook('onClose', () => sealer.stop());

  registerErrorHandling(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        // Ant Design writes its styles at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: config.http.cookieSecure === true,
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10, parts: 11 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'FST_ERR_RATE_LIMITED', message: `retry in ${context.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Juli 聚力 API',
        version: config.version,
        description: 'Errors: { error: { code, message, details } } with codes from src/contracts/errors.ts',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'juli_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  registerAuth(app, { config, clock: deps.clock, identity: deps.identity });
  registerMetrics(app);
  systemRoutes(app, deps);
  identityRoutes(app, deps);
  orgRoutes(app, deps);
  auditRoutes(app, deps);
  settingsRoutes(app, deps);
  projectRoutes(app, deps);
  dealRoutes(app, deps);
  sheetRoutes(app, deps);
  reportRoutes(app, deps);
  boardRoutes(app, deps, { honoursOf: honourListsOfMonth });
  commitmentRoutes(app, deps);
  monitoringRoutes(app, deps, { standingOf: unitStanding });
  opendataRoutes(app, deps);
  evaluationRoutes(app, deps);
  problemRoutes(app, deps);
  dispatchRoutes(app, deps);
  observationRoutes(app, deps);
  competitionRoutes(app, deps);
  inspectionRoutes(app, deps);
  notificationRoutes(app, deps);

  const webDir = options.webDir === undefined ? path.join(packageRoot(), 'dist', 'web') : options.webDir;
  const hasWeb = webDir !== null && existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, cacheControl: false, setHeaders: staticHeaders });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api/') && url !== '/metrics') {
      // Client-side routes: the single page decides what to show (including its own 404).
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 'NOT_FOUND');
  });
  return app;
}

/** Hashed build assets are immutable; everything else is revalidated. */
function staticHeaders(reply: { header(name: string, value: string): unknown }, filePath: string): void {
  reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
