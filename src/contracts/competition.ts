import { z } from 'zod';
import { BOARD_METRICS } from './boards.js';
import { LETTER_KINDS } from './commitments.js';
import { IdSchema, VersionSchema } from './common.js';
import { HONOUR_LISTS } from './monitoring.js';

/**
 * Competition for excellence (争先创优, 赛马, PRODUCT §2.7): the operator sets a year's indicator
 * system, a tree of first-level groups (一级指标) holding indicators (二级指标) worth points
 * (分值); each indicator is computed from the platform's data or entered with evidence, and
 * turned into points by its scoring rule. Bonus and penalty items (加减分) are added per unit
 * and period. Units are scored and ranked per quarter and for the year; the first places are
 * commended (表扬), the last ones warned (警示). Only the inputs are stored (the scheme, entered
 * values, adjustments): every score is computed from them and the platform's data.
 */
export const COMPETITION_STATUSES = ['draft', 'active'] as const;
export type CompetitionStatus = (typeof COMPETITION_STATUSES)[number];

export const COMPETITION_PERIODS = ['Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const;
export type CompetitionPeriod = (typeof COMPETITION_PERIODS)[number];

export const COMPETITION_LIMITS = {
  groupsMax: 8,
  indicatorsMax: 30,
  pointsMax: 1000,
  adjustmentMax: 20,
  evidenceMax: 500,
  /** An adjustment's evidence document (PDF, JPG or PNG), in MB. */
  evidenceFileMaxMb: 10,
  bandMax: 10,
} as const;

/**
 * Where an indicator's value comes from, per unit and period (as of the period's end):
 * - `investmentRatio`: year-to-date investment completed ÷ the plan due by then (monitoring);
 * - `honours`: how many of the unit's projects are on the red (ahead) or yellow (behind) list (红黄榜);
 * - `fulfilment`: the weighted fulfilment rate of the unit's letters of a kind (承诺兑现);
 * - `board`: the unit's year-to-date figure on a leaderboard (规模榜单) in the period's last month;
 * - `problemClosure`: the share of the unit's problems raised this year that are closed (清单管理);
 * - `observation`: the unit's mean score in the period's closed observation tours (现场观摩);
 * - `entered`: a value the operator enters per unit with its evidence.
 */
export const COMPETITION_SOURCES = [
  'investmentRatio',
  'honours',
  'fulfilment',
  'board',
  'problemClosure',
  'observation',
  'entered',
] as const;
export type CompetitionSourceKind = (typeof COMPETITION_SOURCES)[number];

export const CompetitionSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('investmentRatio') }).strict(),
  z.object({ kind: z.literal('honours'), list: z.enum(HONOUR_LISTS) }).strict(),
  z.object({ kind: z.literal('fulfilment'), letterKind: z.enum(LETTER_KINDS) }).strict(),
  z.object({ kind: z.literal('board'), metric: z.enum(BOARD_METRICS) }).strict(),
  z.object({ kind: z.literal('problemClosure') }).strict(),
  z.object({ kind: z.literal('observation') }).strict(),
  z.object({ kind: z.literal('entered') }).strict(),
]);
export type CompetitionSource = z.infer<typeof CompetitionSourceSchema>;

const Share = z.number().min(0).max(1);

/**
 * How a value becomes a share of the indicator's points (0 … cap):
 * - `ratio`: value ÷ target, at most `cap` (1 = no extra for doing more than the target);
 * - `rank`: the units with a value ranked (ties share a rank); the first gets the full points,
 *   the last `lowest` of them, the ones between in even steps;
 * - `thresholds`: the share of the highest step whose `min` the value reaches, else 0.
 */
export const CompetitionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ratio'), target: z.number().positive().max(1e12), cap: z.number().min(0.1).max(2) }).strict(),
  z.object({ kind: z.literal('rank'), order: z.enum(['desc', 'asc']), lowest: Share }).strict(),
  z
    .object({
      kind: z.literal('thresholds'),
      steps: z
        .array(z.object({ min: z.number().min(-1e12).max(1e12), share: Share }).strict())
        .min(1)
        .max(10)
        .refine((s) => s.every((x, i) => i === 0 || x.min < s[i - 1]!.min), { message: 'competition.stepsOrder' }),
    })
    .strict(),
]);
export type CompetitionRule = z.infer<typeof CompetitionRuleSchema>;

/**
 * What a unit without a value for the period wins on an indicator: nothing (`zero`, the default),
 * the mean share of the units with a value (`average`: a unit no observation tour visited, say),
 * or the full points (`full`: a unit that had no such task).
 */
export const COMPETITION_MISSING = ['zero', 'average', 'full'] as const;
export type CompetitionMissing = (typeof COMPETITION_MISSING)[number];

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/);
const Name = (max: number) => z.string().trim().min(1).max(max);

export const CompetitionIndicatorSchema = z
  .object({
    key: Key,
    nameZh: Name(40),
    nameEn: Name(80),
    points: z.number().positive().max(COMPETITION_LIMITS.pointsMax),
    source: CompetitionSourceSchema,
    rule: CompetitionRuleSchema,
    /** Absent on schemes drafted before the choice existed: `zero`. */
    missing: z.enum(COMPETITION_MISSING).optional(),
  })
  .strict();
export type CompetitionIndicator = z.infer<typeof CompetitionIndicatorSchema>;

export const CompetitionGroupSchema = z
  .object({
    key: Key,
    nameZh: Name(40),
    nameEn: Name(80),
    indicators: z.array(CompetitionIndicatorSchema).min(1).max(COMPETITION_LIMITS.indicatorsMax),
  })
  .strict();
export type CompetitionGroup = z.infer<typeof CompetitionGroupSchema>;

const GroupsSchema = z
  .array(CompetitionGroupSchema)
  .min(1)
  .max(COMPETITION_LIMITS.groupsMax)
  .refine(
    (groups) => {
      const keys = groups.flatMap((g) => [g.key, ...g.indicators.map((i) => i.key)]);
      return new Set(keys).size === keys.length;
    },
    { message: 'competition.duplicateKey' },
  )
  .refine((groups) => groups.flatMap((g) => g.indicators).length <= COMPETITION_LIMITS.indicatorsMax, {
    message: 'competition.tooManyIndicators',
  });

const Band = z.number().int().min(0).max(COMPETITION_LIMITS.bandMax);

export const CreateCompetitionSchemeSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: Name(100),
    groups: GroupsSchema,
    /** How many of the first places are commended (表扬) and how many of the last warned (警示). */
    rewardCount: Band,
    warningCount: Band,
  })
  .strict();
export type CreateCompetitionScheme = z.infer<typeof CreateCompetitionSchemeSchema>;

export const UpdateCompetitionSchemeSchema = CreateCompetitionSchemeSchema.omit({ year: true }).extend({ version: VersionSchema }).strict();
export type UpdateCompetitionScheme = z.infer<typeof UpdateCompetitionSchemeSchema>;

export const CompetitionTransitionSchema = z.object({ version: VersionSchema }).strict();

export const CompetitionSchemeSchema = z.object({
  id: z.number(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(COMPETITION_STATUSES),
  groups: z.array(CompetitionGroupSchema),
  rewardCount: z.number().int(),
  warningCount: z.number().int(),
  /** The sum of the indicators' points (the full score before bonus and penalty). */
  fullPoints: z.number(),
  /** The periods whose results are published, and those over but not yet published (an active scheme's to-do). */
  publishedPeriods: z.array(z.enum(COMPETITION_PERIODS)),
  periodsToPublish: z.array(z.enum(COMPETITION_PERIODS)),
  version: z.number().int(),
  updatedAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type CompetitionScheme = z.infer<typeof CompetitionSchemeSchema>;
export const CompetitionSchemeListSchema = z.object({ items: z.array(CompetitionSchemeSchema) });

export const CompetitionSchemeListQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

export const CompetitionPeriodQuerySchema = z.object({ period: z.enum(COMPETITION_PERIODS) }).strict();

/** An entered value (for an indicator whose source is `entered`) with its evidence. */
export const CompetitionEntryInputSchema = z
  .object({
    period: z.enum(COMPETITION_PERIODS),
    indicatorKey: Key,
    unitId: IdSchema,
    /** null removes the entry. */
    value: z.number().min(-1e12).max(1e12).nullable(),
    evidence: z.string().trim().max(COMPETITION_LIMITS.evidenceMax),
  })
  .strict();
export type CompetitionEntryInput = z.infer<typeof CompetitionEntryInputSchema>;

export const CompetitionEntrySchema = z.object({
  period: z.enum(COMPETITION_PERIODS),
  indicatorKey: z.string(),
  unitId: z.number(),
  value: z.number(),
  evidence: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string(),
});
export type CompetitionEntry = z.infer<typeof CompetitionEntrySchema>;
/** The document behind an entered indicator's values for a period (one per indicator and period). */
export const CompetitionEntryDocumentSchema = z.object({
  indicatorKey: z.string(),
  name: z.string(),
  sizeBytes: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type CompetitionEntryDocument = z.infer<typeof CompetitionEntryDocumentSchema>;
export const CompetitionEntryListSchema = z.object({
  items: z.array(CompetitionEntrySchema),
  documents: z.array(CompetitionEntryDocumentSchema),
});
export const CompetitionEntryDocumentQuerySchema = z.object({ period: z.enum(COMPETITION_PERIODS), indicatorKey: Key }).strict();
export type CompetitionEntryDocumentQuery = z.infer<typeof CompetitionEntryDocumentQuerySchema>;

export const CompetitionAdjustmentInputSchema = z
  .object({
    period: z.enum(COMPETITION_PERIODS),
    unitId: IdSchema,
    /** Bonus (+) or penalty (−) points, two decimals at most. */
    points: z
      .number()
      .min(-COMPETITION_LIMITS.adjustmentMax)
      .max(COMPETITION_LIMITS.adjustmentMax)
      .refine((p) => p !== 0 && Math.abs(Math.round(p * 100) - p * 100) < 1e-6, { message: 'competition.adjustmentPoints' }),
    reason: Name(200),
    evidence: Name(COMPETITION_LIMITS.evidenceMax),
  })
  .strict();
export type CompetitionAdjustmentInput = z.infer<typeof CompetitionAdjustmentInputSchema>;

export const CompetitionAdjustmentSchema = z.object({
  id: z.number(),
  period: z.enum(COMPETITION_PERIODS),
  unitId: z.number(),
  points: z.number(),
  reason: z.string(),
  evidence: z.string(),
  /** The evidence document attached (PDF, JPG or PNG), if any. */
  file: z.object({ name: z.string(), sizeBytes: z.number().int() }).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type CompetitionAdjustment = z.infer<typeof CompetitionAdjustmentSchema>;
export const CompetitionAdjustmentListSchema = z.object({ items: z.array(CompetitionAdjustmentSchema) });
export const CompetitionAdjustmentParamsSchema = z.object({ id: IdSchema, adjustmentId: IdSchema }).strict();

/** Why an indicator scored nothing: no value for the unit in the period. */
export const CompetitionIndicatorScoreSchema = z.object({
  key: z.string(),
  /** The measured or entered value (a ratio as a fraction, money in 万元, a score, a rate); null when there is none. */
  value: z.number().nullable(),
  /** The unit's rank on the value among the units with one (rank rules only). */
  rank: z.number().int().nullable(),
  /** The share of the indicator's points won (0 … the rule's cap). */
  share: z.number(),
  points: z.number(),
  /** Set when the unit had no value and the indicator's `missing` rule gave it points all the same. */
  imputed: z.enum(['average', 'full']).optional(),
});
export type CompetitionIndicatorScore = z.infer<typeof CompetitionIndicatorScoreSchema>;

export const CompetitionUnitResultSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  indicators: z.array(CompetitionIndicatorScoreSchema),
  groups: z.array(z.object({ key: z.string(), points: z.number() })),
  /** The indicators' points, then the bonus and penalty items, then the total. */
  base: z.number(),
  adjustment: z.number(),
  total: z.number(),
  rank: z.number().int(),
  band: z.enum(['reward', 'warning']).nullable(),
});
export type CompetitionUnitResult = z.infer<typeof CompetitionUnitResultSchema>;

export const CompetitionPublishSchema = z.object({ period: z.enum(COMPETITION_PERIODS) }).strict();

export const CompetitionResultsSchema = z.object({
  /**
   * Set once the operator has published the period (after its end): the results are then the
   * frozen record (what the units were told, commended or warned on), no longer recomputed;
   * null while they are a live computation.
   */
  published: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
  schemeId: z.number(),
  year: z.number().int(),
  period: z.enum(COMPETITION_PERIODS),
  /** The day the platform's data is read as of: the period's end, or today while it runs. */
  asOf: z.string(),
  /** The leaderboard month the `board` indicators read (YYYY-MM). */
  boardMonth: z.string(),
  units: z.array(CompetitionUnitResultSchema),
});
export type CompetitionResults = z.infer<typeof CompetitionResultsSchema>;

/** The indicator system a new scheme starts with (100 points); the operator edits it per year. */
export const DEFAULT_COMPETITION_GROUPS: readonly CompetitionGroup[] = [
  {
    key: 'construction',
    nameZh: '项目建设',
    nameEn: 'Project construction',
    indicators: [
      {
        key: 'investment_ratio',
        nameZh: '投资完成进度',
        nameEn: 'Investment against the plan due',
        points: 25,
        source: { kind: 'investmentRatio' },
        rule: { kind: 'ratio', target: 1, cap: 1 },
      },
      {
        key: 'red_list',
        nameZh: '红榜项目数',
        nameEn: 'Projects on the red list',
        points: 5,
        source: { kind: 'honours', list: 'red' },
        rule: { kind: 'rank', order: 'desc', lowest: 0.2 },
      },
      {
        key: 'completed_rank',
        nameZh: '完成投资排名',
        nameEn: 'Investment completed (rank)',
        points: 10,
        source: { kind: 'board', metric: 'completed' },
        rule: { kind: 'rank', order: 'desc', lowest: 0.5 },
      },
      {
        key: 'major_projects_rank',
        nameZh: '重大工业项目排名',
        nameEn: 'Major industrial projects (rank)',
        points: 10,
        source: { kind: 'board', metric: 'majorProjects' },
        rule: { kind: 'rank', order: 'desc', lowest: 0.5 },
      },
    ],
  },
  {
    key: 'attraction',
    nameZh: '招商引资与争资',
    nameEn: 'Investment attraction and funds won',
    indicators: [
      {
        key: 'attracted_rank',
        nameZh: '引资规模排名',
        nameEn: 'Investment attracted (rank)',
        points: 10,
        source: { kind: 'board', metric: 'attracted' },
        rule: { kind: 'rank', order: 'desc', lowest: 0.5 },
      },
      {
        key: 'funds_rank',
        nameZh: '争资规模排名',
        nameEn: 'Funds won (rank)',
        points: 10,
        source: { kind: 'board', metric: 'fundsWon' },
        rule: { kind: 'rank', order: 'desc', lowest: 0.5 },
      },
    ],
  },
  {
    key: 'delivery',
    nameZh: '承诺兑现与问题办结',
    nameEn: 'Commitments and problems',
    indicators: [
      {
        key: 'fulfilment',
        nameZh: '承诺兑现率',
        nameEn: 'Commitment fulfilment',
        points: 8,
        source: { kind: 'fulfilment', letterKind: 'investment' },
        rule: { kind: 'ratio', target: 1, cap: 1 },
      },
      {
        key: 'problem_closure',
        nameZh: '问题办结率',
        nameEn: 'Problems closed',
        points: 6,
        source: { kind: 'problemClosure' },
        rule: {
          kind: 'thresholds',
          steps: [
            { min: 0.95, share: 1 },
            { min: 0.85, share: 0.8 },
            { min: 0.7, share: 0.6 },
            { min: 0, share: 0.3 },
          ],
        },
      },
      {
        key: 'business_env',
        nameZh: '营商环境评价',
        nameEn: 'Business environment rating',
        points: 6,
        source: { kind: 'entered' },
        rule: { kind: 'ratio', target: 100, cap: 1 },
      },
    ],
  },
  {
    key: 'observation',
    nameZh: '现场观摩',
    nameEn: 'On-site observation',
    indicators: [
      {
        key: 'observation_score',
        nameZh: '观摩得分',
        nameEn: 'Observation score',
        points: 10,
        source: { kind: 'observation' },
        rule: { kind: 'ratio', target: 100, cap: 1 },
        // A unit no tour visited in the period is not marked down for it.
        missing: 'average',
      },
    ],
  },
];
