import { z } from 'zod';
import { IdSchema, LIMITS, PageQuerySchema, VersionSchema, pageOf } from './common.js';
import { IsoDateSchema } from './reference.js';
import { ListEntrySchema } from './registry-settings.js';

/**
 * Problem lists (清单管理制: 问题·措施·责任), supervision (限时督办) and enterprise appeals
 * (企业诉求). Problems and appeals are items of one engine: the same states, the same
 * transitions, deadlines in working days, the same escalation ladder.
 */
export const PROBLEM_KINDS = ['problem', 'appeal'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** raised → assigned → in_progress → resolved → confirmed (or back to in_progress when reopened). */
export const PROBLEM_STATUSES = ['raised', 'assigned', 'in_progress', 'resolved', 'confirmed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
/** Statuses in which the item still waits for its handler: these can be overdue. */
export const OPEN_PROBLEM_STATUSES = ['raised', 'assigned', 'in_progress'] as const satisfies readonly ProblemStatus[];

/** What can be done to an item (one event each); `escalate` is done by the scheduler only. */
export const PROBLEM_COMMANDS = ['raise', 'assign', 'start', 'reply', 'resolve', 'confirm', 'reopen', 'escalate'] as const;
export type ProblemCommand = (typeof PROBLEM_COMMANDS)[number];

/** Where an item came from: raised directly, handed out at a weekly dispatch (交办), or an enterprise appeal. */
export const PROBLEM_SOURCES = ['direct', 'dispatch', 'enterprise'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

/** The escalation ladder (限时督办): 1 the responsible unit, 2 the city department (市重点办), 3 the city leader. */
export const ESCALATION_LEVELS = ['unit', 'department', 'leader'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** An enterprise rates the result of its appeal: 满意 / 基本满意 / 不满意. */
export const APPEAL_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type AppealRating = (typeof APPEAL_RATINGS)[number];

export const PROBLEM_FILE_KINDS = ['attachment', 'evidence'] as const;
export type ProblemFileKind = (typeof PROBLEM_FILE_KINDS)[number];

/** Limits of items and their uploads (named once: forms and server). */
export const PROBLEM_LIMITS = {
  titleMax: 100,
  textMax: 4000,
  measureMax: 500,
  measuresMax: 20,
  cooperatingMax: 20,
  filesMax: 10,
  /** Per attachment or evidence file (PDF, JPG, PNG recognised by content). */
  fileMaxMb: 10,
} as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---------------------------------------------------------------- settings

/** A problem category (land, demolition …) with its default time limit in working days. */
export const ProblemCategorySchema = ListEntrySchema.extend({ limitDays: z.number().int().min(1).max(365) }).strict();
export type ProblemCategory = z.infer<typeof ProblemCategorySchema>;

const uniqueKeys = (entries: { key: string }[]) => new Set(entries.map((e) => e.key)).size === entries.length;

export const ProblemSettingsSchema = z
  .object({
    problemCategories: z.array(ProblemCategorySchema).min(1).max(50).refine(uniqueKeys, 'settings.duplicateKey'),
    appealCategories: z.array(ListEntrySchema).min(1).max(50).refine(uniqueKeys, 'settings.duplicateKey'),
    /** Appeal time limits in working days from the day it was raised: accept (受理), first reply (答复), resolve (办结). */
    appealLimits: z
      .object({
        acceptDays: z.number().int().min(1).max(30),
        replyDays: z.number().int().min(1).max(60),
        resolveDays: z.number().int().min(1).max(365),
        complexResolveDays: z.number().int().min(1).max(365),
      })
      .strict(),
    /** The ladder: an item this many working days past its deadline reaches the level. */
    escalation: z
      .object({
        unitAfter: z.number().int().min(1).max(60),
        departmentAfter: z.number().int().min(1).max(120),
        leaderAfter: z.number().int().min(1).max(240),
      })
      .strict()
      .refine((e) => e.unitAfter < e.departmentAfter && e.departmentAfter < e.leaderAfter, 'problem.escalationOrder'),
    /** Reminders go out this many working days before a deadline. */
    reminderDays: z.number().int().min(1).max(10),
    /** Who signs a supervision notice (督办函), and its number prefix (督办〔2026〕3号). */
    noticeIssuer: z.string().trim().min(1).max(60),
    noticePrefix: z.string().trim().min(1).max(10),
  })
  .strict();
export type ProblemSettings = z.infer<typeof ProblemSettingsSchema>;
export const ProblemSettingsResponseSchema = ProblemSettingsSchema.extend({ version: z.number().int() });
/** Version 0: the defaults, never saved yet. */
export const UpdateProblemSettingsSchema = ProblemSettingsSchema.extend({ version: z.number().int().min(0) }).strict();
export type UpdateProblemSettings = z.infer<typeof UpdateProblemSettingsSchema>;

export const DEFAULT_PROBLEM_SETTINGS: ProblemSettings = {
  problemCategories: [
    { key: 'land', nameZh: '用地', nameEn: 'Land', isActive: true, limitDays: 20 },
    { key: 'demolition', nameZh: '征地拆迁', nameEn: 'Demolition and resettlement', isActive: true, limitDays: 30 },
    { key: 'funding', nameZh: '资金', nameEn: 'Funding', isActive: true, limitDays: 20 },
    { key: 'approvals', nameZh: '审批手续', nameEn: 'Approvals', isActive: true, limitDays: 10 },
    { key: 'utilities', nameZh: '水电气', nameEn: 'Power, water, gas', isActive: true, limitDays: 15 },
    { key: 'environment', nameZh: '环保', nameEn: 'Environment', isActive: true, limitDays: 15 },
    { key: 'other', nameZh: '其他', nameEn: 'Other', isActive: true, limitDays: 15 },
  ],
  appealCategories: [
    { key: 'policy', nameZh: '政策兑现', nameEn: 'Policy fulfilment', isActive: true },
    { key: 'approvals', nameZh: '审批服务', nameEn: 'Approvals', isActive: true },
    { key: 'financing', nameZh: '融资', nameEn: 'Financing', isActive: true },
    { key: 'land', nameZh: '用地', nameEn: 'Land', isActive: true },
    { key: 'utilities', nameZh: '水电气', nameEn: 'Power, water, gas', isActive: true },
    { key: 'labour', nameZh: '用工', nameEn: 'Labour', isActive: true },
    { key: 'other', nameZh: '其他', nameEn: 'Other', isActive: true },
  ],
  appealLimits: { acceptDays: 1, replyDays: 3, resolveDays: 15, complexResolveDays: 30 },
  escalation: { unitAfter: 1, departmentAfter: 5, leaderAfter: 10 },
  reminderDays: 1,
  noticeIssuer: '重点项目建设领导小组办公室',
  noticePrefix: '督办',
};

// ---------------------------------------------------------------- working-day calendar

/** One year of China's public holidays and adjusted working days (调休), as the State Council publishes them. */
export const CalendarYearSchema = z
  .object({
    /** Where the dates come from (the notice's name and number). */
    source: Text(300),
    holidays: z
      .array(z.object({ name: Text(40), from: IsoDateSchema, to: IsoDateSchema }).strict())
      .max(30)
      .superRefine((ranges, ctx) => {
        ranges.forEach((r, i) => {
          if (r.to < r.from) ctx.addIssue({ code: 'custom', path: [i, 'to'], message: 'problem.calendarRange' });
        });
      }),
    /** Weekend days that are working days (调休上班). */
    workdays: z.array(z.object({ name: Text(40), date: IsoDateSchema }).strict()).max(30),
  })
  .strict();
export type CalendarYear = z.infer<typeof CalendarYearSchema>;
/** The holidays the State Council's notice names every year, in its words (data, not UI text). */
export const CALENDAR_HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

export const CalendarYearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const CalendarQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const CalendarResponseSchema = CalendarYearSchema.extend({
  year: z.number().int(),
  /** `file`: reference/cn-workdays.json shipped with Juli; `upload`: the city's own update; `none`: weekends only. */
  origin: z.enum(['file', 'upload', 'none']),
  /** Every year the calendar knows (file and uploads). */
  coveredYears: z.array(z.number().int()),
});
export type CalendarResponse = z.infer<typeof CalendarResponseSchema>;

// ---------------------------------------------------------------- requests

const ResponsibilityFields = {
  /** 牵头单位 (a department, a county, a park …). */
  leadUnitId: IdSchema,
  /** 责任人: a name (and title) as written on the list. */
  leadPerson: OptionalText(50),
  /** 配合单位. */
  cooperatingUnitIds: z.array(IdSchema).max(PROBLEM_LIMITS.cooperatingMax).optional(),
  /** 完成时限; defaults to the category's limit in working days from today. */
  deadline: IsoDateSchema.nullable().optional(),
};

export const ResponsibilitySchema = z.object(ResponsibilityFields).strict();
export type Responsibility = z.infer<typeof ResponsibilitySchema>;

const MeasuresSchema = z.array(Text(PROBLEM_LIMITS.measureMax)).max(PROBLEM_LIMITS.measuresMax);

export const RaiseProblemSchema = z
  .object({
    /** The project the problem belongs to; or `unitId` for a cross-project problem of a unit. */
    projectId: IdSchema.nullable().optional(),
    unitId: IdSchema.nullable().optional(),
    category: z.string().trim().min(1).max(40),
    title: Text(PROBLEM_LIMITS.titleMax),
    description: Text(PROBLEM_LIMITS.textMax),
    /** Defaults to today; not in the future. */
    raisedOn: IsoDateSchema.optional(),
    measures: MeasuresSchema.optional(),
    /** Raise and assign in one step (city operator only). */
    responsibility: ResponsibilitySchema.optional(),
  })
  .strict()
  .refine((v) => !!v.projectId !== !!v.unitId, { message: 'problem.subjectRequired', path: ['projectId'] });
export type RaiseProblem = z.infer<typeof RaiseProblemSchema>;

export const AssignProblemSchema = z
  .object({
    version: VersionSchema,
    ...ResponsibilityFields,
    measures: MeasuresSchema.optional(),
    /** Why an item is routed again or its deadline changed. */
    reason: OptionalText(500),
  })
  .strict();
export type AssignProblem = z.infer<typeof AssignProblemSchema>;

export const StartProblemSchema = z
  .object({ version: VersionSchema, measures: MeasuresSchema.optional(), note: OptionalText(1000) })
  .strict();
export type StartProblem = z.infer<typeof StartProblemSchema>;

export const ResolveProblemSchema = z
  .object({
    version: VersionSchema,
    /** What was done (the evidence as text; files are uploaded to the item beforehand). */
    evidence: Text(PROBLEM_LIMITS.textMax),
    /** Measures now done (their positions, 0-based). */
    measuresDone: z.array(z.number().int().min(0).max(PROBLEM_LIMITS.measuresMax)).optional(),
  })
  .strict();
export type ResolveProblem = z.infer<typeof ResolveProblemSchema>;

export const ConfirmProblemSchema = z.object({ version: VersionSchema, note: OptionalText(1000) }).strict();
export type ConfirmProblem = z.infer<typeof ConfirmProblemSchema>;

export const ReopenProblemSchema = z.object({ version: VersionSchema, reason: Text(1000) }).strict();
export type ReopenProblem = z.infer<typeof ReopenProblemSchema>;

export const RaiseAppealSchema = z
  .object({
    category: z.string().trim().min(1).max(40),
    title: Text(PROBLEM_LIMITS.titleMax),
    description: Text(PROBLEM_LIMITS.textMax),
    /** The enterprise's own project the appeal is about (omitted: its business in general). */
    projectId: IdSchema.nullable().optional(),
  })
  .strict();
export type RaiseAppeal = z.infer<typeof RaiseAppealSchema>;

export const RouteAppealSchema = z
  .object({
    version: VersionSchema,
    leadUnitId: IdSchema,
    leadPerson: OptionalText(50),
    /** Complex appeals get the longer resolve limit. */
    isComplex: z.boolean().optional(),
    reason: OptionalText(500),
  })
  .strict();
export type RouteAppeal = z.infer<typeof RouteAppealSchema>;

export const AcceptAppealSchema = z.object({ version: VersionSchema, note: OptionalText(1000) }).strict();
export const ReplyAppealSchema = z.object({ version: VersionSchema, text: Text(PROBLEM_LIMITS.textMax) }).strict();
export type ReplyAppeal = z.infer<typeof ReplyAppealSchema>;
export const RateAppealSchema = z.object({ version: VersionSchema, rating: z.enum(APPEAL_RATINGS), comment: OptionalText(1000) }).strict();
export type RateAppeal = z.infer<typeof RateAppealSchema>;

export const ProblemListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  status: z.enum(PROBLEM_STATUSES).optional(),
  /** open = raised/assigned/in progress; overdue = open past the deadline (as of `asOf`, default today); closed = confirmed. */
  state: z.enum(['open', 'overdue', 'closed']).optional(),
  category: z.string().max(40).optional(),
  projectId: IdSchema.optional(),
  /** Items of this unit and the units below it (drill-down of the per-unit metrics). */
  unitId: IdSchema.optional(),
  /** Items this unit leads (drill-down of the per-department metrics). */
  leadUnitId: IdSchema.optional(),
  /** Only items that reached at least this escalation level. */
  escalatedTo: z.enum(ESCALATION_LEVELS).optional(),
  rating: z.enum(APPEAL_RATINGS).optional(),
  source: z.enum(PROBLEM_SOURCES).optional(),
  raisedFrom: IsoDateSchema.optional(),
  raisedTo: IsoDateSchema.optional(),
  asOf: IsoDateSchema.optional(),
  sort: z.enum(['deadline', '-raisedOn', 'raisedOn', '-updatedAt']).default('-raisedOn'),
}).strict();
export type ProblemListQuery = z.infer<typeof ProblemListQuerySchema>;

export const FileParamsSchema = z.object({ id: IdSchema, fileId: IdSchema }).strict();
export const EscalationParamsSchema = z.object({ id: IdSchema, escalationId: IdSchema }).strict();

// ---------------------------------------------------------------- responses

/** A row of a list: small on purpose (phones). */
export const ProblemSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(PROBLEM_KINDS),
  source: z.enum(PROBLEM_SOURCES),
  status: z.enum(PROBLEM_STATUSES),
  category: z.string(),
  title: z.string(),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  leadUnitId: z.number().nullable(),
  leadUnitName: z.string().nullable(),
  raisedOn: z.string(),
  deadline: z.string().nullable(),
  /** Open and past the deadline (as of today, or the list's `asOf`). */
  isOverdue: z.boolean(),
  escalationLevel: z.enum(ESCALATION_LEVELS).nullable(),
  rating: z.enum(APPEAL_RATINGS).nullable(),
  updatedAt: z.string(),
});
export type ProblemSummary = z.infer<typeof ProblemSummarySchema>;
export const ProblemPageSchema = pageOf(ProblemSummarySchema);

/**
 * What a note the system wrote on the timeline says, as data, for the reader's language
 * (migration 0027): the assignment's lead unit, person and deadline; an escalation step.
 * Null for notes a person typed and for events recorded before.
 */
export const ProblemEventFactsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assigned'),
    leadUnitId: z.number(),
    leadUnitName: z.string().nullable(),
    leadPerson: z.string().nullable(),
    deadline: z.string(),
  }),
  z.object({
    kind: z.literal('escalated'),
    level: z.enum(ESCALATION_LEVELS),
    noticeNo: z.string(),
    overdueDays: z.number().int(),
    dueOn: z.string(),
  }),
]);
export type ProblemEventFacts = z.infer<typeof ProblemEventFactsSchema>;

export const ProblemEventSchema = z.object({
  id: z.number(),
  command: z.enum(PROBLEM_COMMANDS),
  fromStatus: z.enum(PROBLEM_STATUSES).nullable(),
  toStatus: z.enum(PROBLEM_STATUSES),
  occurredOn: z.string(),
  note: z.string().nullable(),
  facts: ProblemEventFactsSchema.nullable(),
  actorName: z.string().nullable(),
  recordedAt: z.string(),
});
export type ProblemEvent = z.infer<typeof ProblemEventSchema>;

export const EscalationSchema = z.object({
  id: z.number(),
  level: z.enum(ESCALATION_LEVELS),
  /** When the ladder said this step was due, and when it was taken. */
  dueOn: z.string(),
  escalatedOn: z.string(),
  overdueDays: z.number().int(),
  noticeNo: z.string(),
  addressedTo: z.string(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

export const ProblemFileSchema = z.object({
  id: z.number(),
  kind: z.enum(PROBLEM_FILE_KINDS),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  addedAt: z.string(),
});

export const ProblemSchema = ProblemSummarySchema.extend({
  description: z.string(),
  raisedByName: z.string().nullable(),
  raisedByUnitId: z.number().nullable(),
  raisedByUnitName: z.string().nullable(),
  /** 措施清单. */
  measures: z.array(z.object({ text: z.string(), isDone: z.boolean() })),
  /** 责任清单. */
  leadPerson: z.string().nullable(),
  cooperatingUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  isComplex: z.boolean(),
  /** Appeals: the accept and first-reply limits. */
  acceptDue: z.string().nullable(),
  replyDue: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  overdueWorkingDays: z.number().int(),
  reopenCount: z.number().int(),
  ratingComment: z.string().nullable(),
  /** What the caller may do now (the UI shows these buttons). */
  allowed: z.array(z.enum(PROBLEM_COMMANDS)),
  events: z.array(ProblemEventSchema),
  escalations: z.array(EscalationSchema),
  files: z.array(ProblemFileSchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ProblemMetricsQuerySchema = z
  .object({
    /** `unit`: by the county-level unit (or park, platform …) the items belong to; `lead`: by the unit that leads them (departments). */
    by: z.enum(['unit', 'lead']).default('lead'),
    kind: z.enum(PROBLEM_KINDS).default('problem'),
    raisedFrom: IsoDateSchema.optional(),
    raisedTo: IsoDateSchema.optional(),
    asOf: IsoDateSchema.optional(),
  })
  .strict();
export type ProblemMetricsQuery = z.infer<typeof ProblemMetricsQuerySchema>;

export const ProblemMetricsRowSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Confirmed by whoever raised them. */
  closed: z.number().int(),
  closureRate: z.number().nullable(),
  /** Calendar days from raised to confirmed, median of the closed items. */
  medianDaysToClose: z.number().nullable(),
});
export type ProblemMetricsRow = z.infer<typeof ProblemMetricsRowSchema>;
export const ProblemMetricsSchema = z.object({
  asOf: z.string(),
  by: z.enum(['unit', 'lead']),
  rows: z.array(ProblemMetricsRowSchema),
  total: ProblemMetricsRowSchema,
});
export type ProblemMetrics = z.infer<typeof ProblemMetricsSchema>;

export const AppealMetricsQuerySchema = z
  .object({ raisedFrom: IsoDateSchema.optional(), raisedTo: IsoDateSchema.optional(), asOf: IsoDateSchema.optional() })
  .strict();
export type AppealMetricsQuery = z.infer<typeof AppealMetricsQuerySchema>;

const StageTimelinessSchema = z.object({
  /** Items whose limit has passed or that completed the stage. */
  due: z.number().int(),
  onTime: z.number().int(),
  rate: z.number().nullable(),
});
export const AppealMetricsRowSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  total: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basic: z.number().int(),
  unsatisfied: z.number().int(),
  /** (satisfied + basically satisfied) ÷ rated. */
  satisfactionRate: z.number().nullable(),
  accept: StageTimelinessSchema,
  reply: StageTimelinessSchema,
  resolve: StageTimelinessSchema,
});
export type AppealMetricsRow = z.infer<typeof AppealMetricsRowSchema>;
export const AppealMetricsSchema = z.object({ asOf: z.string(), rows: z.array(AppealMetricsRowSchema), total: AppealMetricsRowSchema });
export type AppealMetrics = z.infer<typeof AppealMetricsSchema>;
