import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AmendLetterSchema,
  CreateLetterSchema,
  IdParamsSchema,
  IdSchema,
  LetterListQuerySchema,
  LetterListSchema,
  LetterQuerySchema,
  LetterSchema,
  RecordItemSchema,
  SignLetterSchema,
  UpdateItemsSchema,
} from '../../../contracts/index.js';
import type { AppDeps } from '../../deps.js';
import { responses } from '../../http/schema.js';
import { DomainError } from '../../lib/domain-error.js';
import { recordAuditEvent } from '../audit/index.js';
import { attachmentHeader, sendStoredFile } from '../files/index.js';
import { XLSX_TYPE } from '../sheets/index.js';
import { accountDocx } from './account.js';
import { exportLetters } from './export.js';
import * as service from './service.js';
import { DOCX_TYPE } from '../../lib/docx.js';

const ItemParamsSchema = z.object({ id: IdSchema, itemId: IdSchema }).strict();

export function commitmentRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Letters of a year with their fulfilment as of a date',
        querystring: LetterListQuerySchema,
        response: responses({ 200: LetterListSchema }),
      },
      config: { access: 'commitment.read' },
    },
    async (request) => await service.findLetters(db, request.ctx, request.query),
  );
  r.get(
    '/api/v1/commitments/export',
    {
      schema: { tags: ['commitments'], summary: 'Letters of a year with their fulfilment as .xlsx', querystring: LetterListQuerySchema },
      config: { access: 'commitment.read' },
    },
    async (request, reply) => {
      const name = `${request.ctx.locale === 'en-US' ? 'commitment-letters' : '承诺书'}-${request.query.year}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachmentHeader(name))
        .send(await exportLetters(db, request.ctx, request.query));
    },
  );
  r.post(
    '/api/v1/commitments',
    {
      schema: { tags: ['commitments'], summary: 'Draft a letter', body: CreateLetterSchema, response: responses({ 201: LetterSchema }) },
      config: { access: 'commitment.manage' },
    },
    async (request, reply) => reply.code(201).send(await service.createLetter(db, request.ctx, request.body)),
  );
  r.get(
    '/api/v1/commitments/:id',
    {
      schema: {
        tags: ['commitments'],
        summary: 'A letter, its items measured as of a date, and its amendments',
        params: IdParamsSchema,
        querystring: LetterQuerySchema,
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.read' },
    },
    async (request) => await service.getLetter(db, request.ctx, request.params.id, request.query.asOf),
  );
  r.put(
    '/api/v1/commitments/:id/items',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Replace the items of a draft letter',
        params: IdParamsSchema,
        body: UpdateItemsSchema,
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.manage' },
    },
    async (request) => await service.updateItems(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/commitments/:id/scan',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Attach the signed and sealed scan (multipart field "file": PDF, JPG or PNG)',
        params: IdParamsSchema,
        consumes: ['multipart/form-data'],
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.manage' },
    },
    async (request) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (!part) throw DomainError.field('file', 'sheet.fileRequired');
      return await service.attachScan(db, request.ctx, request.params.id, {
        filename: part.filename || 'letter',
        data: await part.toBuffer(),
      });
    },
  );
  r.get(
    '/api/v1/commitments/:id/scan',
    {
      schema: { tags: ['commitments'], summary: 'Download the signed scan', params: IdParamsSchema },
      config: { access: 'commitment.read' },
    },
    async (request, reply) => {
      const file = await service.scanOf(db, request.ctx, request.params.id);
      return sendStoredFile(reply, file);
    },
  );
  r.post(
    '/api/v1/commitments/:id/sign',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Record the signing: the letter is frozen from now on',
        params: IdParamsSchema,
        body: SignLetterSchema,
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.manage' },
    },
    async (request) => await service.signLetter(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/commitments/:id/amendments',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Amend a signed letter, with the reason (kept with the items before and after)',
        params: IdParamsSchema,
        body: AmendLetterSchema,
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.manage' },
    },
    async (request) => await service.amendLetter(db, request.ctx, request.params.id, request.body),
  );
  r.post(
    '/api/v1/commitments/:id/items/:itemId/record',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Record the outcome of a responsibility item, with evidence',
        params: ItemParamsSchema,
        body: RecordItemSchema,
        response: responses({ 200: LetterSchema }),
      },
      config: { access: 'commitment.manage' },
    },
    async (request) => await service.recordItem(db, request.ctx, request.params.id, request.params.itemId, request.body),
  );
  r.get(
    '/api/v1/commitments/:id/account.docx',
    {
      schema: {
        tags: ['commitments'],
        summary: 'The year-end account (交总账) as Word',
        params: IdParamsSchema,
        querystring: LetterQuerySchema,
      },
      config: { access: 'commitment.read' },
    },
    async (request, reply) => {
      const letter = await service.getLetter(db, request.ctx, request.params.id, request.query.asOf);
      const data = await accountDocx(letter, request.ctx.locale);
      await recordAuditEvent(db, request.ctx, {
        action: 'commitment.export',
        targetType: 'commitment_letter',
        targetId: letter.id,
        after: { asOf: letter.asOf },
      });
      const name =
        request.ctx.locale === 'zh-CN' ? `${letter.unitName}${letter.year}年交总账.docx` : `${letter.year}-account-${letter.id}.docx`;
      return reply.type(DOCX_TYPE).header('content-disposition', attachmentHeader(name)).send(data);
    },
  );
}
