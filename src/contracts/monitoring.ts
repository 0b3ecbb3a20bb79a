import { z } from 'zod';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';
import { IsoDateSchema } from './reference.js';

/**
 * Lights and forecast (红黄绿灯·预测): year-to-date investment against the plan due by now,
 * per project, unit and city; the year-end forecast from the city's seasonal profile; the
 * early warnings of commitments likely to be missed.
 */
export const LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
export type LightColour = (typeof LIGHTS)[number];
/** 红黄榜: the red list praises projects ahead of schedule, the yellow list names the lagging ones. */
export const HONOUR_LISTS = ['red', 'yellow'] as const;
export type HonourListKind = (typeof HONOUR_LISTS)[number];

export const MonitoringQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    /** Default: today (Asia/Shanghai). The figures count the months completed by then. */
    asOf: IsoDateSchema.optional(),
    /** Look inside one unit (its children become the rows). */
    unitId: IdSchema.optional(),
  })
  .strict();
export type MonitoringQuery = z.infer<typeof MonitoringQuerySchema>;

export const LightReasonSchema = z.object({ key: z.string(), message: z.string() });

const Figures = {
  /** Annual plan (sum of the projects' plans for the year). */
  plan: z.string(),
  /** Plan due by the end of the measured month. */
  dueByNow: z.string(),
  ytd: z.string(),
  /** ytd ÷ dueByNow, null without a plan due. */
  ratio: z.number().nullable(),
  light: z.enum(LIGHTS),
  /** Year-end forecast from ytd and the seasonal profile. */
  forecast: z.string(),
};

export const UnitLightSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** Whether the unit has units below it to look into. */
  hasChildren: z.boolean(),
  projects: z.number().int(),
  counts: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int(), none: z.number().int() }),
  ...Figures,
});
export type UnitLight = z.infer<typeof UnitLightSchema>;

export const TrajectorySchema = z.object({
  planCumulative: z.array(z.string()),
  actualCumulative: z.array(z.string().nullable()),
  forecastCumulative: z.array(z.string().nullable()),
});

export const MonitoringOverviewSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  /** The last month counted (0 before any month of the year is over). */
  month: z.number().int(),
  scope: z.object({ unitId: z.number().nullable(), unitName: z.string() }),
  total: z.object({
    projects: z.number().int(),
    counts: UnitLightSchema.shape.counts,
    /** How many projects are on the red and on the yellow list (红黄榜). */
    honours: z.object({ red: z.number().int(), yellow: z.number().int() }),
    ...Figures,
  }),
  units: z.array(UnitLightSchema),
  trajectory: TrajectorySchema,
  /** Where the seasonal profile comes from: the city's past reports, or the default. */
  profile: z.object({ source: z.enum(['learnt', 'default']), years: z.array(z.number().int()), shares: z.array(z.number()) }),
  warnings: z.number().int(),
});
export type MonitoringOverview = z.infer<typeof MonitoringOverviewSchema>;

export const ProjectLightQuerySchema = MonitoringQuerySchema.extend({
  light: z.enum(LIGHTS).optional(),
  honour: z.enum(HONOUR_LISTS).optional(),
})
  .merge(PageQuerySchema)
  .strict();

export const ProjectLightSchema = z.object({
  projectId: z.number(),
  projectName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  ...Figures,
  /** On the red or the yellow list (红黄榜), or neither. */
  honour: z.enum(HONOUR_LISTS).nullable(),
  reasons: z.array(LightReasonSchema),
});
export type ProjectLight = z.infer<typeof ProjectLightSchema>;
export const ProjectLightPageSchema = pageOf(ProjectLightSchema);

export const WARNING_KINDS = ['forecastShort', 'plannedAfterDeadline', 'noPlannedDate', 'deadlineSoon', 'startsShort'] as const;

export const EarlyWarningSchema = z.object({
  letterId: z.number(),
  itemId: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  itemKind: z.string(),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  deadline: z.string(),
  kind: z.enum(WARNING_KINDS),
  message: z.string(),
});
export type EarlyWarning = z.infer<typeof EarlyWarningSchema>;
export const EarlyWarningListSchema = z.object({ asOf: z.string(), items: z.array(EarlyWarningSchema) });

/** GeoJSON of the county-level units; `unitId` ties a feature to its unit (null when the unit is not in the tree). */
/** Which of the last six years (this one first) have data in a unit: the year a page opens on. */
export const MonitoringYearsQuerySchema = z.object({ unitId: IdSchema.optional() }).strict();
export const MonitoringYearsSchema = z.object({
  /** Newest first: the years with a project plan or a monthly report under the unit. */
  years: z.array(z.number().int()),
});

export const UnitMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string(), unitId: z.number().nullable() }),
      geometry: z.unknown(),
    }),
  ),
});

export const PackQuerySchema = z
  .object({
    unitId: IdSchema,
    year: z.coerce.number().int().min(2000).max(2100),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
  })
  .strict();
