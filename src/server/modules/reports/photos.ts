import { type Month, REPORT_PHOTO_LIMITS, type ReportPhoto, shanghaiDate } from '../../../contracts/index.js';
import type { Db, Executor } from '../../db/pool.js';
import { type RequestContext, requireActor, scopeOf } from '../../lib/context.js';
import { DomainError, notFound } from '../../lib/domain-error.js';
import { appendAudit } from '../audit/index.js';
import { deleteFile, readFile, sniffDocument, storeFile } from '../files/index.js';
import { getUnitRef } from '../org/index.js';
import { getProjectRef, projectsReportingIn } from '../projects/index.js';
import { readPhotoMetadata } from './domain/photo-metadata.js';
import { monthEnd, monthOf, monthStart } from './domain/months.js';
import * as repo from './repo.js';
import { monthState } from './service.js';

/**
 * Photos of a monthly report (月报照片): JPG or PNG recognised by content, size- and
 * count-limited, with the EXIF time and GPS position kept when the photo has them. The
 * bytes live in the files module; the row ties them to a project-month. Before the month is
 * locked a photo may be added or removed; after it, a photo added needs a reason and none
 * is removed.
 */
const PURPOSE = 'report.photo';
const MB = 1024 * 1024;

function toPhoto(row: repo.PhotoRow): ReportPhoto {
  return {
    id: row.id,
    projectId: row.project_id,
    month: monthOf(row.month),
    filename: row.filename,
    contentType: row.content_type as ReportPhoto['contentType'],
    sizeBytes: row.size_bytes,
    sm3: row.sm3,
    takenAt: row.taken_at?.toISOString() ?? null,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    reason: row.reason,
    createdBy: row.created_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** The name a photo is kept under: the sender's, with the extension of what it really is. */
export function photoFilename(filename: string, contentType: 'image/jpeg' | 'image/png'): string {
  const base = (filename.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').trim() || 'photo';
  return `${base.slice(0, 180)}${contentType === 'image/png' ? '.png' : '.jpg'}`;
}

/** The photos of a project-month the caller may read. */
export async function listPhotos(db: Executor, ctx: RequestContext, projectId: number, month: Month) {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  if (!(await getProjectRef(db, ctx, projectId, 'project.read'))) throw notFound();
  const [rows, state] = await Promise.all([
    repo.photos(db, scope.cityCode, projectId, monthStart(month)),
    monthState(db, scope.cityCode, month),
  ]);
  return {
    projectId,
    month,
    isLocked: state.isLocked,
    maxPhotos: REPORT_PHOTO_LIMITS.perProjectMonth,
    maxBytes: REPORT_PHOTO_LIMITS.maxBytes,
    items: rows.map(toPhoto),
  };
}

/**
 * Add a photo to a project-month the caller reports for. The content decides the type (a
 * renamed PDF is refused, a PNG named .jpg is kept as the PNG it is). One transaction: the
 * month row share-locked against the city locking it meanwhile, the project-month serialised
 * for the count limit, the bytes stored, the row written, the audit record appended.
 */
export async function addPhoto(
  db: Db,
  ctx: RequestContext,
  input: { projectId: number; month: Month; filename: string; data: Buffer; reason: string | null },
): Promise<ReportPhoto> {
  const actor = requireActor(ctx);
  const scope = scopeOf(actor, 'report.submit');
  if (input.data.length > REPORT_PHOTO_LIMITS.maxBytes) throw photoTooLarge();
  const sniffed = sniffDocument(input.data);
  if (sniffed !== 'image/jpeg' && sniffed !== 'image/png') throw DomainError.field('file', 'report.photoType');
  if (input.month > shanghaiDate(ctx.now).slice(0, 7)) throw DomainError.field('month', 'report.futureMonth');
  const metadata = await readPhotoMetadata(input.data);
  const reason = input.reason?.trim().slice(0, 500) || null;
  return await db.transaction().execute(async (tx) => {
    const project = await getProjectRef(tx, ctx, input.projectId, 'project.read');
    if (!project) throw notFound();
    // Photos belong to a monthly report: only a project that reports this month has one.
    const unit = await getUnitRef(tx, scope.cityCode, project.unitId);
    const reporting = await projectsReportingIn(tx, scope, { start: monthStart(input.month), end: monthEnd(input.month) }, unit?.path);
    if (!reporting.some((p) => p.id === input.projectId)) {
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'report.notReporting' });
    }
    const state = await monthState(tx, scope.cityCode, input.month);
    const lockedAt = await repo.lockedAtForShare(tx, scope.cityCode, monthStart(input.month), state.dueOn);
    if (lockedAt && !reason) throw DomainError.field('reason', 'report.photoReasonRequired');
    await repo.lockProjectMonth(tx, scope.cityCode, input.projectId, monthStart(input.month));
    const count = await repo.countPhotos(tx, scope.cityCode, input.projectId, monthStart(input.month));
    if (count >= REPORT_PHOTO_LIMITS.perProjectMonth) {
      throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'report.photoLimit', params: { max: REPORT_PHOTO_LIMITS.perProjectMonth } });
    }
    const stored = await storeFile(tx, ctx, scope.cityCode, {
      purpose: PURPOSE,
      filename: photoFilename(input.filename, sniffed),
      contentType: sniffed,
      data: input.data,
    });
    const id = await repo.insertPhoto(tx, {
      city_code: scope.cityCode,
      project_id: input.projectId,
      month: monthStart(input.month),
      file_id: stored.id,
      taken_at: metadata.takenAt,
      latitude: metadata.latitude,
      longitude: metadata.longitude,
      reason: lockedAt ? reason : null,
      created_by: actor.userId,
      created_name: actor.username,
      created_at: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'report.photo.add',
      targetType: 'project',
      targetId: input.projectId,
      after: {
        photoId: id,
        month: input.month,
        fileId: stored.id,
        filename: stored.filename,
        contentType: sniffed,
        size: stored.sizeBytes,
        sm3: stored.sm3,
        takenAt: metadata.takenAt?.toISOString() ?? null,
        latitude: metadata.latitude,
        longitude: metadata.longitude,
        ...(lockedAt ? { afterLock: true, reason } : {}),
      },
    });
    return toPhoto((await repo.photo(tx, scope.cityCode, id))!);
  });
}

export function photoTooLarge(): DomainError {
  const params = { max: REPORT_PHOTO_LIMITS.maxBytes / MB };
  return new DomainError('PAYLOAD_TOO_LARGE', {
    key: 'report.photoTooLarge',
    params,
    fields: [{ path: 'file', key: 'report.photoTooLarge', params }],
  });
}

/** A photo's bytes, for a caller who may read its project. */
export async function photoFile(db: Executor, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'report.read');
  const row = await repo.photo(db, scope.cityCode, id);
  if (!row || !(await getProjectRef(db, ctx, row.project_id, 'project.read'))) throw notFound();
  const file = await readFile(db, scope.cityCode, row.file_id);
  if (!file) throw notFound();
  return file;
}

/** Remove a photo before its month is locked (the bytes go too); after the lock it stays. Audited. */
export async function deletePhoto(db: Db, ctx: RequestContext, id: number) {
  const scope = scopeOf(requireActor(ctx), 'report.submit');
  return await db.transaction().execute(async (tx) => {
    const row = await repo.photo(tx, scope.cityCode, id, true);
    if (!row || !(await getProjectRef(tx, ctx, row.project_id, 'project.read'))) throw notFound();
    const month = monthOf(row.month);
    const state = await monthState(tx, scope.cityCode, month);
    const lockedAt = await repo.lockedAtForShare(tx, scope.cityCode, row.month, state.dueOn);
    if (lockedAt) throw new DomainError('BUSINESS_RULE_VIOLATED', { key: 'report.photoLocked' });
    await repo.deletePhoto(tx, scope.cityCode, id);
    await deleteFile(tx, scope.cityCode, row.file_id);
    await appendAudit(tx, ctx, {
      action: 'report.photo.delete',
      targetType: 'project',
      targetId: row.project_id,
      before: { ...toPhoto(row), fileId: row.file_id },
    });
    return { ok: true as const };
  });
}
