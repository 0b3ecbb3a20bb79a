import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/domain-error.js';
import { attachmentHeader } from './service.js';

/**
 * One uploaded file (multipart field "file"): refused as a field error when missing or empty,
 * and with `tooLarge` while it streams in above `maxBytes` (nothing is kept of it).
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  tooLarge: () => DomainError,
): Promise<{ filename: string; data: Buffer }> {
  const part = request.isMultipart() ? await request.file({ limits: { fileSize: maxBytes } }) : undefined;
  if (!part) throw DomainError.field('file', 'sheet.fileRequired');
  try {
    const data = await part.toBuffer();
    if (!data.length) throw DomainError.field('file', 'sheet.fileRequired');
    return { filename: part.filename || 'file', data };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
}

/**
 * A stored file as the response: its own type, the download name (Chinese names survive), and
 * for photos shown in pages a private cache so a list does not fetch them again.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { contentType: string; filename: string; data: Buffer },
  options: { cacheSeconds?: number } = {},
): FastifyReply {
  reply.type(file.contentType).header('content-disposition', attachmentHeader(file.filename));
  if (options.cacheSeconds) reply.header('cache-control', `private, max-age=${options.cacheSeconds}`);
  return reply.send(file.data);
}
