import { z } from 'zod';
import { IdSchema, LIMITS, pageOf, PageQuerySchema } from './common.js';
import { MoneySchema } from './money.js';
import { IsoDateSchema } from './reference.js';

/** A reporting month: yyyy-mm. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month.invalid');
export type Month = z.infer<typeof MonthSchema>;

export const REPORT_STATUSES = ['missing', 'submitted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Checks at submission: errors refuse the row, warnings need a written explanation. */
export const REPORT_WARNINGS = ['jump', 'notStarted', 'farFromPlan'] as const;
export type ReportWarning = (typeof REPORT_WARNINGS)[number];

export const ReportGridQuerySchema = z.object({ month: MonthSchema, unitId: IdSchema.optional() }).strict();

export const ReportGridRowSchema = z.object({
  projectId: z.number(),
  projectCode: z.string().nullable(),
  projectName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  totalInvestment: z.string(),
  /** The month's planned amount (monthly schedule), when the project has one. */
  plannedThisMonth: z.string().nullable(),
  /** Cumulative before this month (all months so far), derived. */
  cumulativeBefore: z.string(),
  /** Year to date before this month, derived. */
  ytdBefore: z.string(),
  lastMonth: z.string().nullable(),
  isStarted: z.boolean(),
  status: z.enum(REPORT_STATUSES),
  returnReason: z.string().nullable(),
  /** The current figures (latest version), or null when missing. */
  investment: z.string().nullable(),
  progressText: z.string().nullable(),
  problemsText: z.string().nullable(),
  explanation: z.string().nullable(),
  version: z.number().int(),
  photoCount: z.number().int(),
});
export type ReportGridRow = z.infer<typeof ReportGridRowSchema>;

export const ReportGridSchema = z.object({
  month: z.string(),
  dueOn: z.string(),
  isLocked: z.boolean(),
  rows: z.array(ReportGridRowSchema),
  /** Fields a unit must type per project-month (the figure kept minimal by design). */
  requiredFieldsPerRow: z.number().int(),
});
export type ReportGrid = z.infer<typeof ReportGridSchema>;

export const ReportRowInputSchema = z
  .object({
    projectId: IdSchema,
    /** 本月完成投资 (万元): the one figure a unit must type. */
    investment: MoneySchema,
    progressText: z.string().trim().max(1000).nullable().optional(),
    problemsText: z.string().trim().max(1000).nullable().optional(),
    /** Why a warned figure is right (required when a check warns). */
    explanation: z.string().trim().max(500).nullable().optional(),
    /** The version the row was based on (0 when there was none): a stale row is a conflict. */
    baseVersion: z.number().int().min(0),
  })
  .strict();
export type ReportRowInput = z.infer<typeof ReportRowInputSchema>;

export const SubmitReportsSchema = z
  .object({
    month: MonthSchema,
    rows: z.array(ReportRowInputSchema).min(1).max(2000),
    /** Required once the month is locked: every change is then a correction with a reason. */
    correctionReason: z.string().trim().min(1).max(500).nullable().optional(),
  })
  .strict();
export type SubmitReports = z.infer<typeof SubmitReportsSchema>;

export const SubmitReportsResultSchema = z.object({
  month: z.string(),
  saved: z.number().int(),
  unchanged: z.number().int(),
  corrections: z.number().int(),
});

export const ReturnReportSchema = z.object({ projectId: IdSchema, month: MonthSchema, reason: z.string().trim().min(1).max(500) }).strict();

export const ReportVersionSchema = z.object({
  version: z.number().int(),
  kind: z.enum(['submission', 'correction']),
  investment: z.string(),
  progressText: z.string().nullable(),
  problemsText: z.string().nullable(),
  explanation: z.string().nullable(),
  reason: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string(),
});
export const ReportHistorySchema = z.object({
  projectId: z.number(),
  month: z.string(),
  versions: z.array(ReportVersionSchema),
  returns: z.array(z.object({ reason: z.string(), returnedBy: z.string().nullable(), returnedAt: z.string() })),
});

export const MissingQuerySchema = z.object({ month: MonthSchema }).strict();
export const MissingReportSchema = z.object({
  month: z.string(),
  dueOn: z.string(),
  isLocked: z.boolean(),
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      expected: z.number().int(),
      submitted: z.number().int(),
      returned: z.number().int(),
      missing: z.number().int(),
    }),
  ),
  missingProjects: z.array(
    z.object({ projectId: z.number(), projectName: z.string(), unitId: z.number(), unitName: z.string(), status: z.enum(REPORT_STATUSES) }),
  ),
});

export const MonthStateSchema = z.object({ month: z.string(), dueOn: z.string(), isLocked: z.boolean(), lockedAt: z.string().nullable() });

export const FUND_SOURCES = ['central_budget', 'special_bonds', 'provincial_funds', 'policy_finance', 'other'] as const;
export const FundWonSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  source: z.enum(FUND_SOURCES),
  amount: z.string(),
  wonOn: z.string(),
  note: z.string().nullable(),
  /** The row this one corrects, and why. */
  supersedesId: z.number().nullable(),
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const CreateFundWonSchema = z
  .object({
    unitId: IdSchema.optional(),
    projectId: IdSchema.nullable().optional(),
    source: z.enum(FUND_SOURCES),
    amount: MoneySchema,
    wonOn: IsoDateSchema,
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type CreateFundWon = z.infer<typeof CreateFundWonSchema>;
export const CorrectFundWonSchema = z
  .object({
    source: z.enum(FUND_SOURCES),
    amount: MoneySchema,
    wonOn: IsoDateSchema,
    note: z.string().trim().max(500).nullable().optional(),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type CorrectFundWon = z.infer<typeof CorrectFundWonSchema>;
export const FundListQuerySchema = PageQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: IdSchema.optional(),
  source: z.enum(FUND_SOURCES).optional(),
}).strict();
export const FundPageSchema = pageOf(FundWonSchema);
/** The list's filters, for its export (the whole filtered list, not a page). */
export const FundExportQuerySchema = FundListQuerySchema.omit({ page: true, pageSize: true });
export type FundExportQuery = z.infer<typeof FundExportQuerySchema>;

export const FeedbackSchema = z.object({
  id: z.number(),
  notedOn: z.string(),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export const CreateFeedbackSchema = z
  .object({
    notedOn: IsoDateSchema,
    text: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.nameMax * 5),
  })
  .strict();
export const FeedbackListSchema = z.object({ items: z.array(FeedbackSchema) });

/** Photos of a monthly report: JPG or PNG (recognised by content), at most this large and this many per project-month. */
export const REPORT_PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, perProjectMonth: 20 } as const;
export const REPORT_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

export const ReportPhotoQuerySchema = z.object({ projectId: z.coerce.number().int().positive(), month: MonthSchema }).strict();

export const ReportPhotoSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  month: z.string(),
  filename: z.string(),
  contentType: z.enum(REPORT_PHOTO_TYPES),
  sizeBytes: z.number().int(),
  /** SM3 digest of the bytes as stored. */
  sm3: z.string(),
  /** When the photo was taken (EXIF, read as Shanghai time unless the photo states its offset); null when absent. */
  takenAt: z.string().nullable(),
  /** Where (EXIF GPS, WGS 84 degrees); null when absent. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Why it was added after the month was locked. */
  reason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportPhoto = z.infer<typeof ReportPhotoSchema>;

export const ReportPhotoListSchema = z.object({
  projectId: z.number(),
  month: z.string(),
  isLocked: z.boolean(),
  maxPhotos: z.number().int(),
  maxBytes: z.number().int(),
  items: z.array(ReportPhotoSchema),
});
