import { z } from 'zod';
import { IdSchema, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { IsoDateSchema } from './reference.js';

/**
 * Enterprise code protection (企业赋码保护, 扫码入企, PRODUCT §2.9): every protected enterprise
 * holds a code (QR); an inspector registers an inspection by scanning it before entering.
 * Routine inspections (日常检查) by one department of one enterprise are limited per year; a
 * registration beyond the limit, and an inspection an enterprise reports as unregistered,
 * become supervision cases (督办案件). The enterprise sees and rates every inspection of it.
 */
export const INSPECTION_KINDS = ['routine', 'random', 'complaint', 'emergency'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_CASE_KINDS = ['over_limit', 'unregistered'] as const;
export type InspectionCaseKind = (typeof INSPECTION_CASE_KINDS)[number];
export const INSPECTION_CASE_STATUSES = ['open', 'closed'] as const;
export type InspectionCaseStatus = (typeof INSPECTION_CASE_STATUSES)[number];
export const INSPECTION_CASE_FINDINGS = ['substantiated', 'unfounded'] as const;
export type InspectionCaseFinding = (typeof INSPECTION_CASE_FINDINGS)[number];

export const INSPECTION_LIMITS = {
  /** 行政处罚法: 执法人员不得少于两人 (at least two law-enforcement officers). */
  inspectorsMin: 2,
  inspectorsMax: 10,
  purposeMax: 200,
  legalBasisMax: 300,
  commentMax: 500,
  descriptionMax: 1000,
  conclusionMax: 500,
  routineLimitMax: 12,
  /** Codes issued at once (one page of the list at most). */
  batchMax: 200,
} as const;

/** The city's rules; the default limit is configuration, the operator sets the local rule. */
export const DEFAULT_INSPECTION_SETTINGS = { routineLimitPerYear: 1 } as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const InspectionSettingsSchema = z.object({
  routineLimitPerYear: z.number().int().min(0).max(INSPECTION_LIMITS.routineLimitMax),
  version: z.number().int().nonnegative(),
});
export type InspectionSettings = z.infer<typeof InspectionSettingsSchema>;
export const UpdateInspectionSettingsSchema = z
  .object({
    routineLimitPerYear: z.number().int().min(0).max(INSPECTION_LIMITS.routineLimitMax),
    /** 0 when the city has never saved its own settings. */
    version: z.number().int().nonnegative(),
  })
  .strict();
export type UpdateInspectionSettings = z.infer<typeof UpdateInspectionSettingsSchema>;

/** A code's token: 22 characters of base64url (128 random bits), printed in the QR's link. */
export const CodeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
export const CodeTokenParamsSchema = z.object({ token: CodeTokenSchema }).strict();

export const EnterpriseCodeSchema = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  unitId: z.number(),
  /** Null while the enterprise holds no code. */
  token: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** How often a code was issued to it (a re-issue voids the earlier one). */
  issueCount: z.number().int(),
});
export type EnterpriseCode = z.infer<typeof EnterpriseCodeSchema>;
export const EnterpriseCodePageSchema = pageOf(EnterpriseCodeSchema);

export const CodeListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  /** Enterprises with a code, or without one. */
  issued: QueryBooleanSchema.optional(),
}).strict();
export type CodeListQuery = z.infer<typeof CodeListQuerySchema>;

export const IssueCodeSchema = z.object({ enterpriseId: IdSchema }).strict();
export type IssueCode = z.infer<typeof IssueCodeSchema>;

/** Codes for many enterprises at once (the rows chosen on the page); those holding one keep it. */
export const IssueCodesSchema = z
  .object({
    enterpriseIds: z
      .array(IdSchema)
      .min(1)
      .max(INSPECTION_LIMITS.batchMax)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'inspection.duplicateEnterprise' }),
  })
  .strict();
export type IssueCodes = z.infer<typeof IssueCodesSchema>;
export const IssuedCodesSchema = z.object({
  /** Enterprises that got their first code. */
  issued: z.number().int(),
  /** Enterprises that held a code already (left as they were). */
  kept: z.number().int(),
});
export type IssuedCodes = z.infer<typeof IssuedCodesSchema>;

/** What an inspector sees after scanning, before registering. */
export const ScannedCodeSchema = z.object({
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  unitId: z.number(),
  departmentId: z.number(),
  year: z.number().int(),
  /** Routine inspections the inspector's department registered of it this year. */
  routineThisYear: z.number().int(),
  routineLimitPerYear: z.number().int(),
});
export type ScannedCode = z.infer<typeof ScannedCodeSchema>;

export const InspectorSchema = z
  .object({
    name: Text(20),
    /** 行政执法证号. */
    certificateNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,30}$/, { message: 'inspection.certificateNo' }),
  })
  .strict();
export type Inspector = z.infer<typeof InspectorSchema>;

export const RegisterInspectionSchema = z
  .object({
    token: CodeTokenSchema,
    kind: z.enum(INSPECTION_KINDS),
    purpose: Text(INSPECTION_LIMITS.purposeMax),
    legalBasis: Text(INSPECTION_LIMITS.legalBasisMax),
    inspectors: z
      .array(InspectorSchema)
      .min(INSPECTION_LIMITS.inspectorsMin, { message: 'inspection.inspectorsMin' })
      .max(INSPECTION_LIMITS.inspectorsMax)
      .refine((list) => new Set(list.map((i) => i.certificateNo.toUpperCase())).size === list.length, {
        message: 'inspection.duplicateInspector',
      }),
  })
  .strict();
export type RegisterInspection = z.infer<typeof RegisterInspectionSchema>;

export const InspectionSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  departmentId: z.number(),
  kind: z.enum(INSPECTION_KINDS),
  purpose: z.string(),
  legalBasis: z.string(),
  inspectors: z.array(z.object({ name: z.string(), certificateNo: z.string() })),
  registeredAt: z.string(),
  registeredBy: z.string(),
  /** A routine inspection beyond the year's limit for its department and enterprise. */
  overLimit: z.boolean(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});
export type Inspection = z.infer<typeof InspectionSchema>;
export const InspectionPageSchema = pageOf(InspectionSchema);

const YearQuery = z.coerce.number().int().min(2000).max(2100);

export const InspectionListQuerySchema = PageQuerySchema.extend({
  year: YearQuery.optional(),
  departmentId: IdSchema.optional(),
  enterpriseId: IdSchema.optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  overLimit: QueryBooleanSchema.optional(),
  /** Rated or not yet rated by the enterprise. */
  rated: QueryBooleanSchema.optional(),
}).strict();
export type InspectionListQuery = z.infer<typeof InspectionListQuerySchema>;
export const InspectionExportQuerySchema = InspectionListQuerySchema.omit({ page: true, pageSize: true });
export type InspectionExportQuery = z.infer<typeof InspectionExportQuerySchema>;

export const RateInspectionSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: z.string().trim().max(INSPECTION_LIMITS.commentMax).nullable().optional(),
  })
  .strict();
export type RateInspection = z.infer<typeof RateInspectionSchema>;

export const InspectionCaseSchema = z.object({
  id: z.number(),
  kind: z.enum(INSPECTION_CASE_KINDS),
  status: z.enum(INSPECTION_CASE_STATUSES),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  departmentId: z.number(),
  /** The registration it is about (over the limit); null for an unregistered inspection. */
  inspectionId: z.number().nullable(),
  occurredOn: z.string(),
  description: z.string().nullable(),
  openedAt: z.string(),
  finding: z.enum(INSPECTION_CASE_FINDINGS).nullable(),
  conclusion: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  version: z.number().int(),
});
export type InspectionCase = z.infer<typeof InspectionCaseSchema>;
export const InspectionCasePageSchema = pageOf(InspectionCaseSchema);

export const InspectionCaseListQuerySchema = PageQuerySchema.extend({
  year: YearQuery.optional(),
  status: z.enum(INSPECTION_CASE_STATUSES).optional(),
  kind: z.enum(INSPECTION_CASE_KINDS).optional(),
  departmentId: IdSchema.optional(),
}).strict();
export type InspectionCaseListQuery = z.infer<typeof InspectionCaseListQuerySchema>;

/** An enterprise reports an inspection that entered without scanning its code. */
export const ReportUnregisteredSchema = z
  .object({
    departmentId: IdSchema,
    occurredOn: IsoDateSchema,
    description: Text(INSPECTION_LIMITS.descriptionMax),
  })
  .strict();
export type ReportUnregistered = z.infer<typeof ReportUnregisteredSchema>;

export const CloseCaseSchema = z
  .object({
    version: VersionSchema,
    finding: z.enum(INSPECTION_CASE_FINDINGS),
    conclusion: Text(INSPECTION_LIMITS.conclusionMax),
  })
  .strict();
export type CloseCase = z.infer<typeof CloseCaseSchema>;

export const InspectionStatsQuerySchema = z.object({ year: YearQuery }).strict();

export const DepartmentInspectionStatsSchema = z.object({
  departmentId: z.number(),
  total: z.number().int(),
  byKind: z.object({ routine: z.number().int(), random: z.number().int(), complaint: z.number().int(), emergency: z.number().int() }),
  /** Distinct enterprises inspected. */
  enterprises: z.number().int(),
  overLimit: z.number().int(),
  /** Supervision cases about the department in the year (over the limit, unregistered), and those still open. */
  cases: z.number().int(),
  openCases: z.number().int(),
  unregistered: z.number().int(),
  rated: z.number().int(),
  /** Mean of the enterprises' ratings, two decimals; null when none rated. */
  averageRating: z.string().nullable(),
});
export type DepartmentInspectionStats = z.infer<typeof DepartmentInspectionStatsSchema>;

export const InspectionStatsSchema = z.object({
  year: z.number().int(),
  routineLimitPerYear: z.number().int(),
  rows: z.array(DepartmentInspectionStatsSchema),
});
export type InspectionStats = z.infer<typeof InspectionStatsSchema>;
