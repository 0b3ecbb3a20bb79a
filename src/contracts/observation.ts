import { z } from 'zod';
import { IdSchema, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { ROLES } from './permissions.js';
import { IsoDateSchema } from './reference.js';

/**
 * On-site observation (现场观摩制): a tour visits chosen projects (观摩点位); each judge (评委)
 * scores each site on weighted criteria; a site's score drops the highest and the lowest
 * judge once five or more have scored it; a unit's score is the mean of its sites' scores.
 * A tour is drafted, opened for scoring, then closed (the scores are final).
 */
export const OBSERVATION_STATUSES = ['draft', 'scoring', 'closed'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export const OBSERVATION_LIMITS = {
  criteriaMax: 12,
  sitesMax: 60,
  judgesMax: 30,
  noteMax: 500,
  /** From this many judges on a site, its highest and lowest judge are dropped. */
  trimFrom: 5,
  pointsMax: 100,
  weightMax: 100,
  photosPerSite: 30,
} as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const ObservationCriterionSchema = z
  .object({
    /** Stable key of the criterion within the tour (the scores refer to it). */
    key: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/),
    nameZh: Text(30),
    nameEn: Text(60),
    weight: z.number().int().min(1).max(OBSERVATION_LIMITS.weightMax),
  })
  .strict();
export type ObservationCriterion = z.infer<typeof ObservationCriterionSchema>;

/** The criteria a new tour starts with (PRODUCT §2.6); the operator edits them per tour. */
export const DEFAULT_OBSERVATION_CRITERIA: readonly ObservationCriterion[] = [
  { key: 'scale', nameZh: '投资规模', nameEn: 'Scale of investment', weight: 30 },
  { key: 'progress', nameZh: '建设进度', nameEn: 'Construction progress', weight: 30 },
  { key: 'technology', nameZh: '科技含量', nameEn: 'Technology', weight: 20 },
  { key: 'land', nameZh: '集约用地', nameEn: 'Land efficiency', weight: 20 },
];

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

const CriteriaSchema = z
  .array(ObservationCriterionSchema)
  .min(1)
  .max(OBSERVATION_LIMITS.criteriaMax)
  .refine((c) => distinct(c.map((x) => x.key)), { message: 'observation.duplicateCriterion' });
const SitesSchema = z
  .array(IdSchema)
  .min(1)
  .max(OBSERVATION_LIMITS.sitesMax)
  .refine((ids) => distinct(ids), { message: 'observation.duplicateItem' });
const JudgesSchema = z
  .array(IdSchema)
  .min(1)
  .max(OBSERVATION_LIMITS.judgesMax)
  .refine((ids) => distinct(ids), { message: 'observation.duplicateItem' });

export const CreateTourSchema = z
  .object({
    title: Text(100),
    year: z.number().int().min(2000).max(2100),
    /** The quarter's tour (季度观摩); null for a tour outside the quarterly rhythm. */
    quarter: z.number().int().min(1).max(4).nullable(),
    heldOn: IsoDateSchema,
    criteria: CriteriaSchema,
    /** The projects visited, in the order of the route. */
    projectIds: SitesSchema,
    judgeUserIds: JudgesSchema,
  })
  .strict();
export type CreateTour = z.infer<typeof CreateTourSchema>;

/** Only a draft is edited; what is given replaces what was there. */
export const UpdateTourSchema = z
  .object({
    version: VersionSchema,
    title: Text(100).optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    quarter: z.number().int().min(1).max(4).nullable().optional(),
    heldOn: IsoDateSchema.optional(),
    criteria: CriteriaSchema.optional(),
    projectIds: SitesSchema.optional(),
    judgeUserIds: JudgesSchema.optional(),
  })
  .strict();
export type UpdateTour = z.infer<typeof UpdateTourSchema>;

/** Open for scoring (draft → scoring) or close (scoring → closed). */
export const TourTransitionSchema = z.object({ version: VersionSchema }).strict();

export const TourSiteParamsSchema = z.object({ id: IdSchema, projectId: IdSchema }).strict();

/** A judge's score of one site: points 0–100 for every criterion of the tour. */
export const SiteScoreInputSchema = z
  .object({
    points: z.record(z.string().max(30), z.number().int().min(0).max(OBSERVATION_LIMITS.pointsMax)),
    note: z.string().trim().max(OBSERVATION_LIMITS.noteMax).nullable().optional(),
  })
  .strict();
export type SiteScoreInput = z.infer<typeof SiteScoreInputSchema>;

export const TourListQuerySchema = PageQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(OBSERVATION_STATUSES).optional(),
  /** Only the tours being scored in which the caller, a judge, still has a site to score (待评分). */
  toScore: QueryBooleanSchema.optional(),
}).strict();
export type TourListQuery = z.infer<typeof TourListQuerySchema>;

export const TourSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  heldOn: z.string(),
  status: z.enum(OBSERVATION_STATUSES),
  siteCount: z.number().int(),
  judgeCount: z.number().int(),
  /** Scores given so far, of siteCount × judgeCount (less the recusals). */
  scoredCount: z.number().int(),
  expectedCount: z.number().int(),
  updatedAt: z.string(),
});
export type TourSummary = z.infer<typeof TourSummarySchema>;
export const TourPageSchema = pageOf(TourSummarySchema);

export const SiteScoreSchema = z.object({
  points: z.record(z.string(), z.number()),
  note: z.string().nullable(),
  /** Σ weight × points ÷ Σ weight, two decimals. */
  total: z.string(),
  scoredAt: z.string(),
});
export type SiteScore = z.infer<typeof SiteScoreSchema>;

/** A photo of a site taken on the tour (the report photos' types and size limit), with the camera's time and position when it kept them. */
export const TourPhotoSchema = z.object({
  id: z.number(),
  filename: z.string(),
  takenAt: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The caller added it (and may remove it while the tour is scored). */
  mine: z.boolean(),
});
export type TourPhoto = z.infer<typeof TourPhotoSchema>;

export const TourSiteSchema = z.object({
  projectId: z.number(),
  projectName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  position: z.number().int(),
  /** How many judges have scored it, of the `expectedBy` who may (the judges not standing aside from it). */
  scoredBy: z.number().int(),
  expectedBy: z.number().int(),
  /** The caller's own score, when the caller is a judge of the tour. */
  myScore: SiteScoreSchema.nullable(),
  /** The caller judges the tour but may not score this site: it is in the caller's own jurisdiction (回避). */
  recused: z.boolean(),
  photos: z.array(TourPhotoSchema),
});
export type TourSite = z.infer<typeof TourSiteSchema>;

/** Who may be named a judge: the city's active users who may score. */
export const JudgeCandidateSchema = z.object({
  userId: z.number(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeUnitId: z.number().nullable(),
  scopeUnitName: z.string().nullable(),
});
export type JudgeCandidate = z.infer<typeof JudgeCandidateSchema>;
export const TourJudgeSchema = JudgeCandidateSchema.extend({
  /** Sites this judge has scored, of `toScore`. */
  scored: z.number().int(),
  toScore: z.number().int(),
});
export type TourJudge = z.infer<typeof TourJudgeSchema>;

export const TourSchema = z.object({
  id: z.number(),
  title: z.string(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  heldOn: z.string(),
  status: z.enum(OBSERVATION_STATUSES),
  criteria: z.array(ObservationCriterionSchema),
  sites: z.array(TourSiteSchema),
  judges: z.array(TourJudgeSchema),
  /** The caller is one of the judges. */
  isJudge: z.boolean(),
  /** The caller may see the results now (closed, or the operator while scoring). */
  canSeeResults: z.boolean(),
  version: z.number().int(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tour = z.infer<typeof TourSchema>;

export const JudgeTotalSchema = z.object({
  userId: z.number(),
  displayName: z.string(),
  total: z.string(),
  /** This judge's total was dropped from the site's score (the highest or the lowest). */
  dropped: z.enum(['high', 'low']).nullable(),
  note: z.string().nullable(),
});

export const SiteResultSchema = z.object({
  projectId: z.number(),
  projectName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  judges: z.array(JudgeTotalSchema),
  /** Mean of the judges' totals (trimmed from five judges on), two decimals; null when nobody scored it. */
  score: z.string().nullable(),
  rank: z.number().int().nullable(),
});
export type SiteResult = z.infer<typeof SiteResultSchema>;

export const UnitResultSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** Mean of its scored sites' scores, two decimals. */
  score: z.string(),
  siteCount: z.number().int(),
  rank: z.number().int(),
});
export type UnitResult = z.infer<typeof UnitResultSchema>;

export const TourResultsSchema = z.object({
  tourId: z.number(),
  status: z.enum(OBSERVATION_STATUSES),
  trimFrom: z.number().int(),
  sites: z.array(SiteResultSchema),
  units: z.array(UnitResultSchema),
});
export type TourResults = z.infer<typeof TourResultsSchema>;

export const JudgeCandidateListSchema = z.object({ items: z.array(JudgeCandidateSchema) });

/** A unit's observation scores of a period, for the quarterly and annual packs. */
export const UnitObservationSchema = z.object({
  tourId: z.number(),
  title: z.string(),
  heldOn: z.string(),
  quarter: z.number().int().nullable(),
  score: z.string(),
  rank: z.number().int(),
  rankedUnits: z.number().int(),
});
export type UnitObservation = z.infer<typeof UnitObservationSchema>;
