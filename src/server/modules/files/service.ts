import { sm3Hex } from '../../lib/crypto.js';
import type { Executor } from '../../db/pool.js';
import type { RequestContext } from '../../lib/context.js';

/**
 * Files kept in the database (contract scans, evidence, imported and annotated workbooks),
 * so a database backup holds everything. Callers check rights and audit the business action.
 */
export interface StoredFile {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sm3: string;
}

export async function storeFile(
  db: Executor,
  ctx: RequestContext,
  cityCode: string,
  file: { purpose: string; filename: string; contentType: string; data: Buffer },
): Promise<StoredFile> {
  const sm3 = sm3Hex(file.data);
  const row = await db
    .insertInto('file_blob')
    .values({
      city_code: cityCode,
      purpose: file.purpose,
      filename: file.filename.slice(0, 200),
      content_type: file.contentType,
      size_bytes: file.data.length,
      sm3,
      data: file.data,
      created_by: ctx.actor?.userId ?? null,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, filename: file.filename, contentType: file.contentType, sizeBytes: file.data.length, sm3 };
}

export async function readFile(db: Executor, cityCode: string, id: number) {
  const row = await db
    .selectFrom('file_blob')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'sm3', 'data', 'purpose', 'created_by'])
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: row.size_bytes,
      sm3: row.sm3,
      data: row.data,
      purpose: row.purpose,
      createdBy: row.created_by,
    }
  );
}

/** Remove a stored file (its owner decided it goes, checked rights and audits the removal). */
export async function deleteFile(db: Executor, cityCode: string, id: number): Promise<boolean> {
  const result = await db.deleteFrom('file_blob').where('city_code', '=', cityCode).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** RFC 6266 header value: an ASCII fallback plus the UTF-8 name (Chinese file names survive). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The document type of an upload from its first bytes (never from its name or declared type). */
export function sniffDocument(data: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}
