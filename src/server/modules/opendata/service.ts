import type { z } from 'zod';
import { ProjectListQuerySchema, shanghaiDate } from '../../../contracts/index.js';
import type { Db } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { recordAuditEvent } from '../audit/index.js';
import { getCityNames } from '../org/index.js';
import { projectsForExport } from '../projects/index.js';
import { type Oc4idsPackage, type ProjectForExport, toOc4idsProject, toProjectPackage } from './domain/oc4ids.js';

/** The project list's filters, without paging and order (an export takes every match). */
export const Oc4idsExportQuerySchema = ProjectListQuerySchema.omit({ page: true, pageSize: true, sort: true });
export type Oc4idsExportQuery = z.infer<typeof Oc4idsExportQuerySchema>;

/**
 * At most this many projects in one package, which is built in memory (about 1.5 KB of JSON a
 * project). A city's registry holds a few thousand; past this the caller narrows the filter.
 */
export const OC4IDS_EXPORT_MAX_PROJECTS = 20_000;

/**
 * The caller's projects matching the list filters as an OC4IDS project package, audited as
 * `opendata.export`. The jurisdiction applies as in the list (a county gets its own projects,
 * an enterprise the ones it owns). NOT_FOUND when nothing matches: OC4IDS has no empty package.
 * `uri` identifies the package (the URL it was requested at).
 */
export async function exportOc4ids(db: Db, ctx: RequestContext, query: Oc4idsExportQuery, uri: string): Promise<Oc4idsPackage> {
  const scope = scopeOf(requireActor(ctx), 'project.read');
  // The projects module's bulk read carries one annual plan: the current year's.
  const planYear = Number(shanghaiDate(ctx.now).slice(0, 4));
  // One snapshot for every page, so a concurrent edit cannot skip or repeat a project.
  const { projects, cityName } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const rows: ProjectForExport[] = [];
      for await (const p of projectsForExport(tx, ctx, { ...query, sort: 'code' }, planYear)) {
        if (rows.length === OC4IDS_EXPORT_MAX_PROJECTS) throw new DomainError('BUSINESS_RULE_VIOLATED');
        rows.push({ ...p, annualPlans: p.plan ? [p.plan] : [] });
      }
      return { projects: rows, cityName: (await getCityNames(tx, scope.cityCode))?.nameZh ?? null };
    });
  if (projects.length === 0) throw notFound();

  const pkg = toProjectPackage(
    projects.map((p) => toOc4idsProject(p, { cityCode: scope.cityCode, asOf: ctx.now })),
    { uri, publishedAt: ctx.now, publisherName: cityName ?? scope.cityCode },
  );
  await recordAuditEvent(db, ctx, {
    action: 'opendata.export',
    targetType: 'project',
    after: { format: 'oc4ids', version: pkg.version, filter: query, count: pkg.projects.length },
  });
  return pkg;
}
