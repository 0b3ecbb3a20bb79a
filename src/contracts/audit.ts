import { z } from 'zod';
import { LIMITS, PageQuerySchema, pageOf } from './common.js';

export const AUDIT_RESULTS = ['success', 'denied', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export const AuditRecordSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  actorUserId: z.number().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  /** Null for the moment between the write's commit and the sealer linking it into the chain. */
  hash: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

const DateTimeQuery = z.iso.datetime({ offset: true });

export const AuditListQuerySchema = PageQuerySchema.extend({
  from: DateTimeQuery.optional(),
  to: DateTimeQuery.optional(),
  actor: z.string().trim().max(LIMITS.searchMax).optional(),
  action: z.string().trim().max(LIMITS.searchMax).optional(),
  targetType: z.string().trim().max(LIMITS.searchMax).optional(),
  targetId: z.string().trim().max(LIMITS.searchMax).optional(),
  requestId: z.string().trim().max(LIMITS.searchMax).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
}).strict();
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;
export const AuditPageSchema = pageOf(AuditRecordSchema);

export const AuditExportQuerySchema = AuditListQuerySchema.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>;

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  brokenAt: z.object({ id: z.number(), reason: z.string() }).nullable(),
  message: z.string(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;
