import { sql } from 'kysely';
import type { SystemInfo } from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';

export async function getSystemInfo(deps: AppDeps, ctx: RequestContext): Promise<SystemInfo> {
  scopeOf(requireActor(ctx), 'system.read');
  const [{ rows }, migrations] = await Promise.all([
    sql<{ server_version: string }>`SHOW server_version`.execute(deps.db),
    deps.db.selectFrom('schema_migration').select(['name', 'applied_at']).orderBy('name').execute(),
  ]);
  const { config } = deps;
  return {
    version: config.version,
    nodeVersion: process.version,
    database: {
      mode: config.db.mode,
      serverVersion: rows[0]?.server_version ?? 'unknown',
      migrations: migrations.map((m) => ({ name: m.name, appliedAt: m.applied_at.toISOString() })),
    },
    isDemo: config.isDemo,
    uptimeSeconds: Math.round((ctx.now.getTime() - deps.startedAt.getTime()) / 1000),
    sessionPolicy: { idleMinutes: config.auth.idleMinutes, absoluteHours: config.auth.absoluteHours },
    passwordPolicy: config.auth.passwordPolicy,
    lockout: { threshold: config.auth.lockoutThreshold, minutes: config.auth.lockoutMinutes },
    totpRequiredForAll: config.auth.totpRequiredForAll,
  };
}
