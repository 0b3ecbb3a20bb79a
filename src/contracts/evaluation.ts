import { z } from 'zod';
import { IdSchema, LIMITS, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { UsccSchema } from './org.js';
import { IndustryCodeSchema, IsoDateSchema } from './reference.js';

/**
 * Industrial enterprise evaluation (工业企业高质量发展评价, 亩均论英雄): the register, the
 * annual data departments import, the methods (configuration, never code), runs and their
 * results, objections, and the city's views. The rules are in
 * src/server/modules/evaluation/domain/ and docs/decisions/0008-evaluation-methods.md.
 */

/** Annual data fields departments import, each in one fixed unit (the template's header says it). */
export const EVALUATION_DATA_FIELDS = [
  'tax',
  'salesRevenue',
  'mainRevenue',
  'valueAdded',
  'energyTce',
  'electricity',
  'pollutantEq',
  'rdSpending',
  'employees',
] as const;
export type EvaluationDataField = (typeof EVALUATION_DATA_FIELDS)[number];

/** Fields a formula may use: the annual data plus the land area from the register (on the method's land basis). */
export const FORMULA_FIELDS = [...EVALUATION_DATA_FIELDS, 'landMu'] as const;
export type FormulaField = (typeof FORMULA_FIELDS)[number];

/** Unit and names of each field (headers of the import template, labels in the UI). */
export const FIELD_INFO: Readonly<Record<FormulaField, { unit: string; unitEn: string; nameZh: string; nameEn: string }>> = {
  tax: { unit: '万元', unitEn: '10k yuan', nameZh: '实缴税收', nameEn: 'Tax paid' },
  salesRevenue: { unit: '万元', unitEn: '10k yuan', nameZh: '销售收入', nameEn: 'Sales revenue' },
  mainRevenue: { unit: '万元', unitEn: '10k yuan', nameZh: '主营业务收入', nameEn: 'Main business revenue' },
  valueAdded: { unit: '万元', unitEn: '10k yuan', nameZh: '工业增加值', nameEn: 'Industrial value added' },
  energyTce: { unit: '吨标准煤', unitEn: 'tce', nameZh: '综合能耗（等价值）', nameEn: 'Total energy use (equivalent)' },
  electricity: { unit: '万千瓦时', unitEn: '10k kWh', nameZh: '用电量', nameEn: 'Electricity used' },
  pollutantEq: { unit: '吨', unitEn: 't', nameZh: '主要污染物排放当量', nameEn: 'Main pollutant equivalents' },
  rdSpending: { unit: '万元', unitEn: '10k yuan', nameZh: '研发经费支出', nameEn: 'R&D spending' },
  employees: { unit: '人', unitEn: 'persons', nameZh: '年平均职工人数', nameEn: 'Average employees' },
  landMu: { unit: '亩', unitEn: 'mu', nameZh: '用地面积', nameEn: 'Land area' },
};

/**
 * A decimal ≥ 0 with at most 4 decimals, as a string (exact in storage, like money): data
 * values, land areas. Negative values are refused with their own message.
 */
export const DecimalSchema = z
  .string()
  .trim()
  .refine((s) => !s.startsWith('-'), 'evaluation.negative')
  .refine((s) => s.startsWith('-') || /^\d{1,14}(\.\d{1,4})?$/.test(s), 'evaluation.decimal');

export const YearSchema = z.coerce.number().int().min(2000).max(2100);

export const SCALES = ['above', 'below'] as const;
export type Scale = (typeof SCALES)[number];

/** Built-in exemption flags of the register; methods may name others (`otherFlags`). */
export const EXEMPTION_FLAGS = ['utility', 'underConstruction', 'taxSupport', 'publicInterest'] as const;
const FlagKeySchema = z.string().regex(/^[a-z][a-zA-Z0-9_]{1,39}$/, 'settings.key');

// ---------------------------------------------------------------- the register

export const RegisterEntryInputSchema = z
  .object({
    uscc: UsccSchema,
    parkId: IdSchema.nullable().optional(),
    industryCode: IndustryCodeSchema,
    scale: z.enum(SCALES),
    landOwnedMu: DecimalSchema,
    landLeasedMu: DecimalSchema.default('0'),
    /** First year in production (start-ups are exempt for a few years by most methods). */
    productionStartYear: z.number().int().min(1900).max(2100).nullable().optional(),
    flags: z.array(FlagKeySchema).max(20).default([]),
  })
  .strict();
export type RegisterEntryInput = z.infer<typeof RegisterEntryInputSchema>;

export const PutRegisterSchema = z.object({ items: z.array(RegisterEntryInputSchema).min(1).max(5000) }).strict();
export type PutRegister = z.infer<typeof PutRegisterSchema>;

export const RegisterEntrySchema = z.object({
  enterpriseId: z.number(),
  uscc: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  parkId: z.number().nullable(),
  parkName: z.string().nullable(),
  industryCode: z.string(),
  scale: z.enum(SCALES),
  landOwnedMu: z.string(),
  landLeasedMu: z.string(),
  productionStartYear: z.number().nullable(),
  flags: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;
export const RegisterQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  /** The enterprise's unit and everything below it (a county takes its parks). */
  unitId: IdSchema.optional(),
  parkId: IdSchema.optional(),
  industryCode: IndustryCodeSchema.optional(),
  scale: z.enum(SCALES).optional(),
  /** Entries carrying this register flag (utility, underConstruction …). */
  flag: FlagKeySchema.optional(),
}).strict();
export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;
export const RegisterPageSchema = pageOf(RegisterEntrySchema);
export const PutRegisterResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

// ---------------------------------------------------------------- imported data

export const DataValueSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  uscc: z.string(),
  enterpriseName: z.string(),
  year: z.number().int(),
  field: z.enum(EVALUATION_DATA_FIELDS),
  value: z.string(),
  sourceUnitId: z.number(),
  sourceUnitName: z.string(),
  filename: z.string().nullable(),
  importJobId: z.number().nullable(),
  importedAt: z.string(),
});
export type DataValue = z.infer<typeof DataValueSchema>;
export const DataQuerySchema = PageQuerySchema.extend({
  year: YearSchema,
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  field: z.enum(EVALUATION_DATA_FIELDS).optional(),
}).strict();
export type DataQuery = z.infer<typeof DataQuerySchema>;
export const DataPageSchema = pageOf(DataValueSchema);

/** Two sources gave different values for the same enterprise, year and field. */
export const ConflictSchema = z.object({
  enterpriseId: z.number(),
  uscc: z.string(),
  enterpriseName: z.string(),
  year: z.number().int(),
  field: z.enum(EVALUATION_DATA_FIELDS),
  values: z.array(z.object({ sourceUnitId: z.number(), sourceUnitName: z.string(), value: z.string(), importedAt: z.string() })),
  /** The source the operator chose, or null while unresolved. */
  chosenSourceUnitId: z.number().nullable(),
  reason: z.string().nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;
export const ConflictQuerySchema = z.object({ year: YearSchema, isResolved: QueryBooleanSchema.optional() }).strict();
export const ConflictListSchema = z.object({ items: z.array(ConflictSchema) });
export const ResolveConflictSchema = z
  .object({
    enterpriseId: IdSchema,
    year: z.number().int().min(2000).max(2100),
    field: z.enum(EVALUATION_DATA_FIELDS),
    sourceUnitId: IdSchema,
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type ResolveConflict = z.infer<typeof ResolveConflictSchema>;

/** A department's upload of evaluation data: who sent it, the file, when, and how many of its values are in force. */
export const DataImportSchema = z.object({
  id: z.number(),
  status: z.enum(['running', 'succeeded', 'failed']),
  filename: z.string(),
  /** The department (the uploader's unit; the city for the city's operator). */
  sourceUnitId: z.number().nullable(),
  sourceUnitName: z.string().nullable(),
  importedBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  totalRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  unchangedCount: z.number().int(),
  errorCount: z.number().int(),
  hasAnnotatedWorkbook: z.boolean(),
  /** Values of this file still in force (a later file of the same source replaces changed ones), and their years. */
  values: z.number().int(),
  years: z.array(z.number().int()),
});
export type DataImport = z.infer<typeof DataImportSchema>;
/** Every import of the city for its operator; a department sees its own uploads. */
export const DataImportQuerySchema = PageQuerySchema.extend({ year: YearSchema.optional() }).strict();
export type DataImportQuery = z.infer<typeof DataImportQuerySchema>;
export const DataImportPageSchema = pageOf(DataImportSchema);

// ---------------------------------------------------------------- methods (configuration)

const KeySchema = z.string().regex(/^[a-z][a-zA-Z0-9_]{1,39}$/, 'settings.key');
const LabelSchema = z.string().trim().min(1).max(100);
const ClassCodeSchema = z.string().regex(/^[A-Z][A-Z0-9]{0,3}$/, 'validation.invalidFormat');

/**
 * How an indicator's benchmark is set:
 * - `fixed`: a published value (Huangyan);
 * - `previousAverage`: factor × last year's average of the peers (Huai'an: 2×); falls back to
 *   this year's average when last year has no data (listed in the run's notes);
 * - `currentAverage`: factor × this year's average of the peers;
 * - `percentile`: the value at this percentile of the peers' values (100 = the best performer).
 * Peers are the enterprises of the group that are scored (not exempt), city-wide or within the
 * enterprise's county (`scope`). The average is the pooled ratio Σ numerator ÷ Σ denominator
 * (`average: 'pooled'`, as statistics offices publish 亩均税收) or the mean of the ratios.
 */
export const BenchmarkRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: z.number().positive().finite() }).strict(),
  z
    .object({
      kind: z.literal('previousAverage'),
      factor: z.number().positive().finite(),
      scope: z.enum(['city', 'county']).default('city'),
      average: z.enum(['pooled', 'mean']).default('pooled'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('currentAverage'),
      factor: z.number().positive().finite(),
      scope: z.enum(['city', 'county']).default('city'),
      average: z.enum(['pooled', 'mean']).default('pooled'),
    })
    .strict(),
  z
    .object({ kind: z.literal('percentile'), percentile: z.number().min(1).max(100), scope: z.enum(['city', 'county']).default('city') })
    .strict(),
]);
export type BenchmarkRule = z.infer<typeof BenchmarkRuleSchema>;

/**
 * What happens when an enterprise has no value for an indicator (a field missing, or a zero
 * denominator): `zero` points, the group's `groupAverage` points on that indicator (Huangyan,
 * emissions), or `notEvaluated` (the enterprise gets no score and is listed).
 */
export const MISSING_RULES = ['zero', 'groupAverage', 'notEvaluated'] as const;

export const IndicatorSchema = z
  .object({
    key: KeySchema,
    nameZh: LabelSchema,
    nameEn: LabelSchema,
    numerator: z.enum(FORMULA_FIELDS),
    /** null: the numerator itself is the indicator value. */
    denominator: z.enum(FORMULA_FIELDS).nullable(),
    direction: z.enum(['higher', 'lower']),
    weight: z.number().positive().max(1000),
    benchmark: BenchmarkRuleSchema,
    /** Points are at most cap × weight (e.g. 1 caps at the weight); null: no cap. Required for `lower`. */
    cap: z.number().positive().max(100).nullable().default(null),
    missing: z.enum(MISSING_RULES).default('zero'),
  })
  .strict()
  .refine((i) => i.direction === 'higher' || i.cap !== null, { message: 'evaluation.capRequired', path: ['cap'] });
export type Indicator = z.infer<typeof IndicatorSchema>;

/** Which enterprises a group takes (conditions all hold; groups are tried in order, the first match wins). */
export const GroupConditionSchema = z
  .object({
    scale: z.enum(SCALES).optional(),
    /** Land area (on the method's basis) at least this many mu. */
    landMuAtLeast: z.number().min(0).optional(),
    /** Land area below this many mu. */
    landMuBelow: z.number().positive().optional(),
    /** Tenants without industrial land: false; with land: true. */
    hasLand: z.boolean().optional(),
  })
  .strict();

export const GroupSchema = z
  .object({
    key: KeySchema,
    nameZh: LabelSchema,
    nameEn: LabelSchema,
    when: GroupConditionSchema,
    indicators: z.array(IndicatorSchema).min(1).max(20),
  })
  .strict()
  .refine((g) => new Set(g.indicators.map((i) => i.key)).size === g.indicators.length, {
    message: 'settings.duplicateKey',
    path: ['indicators'],
  });

/** A bonus or penalty item: points entered per enterprise and year, with evidence. */
export const AdjustmentItemSchema = z
  .object({
    key: KeySchema,
    nameZh: LabelSchema,
    nameEn: LabelSchema,
    kind: z.enum(['bonus', 'penalty']),
    /** Points of one occurrence (default of an entry). */
    points: z.number().positive().max(100),
    /** Most points an enterprise may get (or lose) on this item in a year. */
    maxPoints: z.number().positive().max(100),
  })
  .strict();
export type AdjustmentItem = z.infer<typeof AdjustmentItemSchema>;

/**
 * Exempt enterprises (T / 不定等级) are not scored, ranked or classed:
 * - `flag`: the register carries the flag (utility, underConstruction, …);
 * - `startup`: in production for fewer than `years` years in the evaluated year;
 * - `industry`: GB/T 4754 divisions (e.g. 44–46 power, gas, water supply).
 */
export const ExemptionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ key: KeySchema, nameZh: LabelSchema, nameEn: LabelSchema, kind: z.literal('flag'), flag: FlagKeySchema }).strict(),
  z
    .object({
      key: KeySchema,
      nameZh: LabelSchema,
      nameEn: LabelSchema,
      kind: z.literal('startup'),
      years: z.number().int().min(1).max(10),
    })
    .strict(),
  z
    .object({
      key: KeySchema,
      nameZh: LabelSchema,
      nameEn: LabelSchema,
      kind: z.literal('industry'),
      codes: z.array(IndustryCodeSchema).min(1).max(100),
    })
    .strict(),
]);
export type ExemptionRule = z.infer<typeof ExemptionRuleSchema>;

/**
 * Classing, per group and per scope (the whole city or each county):
 * - `percentile`: sorted by score (best first), position p of n is in the first band with
 *   p ≤ floor(n × upToPercent / 100) (`rounding: 'floor'`) or round-half-up (`nearest`); the
 *   last band takes the rest. Equal scores share the class of the best of them, so a class
 *   exceeds its share only through ties.
 * - `threshold`: the first band whose minScore the score reaches (the last band has none).
 */
export const ClassingSchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('percentile'),
      scope: z.enum(['city', 'county']),
      rounding: z.enum(['floor', 'nearest']).default('floor'),
      bands: z
        .array(z.object({ code: ClassCodeSchema, upToPercent: z.number().gt(0).max(100) }).strict())
        .min(2)
        .max(8)
        .refine((b) => b.every((x, i) => i === 0 || x.upToPercent > b[i - 1]!.upToPercent) && b.at(-1)?.upToPercent === 100, {
          message: 'evaluation.bands',
        }),
    })
    .strict(),
  z
    .object({
      mode: z.literal('threshold'),
      scope: z.enum(['city', 'county']),
      bands: z
        .array(z.object({ code: ClassCodeSchema, minScore: z.number().nullable() }).strict())
        .min(2)
        .max(8)
        .refine(
          (b) =>
            b.at(-1)?.minScore === null &&
            b
              .slice(0, -1)
              .every((x, i) => x.minScore !== null && (i === 0 || x.minScore < (b[i - 1]!.minScore ?? Number.POSITIVE_INFINITY))),
          { message: 'evaluation.bands' },
        ),
    })
    .strict(),
]);
export type Classing = z.infer<typeof ClassingSchema>;

export const POLICY_KINDS = ['land', 'electricity', 'water', 'gas', 'sewage', 'energyQuota', 'credit', 'subsidy', 'other'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export const PolicySchema = z
  .object({
    kind: z.enum(POLICY_KINDS),
    textZh: z.string().trim().min(1).max(500),
    textEn: z.string().trim().max(500).default(''),
    /** e.g. { surchargeYuanPerKwh: 0.1 } or { priority: 'first' }. */
    parameters: z.record(z.string().max(40), z.union([z.number(), z.string().max(100), z.boolean()])).default({}),
  })
  .strict();

export const ClassInfoSchema = z
  .object({ code: ClassCodeSchema, nameZh: LabelSchema, nameEn: LabelSchema, policies: z.array(PolicySchema).max(20).default([]) })
  .strict();

export const MethodConfigSchema = z
  .object({
    /** Land area in formulas: owned land only, or owned plus leased. */
    landBasis: z.enum(['owned', 'ownedPlusLeased']).default('ownedPlusLeased'),
    groups: z.array(GroupSchema).min(1).max(10),
    adjustments: z.array(AdjustmentItemSchema).max(50).default([]),
    exemptions: z.array(ExemptionRuleSchema).max(20).default([]),
    classing: ClassingSchema,
    /** Every class code of the bands, with its name and policies. */
    classes: z.array(ClassInfoSchema).min(2).max(8),
    /** The bucket of exempt enterprises: its label, and the class whose policies apply to them (or none). */
    exempt: z.object({ code: ClassCodeSchema, nameZh: LabelSchema, nameEn: LabelSchema, managedAs: ClassCodeSchema.nullable() }).strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const codes = new Set(c.classes.map((x) => x.code));
    c.classing.bands.forEach((b, i) => {
      if (!codes.has(b.code)) ctx.addIssue({ code: 'custom', message: 'evaluation.unknownClass', path: ['classing', 'bands', i, 'code'] });
    });
    if (c.exempt.managedAs && !codes.has(c.exempt.managedAs))
      ctx.addIssue({ code: 'custom', message: 'evaluation.unknownClass', path: ['exempt', 'managedAs'] });
    const keys = (xs: { key: string }[], path: string) => {
      if (new Set(xs.map((x) => x.key)).size !== xs.length)
        ctx.addIssue({ code: 'custom', message: 'settings.duplicateKey', path: [path] });
    };
    keys(c.groups, 'groups');
    keys(c.adjustments, 'adjustments');
    keys(c.exemptions, 'exemptions');
  });
export type MethodConfig = z.infer<typeof MethodConfigSchema>;
export type MethodConfigInput = z.input<typeof MethodConfigSchema>;

export const MethodSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  /** Where it was copied from: a preset key ('preset:huaian') or another method ('method:12'). */
  basedOn: z.string().nullable(),
  config: MethodConfigSchema,
  /** Frozen once a year's results computed with it are published: copy it to change anything. */
  isFrozen: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Method = z.infer<typeof MethodSchema>;
export const MethodListSchema = z.object({ items: z.array(MethodSchema) });

export const MethodPresetSchema = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  source: z.string(),
  /** What the standards file could not verify, stated per preset. */
  caveats: z.array(z.string()),
  config: MethodConfigSchema,
});
export const MethodPresetListSchema = z.object({ items: z.array(MethodPresetSchema) });

export const CreateMethodSchema = z
  .object({
    name: LabelSchema,
    description: z.string().trim().max(2000).nullable().optional(),
    /** Start from a preset or a method of the city; or give the whole config. Exactly one. */
    copyOfPreset: z.string().max(40).optional(),
    copyOfMethodId: IdSchema.optional(),
    config: MethodConfigSchema.optional(),
  })
  .strict()
  .refine((m) => [m.copyOfPreset, m.copyOfMethodId, m.config].filter((x) => x !== undefined).length === 1, {
    message: 'evaluation.methodSource',
    path: ['config'],
  });
export type CreateMethod = z.infer<typeof CreateMethodSchema>;

export const UpdateMethodSchema = z
  .object({
    version: VersionSchema,
    name: LabelSchema.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    config: MethodConfigSchema.optional(),
  })
  .strict();
export type UpdateMethod = z.infer<typeof UpdateMethodSchema>;

// ---------------------------------------------------------------- adjustments (bonus / penalty entries)

export const AdjustmentSchema = z.object({
  id: z.number(),
  year: z.number().int(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  itemKey: z.string(),
  points: z.string(),
  evidence: z.string(),
  createdAt: z.string(),
});
export type Adjustment = z.infer<typeof AdjustmentSchema>;
export const AdjustmentListSchema = z.object({ items: z.array(AdjustmentSchema) });
export const AdjustmentQuerySchema = z.object({ year: YearSchema }).strict();
export const CreateAdjustmentSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    enterpriseId: IdSchema,
    itemKey: KeySchema,
    /** Defaults to the item's points; at most its maxPoints. */
    points: z.number().positive().max(100).optional(),
    evidence: z.string().trim().min(1).max(2000),
  })
  .strict();
export type CreateAdjustment = z.infer<typeof CreateAdjustmentSchema>;

// ---------------------------------------------------------------- runs and results

export const RUN_STATUSES = ['draft', 'published', 'final', 'superseded'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RESULT_STATUSES = ['classed', 'exempt', 'notCovered', 'insufficientData'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const CreateRunSchema = z.object({ year: z.number().int().min(2000).max(2100), methodId: IdSchema }).strict();
export type CreateRun = z.infer<typeof CreateRunSchema>;
export const PublishRunSchema = z.object({ objectionDeadline: IsoDateSchema }).strict();

export const RunSchema = z.object({
  id: z.number(),
  year: z.number().int(),
  methodId: z.number(),
  methodName: z.string(),
  /** 1, 2 …: a re-run of the same year after corrections is a new version. */
  runNo: z.number().int(),
  status: z.enum(RUN_STATUSES),
  objectionDeadline: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  classCounts: z.record(z.string(), z.number().int()),
  /** Benchmarks per group and indicator (per county when the rule is county-scoped). */
  benchmarks: z.array(
    z.object({ group: z.string(), indicator: z.string(), countyId: z.number().nullable(), value: z.number(), note: z.string().nullable() }),
  ),
  notes: z.array(z.string()),
  config: MethodConfigSchema,
});
export type Run = z.infer<typeof RunSchema>;
export const RunListSchema = z.object({ items: z.array(RunSchema.omit({ config: true, benchmarks: true })) });
export const RunListQuerySchema = z.object({ year: YearSchema.optional() }).strict();

export const IndicatorResultSchema = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  numerator: z.string(),
  denominator: z.string().nullable(),
  numeratorValue: z.number().nullable(),
  denominatorValue: z.number().nullable(),
  /** The ratio, or null when it could not be computed (missing field, zero denominator). */
  value: z.number().nullable(),
  benchmark: z.number(),
  weight: z.number(),
  cap: z.number().nullable(),
  points: z.number(),
  /** How missing data was handled: null when the value was there. */
  missing: z.enum(['missingField', 'zeroDenominator']).nullable(),
  missingRule: z.enum(MISSING_RULES).nullable(),
});
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

export const ResultSchema = z.object({
  enterpriseId: z.number(),
  uscc: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  countyId: z.number().nullable(),
  countyName: z.string().nullable(),
  parkId: z.number().nullable(),
  parkName: z.string().nullable(),
  industryCode: z.string(),
  scale: z.enum(SCALES),
  landMu: z.number(),
  group: z.string().nullable(),
  status: z.enum(RESULT_STATUSES),
  /** Exemption rule keys (status exempt) or the indicators lacking data (insufficientData). */
  reasons: z.array(z.string()),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  rankOf: z.number().int().nullable(),
  class: z.string().nullable(),
  hasMissingData: z.boolean(),
});
export type Result = z.infer<typeof ResultSchema>;
export const ResultQuerySchema = PageQuerySchema.extend({
  group: z.string().max(40).optional(),
  class: z.string().max(4).optional(),
  status: z.enum(RESULT_STATUSES).optional(),
  unitId: IdSchema.optional(),
  hasMissingData: QueryBooleanSchema.optional(),
  q: z.string().trim().max(LIMITS.searchMax).optional(),
}).strict();
export type ResultQuery = z.infer<typeof ResultQuerySchema>;
export const ResultPageSchema = pageOf(ResultSchema.extend({ id: z.number() }));

export const RunEnterpriseParamsSchema = z.object({ id: IdSchema, enterpriseId: IdSchema }).strict();

/** The enterprise's own view: everything behind its score, and what would move it up. */
export const ExplanationSchema = z.object({
  run: RunSchema.pick({ id: true, year: true, runNo: true, status: true, objectionDeadline: true, methodName: true }),
  result: ResultSchema,
  className: z.string().nullable(),
  policies: z.array(PolicySchema),
  indicators: z.array(IndicatorResultSchema),
  adjustments: z.array(
    z.object({ itemKey: z.string(), nameZh: z.string(), kind: z.enum(['bonus', 'penalty']), points: z.number(), evidence: z.string() }),
  ),
  /** The next better class and the score it takes (its lowest member's score, or its threshold). */
  nextClass: z.object({ code: z.string(), scoreNeeded: z.number(), gap: z.number() }).nullable(),
  /** Per indicator, holding the others and the benchmarks: the value it would need, or null when it cannot close the gap (cap). */
  whatIf: z.array(
    z.object({
      indicator: z.string(),
      valueNeeded: z.number().nullable(),
      /** The change in the numerator field (e.g. +120 万元 of tax) at today's denominator. */
      numeratorChange: z.number().nullable(),
      unit: z.string(),
    }),
  ),
  previousClass: z.string().nullable(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const DistributionQuerySchema = z.object({ by: z.enum(['park', 'industry', 'unit', 'group']) }).strict();
export const DistributionSchema = z.object({
  by: z.enum(['park', 'industry', 'unit', 'group']),
  classes: z.array(z.string()),
  rows: z.array(z.object({ key: z.string(), name: z.string(), total: z.number().int(), counts: z.record(z.string(), z.number().int()) })),
});

export const MovesQuerySchema = z.object({ year: YearSchema }).strict();
export const MovesSchema = z.object({
  year: z.number().int(),
  previousYear: z.number().int(),
  runId: z.number().nullable(),
  previousRunId: z.number().nullable(),
  /** from class (or '-' when not classed last year) → to class → count. */
  matrix: z.record(z.string(), z.record(z.string(), z.number().int())),
  up: z.number().int(),
  down: z.number().int(),
  same: z.number().int(),
});

export const PolicyListQuerySchema = z.object({ kind: z.enum(POLICY_KINDS) }).strict();
export const PolicyListSchema = z.object({
  kind: z.enum(POLICY_KINDS),
  items: z.array(
    z.object({
      enterpriseId: z.number(),
      uscc: z.string(),
      name: z.string(),
      unitId: z.number(),
      unitName: z.string(),
      class: z.string(),
      score: z.number().nullable(),
      policy: z.string(),
      /** The policy's English text, empty when the method gives none. */
      policyEn: z.string(),
      parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    }),
  ),
});

// ---------------------------------------------------------------- objections

export const OBJECTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const CreateObjectionSchema = z
  .object({
    text: z.string().trim().min(1).max(2000),
    evidence: z.string().trim().min(1).max(4000),
  })
  .strict();
export const ResolveObjectionSchema = z
  .object({ decision: z.enum(['accept', 'reject']), reason: z.string().trim().min(1).max(2000) })
  .strict();
export const ObjectionSchema = z.object({
  id: z.number(),
  runId: z.number(),
  year: z.number().int(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  text: z.string(),
  evidence: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ObjectionSchema>;
export const ObjectionListQuerySchema = z.object({ runId: IdSchema.optional(), status: z.enum(OBJECTION_STATUSES).optional() }).strict();
export const ObjectionListSchema = z.object({ items: z.array(ObjectionSchema) });
