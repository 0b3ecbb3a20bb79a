import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.js';
import { MoneySchema } from './money.js';
import { MILESTONE_KINDS } from './projects.js';
import { IsoDateSchema } from './reference.js';

/** A letter is a 承诺书 (investment commitments) or a 安全生产责任状 (safety responsibility). */
export const LETTER_KINDS = ['investment', 'safety'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/**
 * Item kinds. Project items and unit totals are measured from the platform's own data;
 * a manual item (safety letters) is recorded with evidence.
 */
export const ITEM_KINDS = [
  'project_start',
  'project_investment',
  'project_milestone',
  'project_production',
  'unit_investment',
  'unit_starts',
  'manual',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['pending', 'fulfilled', 'late', 'missed'] as const;

export const CommitmentItemInputSchema = z
  .object({
    kind: z.enum(ITEM_KINDS),
    projectId: IdSchema.nullable().optional(),
    milestoneKind: z.enum(MILESTONE_KINDS).nullable().optional(),
    deadline: IsoDateSchema,
    committedAmount: MoneySchema.nullable().optional(),
    committedCount: z.number().int().min(1).max(100_000).nullable().optional(),
    weight: z.number().min(0).max(100).default(1),
    description: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type CommitmentItemInput = z.infer<typeof CommitmentItemInputSchema>;

export const CreateLetterSchema = z
  .object({
    unitId: IdSchema.optional(),
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(LETTER_KINDS).default('investment'),
    title: z.string().trim().min(1).max(100),
    items: z.array(CommitmentItemInputSchema).max(500).default([]),
  })
  .strict();
export type CreateLetter = z.infer<typeof CreateLetterSchema>;

export const UpdateItemsSchema = z.object({ version: VersionSchema, items: z.array(CommitmentItemInputSchema).max(500) }).strict();
export const SignLetterSchema = z.object({ version: VersionSchema, signedOn: IsoDateSchema }).strict();
export const AmendLetterSchema = z
  .object({ version: VersionSchema, reason: z.string().trim().min(1).max(500), items: z.array(CommitmentItemInputSchema).max(500) })
  .strict();
export const RecordItemSchema = z
  .object({ status: z.enum(['fulfilled', 'missed']), on: IsoDateSchema, evidence: z.string().trim().min(1).max(1000) })
  .strict();

export const CommitmentItemSchema = z.object({
  id: z.number(),
  position: z.number().int(),
  kind: z.enum(ITEM_KINDS),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  milestoneKind: z.enum(MILESTONE_KINDS).nullable(),
  deadline: z.string(),
  committedAmount: z.string().nullable(),
  committedCount: z.number().int().nullable(),
  weight: z.number(),
  description: z.string().nullable(),
  /** As of the query's date. */
  status: z.enum(ITEM_STATUSES),
  progress: z.number(),
  score: z.number(),
  actual: z.string().nullable(),
  evidence: z.string().nullable(),
});
export type CommitmentItem = z.infer<typeof CommitmentItemSchema>;

export const LetterSummarySchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  year: z.number().int(),
  kind: z.enum(LETTER_KINDS),
  title: z.string(),
  status: z.enum(['draft', 'signed']),
  signedOn: z.string().nullable(),
  hasScan: z.boolean(),
  itemCount: z.number().int(),
  fulfilmentRate: z.number().nullable(),
  counts: z.object({ pending: z.number().int(), fulfilled: z.number().int(), late: z.number().int(), missed: z.number().int() }),
  version: z.number().int(),
});
export type LetterSummary = z.infer<typeof LetterSummarySchema>;

export const LetterSchema = LetterSummarySchema.extend({
  asOf: z.string(),
  items: z.array(CommitmentItemSchema),
  amendments: z.array(
    z.object({ id: z.number(), reason: z.string(), by: z.string().nullable(), at: z.string(), before: z.unknown(), after: z.unknown() }),
  ),
});
export type Letter = z.infer<typeof LetterSchema>;

export const LetterListQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    unitId: IdSchema.optional(),
    kind: z.enum(LETTER_KINDS).optional(),
    asOf: IsoDateSchema.optional(),
  })
  .strict();
export const LetterListSchema = z.object({ items: z.array(LetterSummarySchema) });
export const LetterQuerySchema = z.object({ asOf: IsoDateSchema.optional() }).strict();
