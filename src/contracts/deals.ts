import { z } from 'zod';
import { IdSchema, LIMITS, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { MoneySchema } from './money.js';
import { IndustryCodeSchema, IsoDateSchema } from './reference.js';
import { UsccSchema } from './org.js';

/** Stages of a deal (招商项目): the five of the funnel, then the two side states. */
export const ACTIVE_DEAL_STAGES = ['signed', 'fulfilling', 'landed', 'started', 'in_production'] as const;
export const DEAL_STAGES = [...ACTIVE_DEAL_STAGES, 'stalled', 'terminated'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
/** The stages whose share of a cohort is a funnel rate (履约率, 落地率, 开工率, 投产率). */
export const FUNNEL_STAGES = ['fulfilling', 'landed', 'started', 'in_production'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * How a filing relates to earlier ones (double counting rules): a new deal counts in full;
 * a re-signing, an upgrade or a capital increase names its predecessor, states the new
 * total, and counts only the increase.
 */
export const DEAL_KINDS = ['new', 'resign', 'upgrade', 'capital_increase'] as const;
export type DealKind = (typeof DEAL_KINDS)[number];

/** Two units filed the same investor + project: flagged until the city operator keeps one. */
export const DUPLICATE_STATUSES = ['none', 'flagged', 'kept', 'excluded'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** Optional non-negative decimal (三量 inputs: tce, mu, 万元). */
const OptionalDecimal = MoneySchema.nullable().optional();

export const CapitalInstalmentSchema = z.object({ dueOn: IsoDateSchema, amount: MoneySchema }).strict();

const DealFields = {
  projectName: Text(LIMITS.nameMax),
  investorName: Text(LIMITS.nameMax),
  investorUscc: UsccSchema.nullable().optional(),
  contractedAmount: MoneySchema,
  industryCode: IndustryCodeSchema,
  source: z.string().trim().min(1).max(40),
  signedOn: IsoDateSchema,
  registrationDeadline: IsoDateSchema.nullable().optional(),
  capitalSchedule: z.array(CapitalInstalmentSchema).max(60).optional(),
  startDeadline: IsoDateSchema.nullable().optional(),
  productionDeadline: IsoDateSchema.nullable().optional(),
  isHighTech: z.boolean().optional(),
  isStrategicEmerging: z.boolean().optional(),
  plannedRdAmount: OptionalDecimal,
  plannedEnergyTce: OptionalDecimal,
  plannedAnnualOutput: OptionalDecimal,
  expectedAnnualTax: OptionalDecimal,
  landAreaMu: OptionalDecimal,
  note: OptionalText(2000),
};

export const CreateDealSchema = z
  .object({
    ...DealFields,
    /** The filing unit; defaults to the caller's own unit. */
    unitId: IdSchema.optional(),
    kind: z.enum(DEAL_KINDS).default('new'),
    predecessorDealId: IdSchema.nullable().optional(),
  })
  .strict();
export type CreateDeal = z.infer<typeof CreateDealSchema>;

export const UpdateDealSchema = z.object(DealFields).partial().extend({ version: VersionSchema }).strict();
export type UpdateDeal = z.infer<typeof UpdateDealSchema>;

export const THREE_QUANTITY_DIMENSIONS = ['innovation', 'green', 'gold'] as const;
export const ThreeQuantityItemSchema = z.object({
  dimension: z.enum(THREE_QUANTITY_DIMENSIONS),
  status: z.enum(['passed', 'failed', 'unknown']),
  /** Message key of the reason and its parameters (translated by the client). */
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export const ThreeQuantitiesSchema = z.object({ score: z.number().int(), max: z.number().int(), items: z.array(ThreeQuantityItemSchema) });
export type ThreeQuantities = z.infer<typeof ThreeQuantitiesSchema>;

export const DealSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  kind: z.enum(DEAL_KINDS),
  predecessorDealId: z.number().nullable(),
  projectName: z.string(),
  investorName: z.string(),
  investorUscc: z.string().nullable(),
  contractedAmount: z.string(),
  /** What the deal adds to the amounts attracted: all of a new deal, the increase of a follow-up. */
  countedAmount: z.string(),
  industryCode: z.string(),
  source: z.string(),
  signedOn: z.string(),
  filedOn: z.string(),
  filingDelayDays: z.number().int(),
  isLateFiling: z.boolean(),
  registrationDeadline: z.string().nullable(),
  capitalSchedule: z.array(z.object({ dueOn: z.string(), amount: z.string() })),
  startDeadline: z.string().nullable(),
  productionDeadline: z.string().nullable(),
  stage: z.enum(DEAL_STAGES),
  stageOn: z.string(),
  stageReason: z.string().nullable(),
  duplicateStatus: z.enum(DUPLICATE_STATUSES),
  duplicateOfDealId: z.number().nullable(),
  projectId: z.number().nullable(),
  isHighTech: z.boolean(),
  isStrategicEmerging: z.boolean(),
  plannedRdAmount: z.string().nullable(),
  plannedEnergyTce: z.string().nullable(),
  plannedAnnualOutput: z.string().nullable(),
  expectedAnnualTax: z.string().nullable(),
  landAreaMu: z.string().nullable(),
  threeQuantities: ThreeQuantitiesSchema,
  hasContractScan: z.boolean(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Deal = z.infer<typeof DealSchema>;

export const DealListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  unitId: IdSchema.optional(),
  /** With `unitId`: only the unit's own filings, not those of the units under it. */
  unitOnly: QueryBooleanSchema.optional(),
  stage: z.enum(DEAL_STAGES).optional(),
  kind: z.enum(DEAL_KINDS).optional(),
  source: z.string().max(40).optional(),
  industryCode: z.string().max(3).optional(),
  signedFrom: IsoDateSchema.optional(),
  signedTo: IsoDateSchema.optional(),
  isLateFiling: QueryBooleanSchema.optional(),
  duplicateStatus: z.enum(DUPLICATE_STATUSES).optional(),
  /** Drill-down from the funnel: deals of the cohort that had reached this stage by `asOf`. */
  reached: z.enum(FUNNEL_STAGES).optional(),
  asOf: IsoDateSchema.optional(),
  sort: z.enum(['signedOn', '-signedOn', 'contractedAmount', '-contractedAmount', 'projectName']).default('-signedOn'),
}).strict();
export type DealListQuery = z.infer<typeof DealListQuerySchema>;
export const DealPageSchema = pageOf(DealSchema);
/** A deal's duplicate group: it and the other live filings of the same investor + project (in the caller's scope). */
export const DealDuplicatesSchema = z.object({ items: z.array(DealSchema) });

export const DealTransitionSchema = z
  .object({
    version: VersionSchema,
    toStage: z.enum(DEAL_STAGES),
    occurredOn: IsoDateSchema,
    reason: z.string().trim().max(500).nullable().optional(),
    evidence: z.string().trim().max(2000).nullable().optional(),
    /** On landing: the registry project this deal became (created from the deal when omitted). */
    projectId: IdSchema.nullable().optional(),
  })
  .strict();
export type DealTransition = z.infer<typeof DealTransitionSchema>;

export const DealStageEventSchema = z.object({
  id: z.number(),
  fromStage: z.enum(DEAL_STAGES).nullable(),
  toStage: z.enum(DEAL_STAGES),
  occurredOn: z.string(),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
  actorName: z.string().nullable(),
  recordedAt: z.string(),
});
export const DealHistorySchema = z.object({ items: z.array(DealStageEventSchema) });

export const SettleDuplicateSchema = z.object({ keepDealId: IdSchema }).strict();

export const FunnelQuerySchema = z
  .object({
    /** The unit whose subtree is analysed; defaults to the caller's jurisdiction. */
    unitId: IdSchema.optional(),
    cohortFrom: IsoDateSchema,
    cohortTo: IsoDateSchema,
    asOf: IsoDateSchema,
  })
  .strict();
export type FunnelQuery = z.infer<typeof FunnelQuerySchema>;

export const StageRateSchema = z.object({
  reachedCount: z.number().int(),
  reachedAmount: z.string(),
  byCount: z.number().nullable(),
  byAmount: z.number().nullable(),
});
export const FunnelRowSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  cohortCount: z.number().int(),
  cohortAmount: z.string(),
  /** 招引率: counted amounts signed from 1 January of the as-of year to the as-of date ÷ the unit's target for that year. */
  attractedAmount: z.string(),
  target: z.string().nullable(),
  attractionRate: z.number().nullable(),
  stages: z.object({ fulfilling: StageRateSchema, landed: StageRateSchema, started: StageRateSchema, in_production: StageRateSchema }),
  lateFilings: z.number().int(),
  unsettledDuplicates: z.number().int(),
});
export type FunnelRow = z.infer<typeof FunnelRowSchema>;
export const FunnelSchema = z.object({ total: FunnelRowSchema, units: z.array(FunnelRowSchema) });
export type Funnel = z.infer<typeof FunnelSchema>;

export const DealTargetSchema = z.object({ unitId: IdSchema, year: z.number().int().min(2000).max(2100), amount: MoneySchema }).strict();
export type DealTarget = z.infer<typeof DealTargetSchema>;

export const DealTargetListQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const DealTargetListSchema = z.object({
  items: z.array(z.object({ unitId: z.number(), unitName: z.string(), year: z.number().int(), amount: z.string() })),
  /** The latest earlier year with targets, to start a new year from (null when there is none). */
  previousYear: z.number().int().nullable(),
});

/** Copy the targets of one year to the units that have none in another (a new year starts from the last). */
export const DealTargetCopySchema = z
  .object({ fromYear: z.number().int().min(2000).max(2100), toYear: z.number().int().min(2000).max(2100) })
  .strict()
  .refine((v) => v.fromYear !== v.toYear, { path: ['fromYear'], message: 'validation.sameYear' });
export type DealTargetCopy = z.infer<typeof DealTargetCopySchema>;
export const DealTargetCopyResultSchema = z.object({ copied: z.number().int(), year: z.number().int() });
