import { z } from 'zod';
import { IdSchema, LIMITS, PageQuerySchema, VersionSchema, pageOf } from './common.js';
import { MoneySchema } from './money.js';
import { UsccSchema } from './org.js';
import { IndustryCodeSchema, IsoDateSchema } from './reference.js';

export const PROJECT_CATEGORIES = ['industrial', 'infrastructure', 'social', 'ecological', 'agricultural', 'service', 'other'] as const;
export const PROJECT_LEVELS = ['provincial', 'city', 'county'] as const;
export const PROJECT_KINDS = ['new', 'continuing', 'preparatory'] as const;
export const MILESTONE_KINDS = ['filing', 'land', 'permits', 'start', 'topping_out', 'completion', 'production'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
/** Derived from the actual milestone dates: no start yet, started, completed, producing. */
export const PROJECT_STAGES = ['preparing', 'under_construction', 'completed', 'in_production'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/**
 * National investment project code (项目代码, GB/T 40058-2021): 4-6-2-2-6 with hyphens,
 * 24 characters, e.g. 2201-430400-04-01-123456. The last segment may hold capital letters
 * until its check rule is confirmed (shared/standards/project-code.md).
 */
export const PROJECT_CODE_PATTERN = /^\d{4}-\d{6}-\d{2}-\d{2}-[0-9A-Z]{6}$/;
export const ProjectCodeSchema = z.string().trim().toUpperCase().regex(PROJECT_CODE_PATTERN, 'projectCode.invalid');

/**
 * Which generation of code this is, by the heuristic of project-code.md: digits 3–4 of
 * 01–12 read as a month (the 2020-11 format, YYMM), 13–20 as a year (the older YYYY).
 */
export function projectCodeGeneration(code: string): 'current' | 'legacy' | 'unknown' {
  const yy = Number(code.slice(2, 4));
  if (yy >= 1 && yy <= 12) return 'current';
  if (yy >= 13 && yy <= 20) return 'legacy';
  return 'unknown';
}

const Coordinate = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();

export const MilestoneInputSchema = z
  .object({ kind: z.enum(MILESTONE_KINDS), plannedOn: IsoDateSchema.nullable().optional(), actualOn: IsoDateSchema.nullable().optional() })
  .strict();
export const TaskForceMemberSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    role: z.string().trim().min(1).max(50),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-\s]{5,20}$/)
      .nullable()
      .optional(),
  })
  .strict();
export const AnnualPlanInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    plannedInvestment: MoneySchema,
    /** Twelve monthly amounts (January first), or none. */
    monthly: z.array(MoneySchema).length(12).nullable().optional(),
  })
  .strict();
export type AnnualPlanInput = z.infer<typeof AnnualPlanInputSchema>;

const ProjectFields = {
  code: ProjectCodeSchema.nullable().optional(),
  name: z.string().trim().min(1).max(200),
  /** The owner (项目业主) by credit code; registered as an enterprise of the project's unit when new. */
  ownerUscc: UsccSchema.nullable().optional(),
  ownerName: z.string().trim().min(1).max(LIMITS.nameMax).nullable().optional(),
  unitId: IdSchema,
  parkId: IdSchema.nullable().optional(),
  industryCode: IndustryCodeSchema,
  industryChain: z.string().trim().max(40).nullable().optional(),
  category: z.enum(PROJECT_CATEGORIES),
  level: z.enum(PROJECT_LEVELS),
  kind: z.enum(PROJECT_KINDS),
  totalInvestment: MoneySchema,
  plannedStartOn: IsoDateSchema.nullable().optional(),
  plannedEndOn: IsoDateSchema.nullable().optional(),
  latitude: Coordinate(-90, 90),
  longitude: Coordinate(-180, 180),
  liaisonLeaderUserId: IdSchema.nullable().optional(),
  responsibleUnitId: IdSchema.nullable().optional(),
  description: z.string().trim().max(4000).nullable().optional(),
  milestones: z.array(MilestoneInputSchema).max(MILESTONE_KINDS.length).optional(),
  taskForce: z.array(TaskForceMemberSchema).max(50).optional(),
  annualPlans: z.array(AnnualPlanInputSchema).max(20).optional(),
};

export const CreateProjectSchema = z.object(ProjectFields).strict();
export type CreateProject = z.infer<typeof CreateProjectSchema>;
export const UpdateProjectSchema = z.object(ProjectFields).partial().extend({ version: VersionSchema }).strict();
export type UpdateProject = z.infer<typeof UpdateProjectSchema>;

export const MilestoneSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  plannedOn: z.string().nullable(),
  actualOn: z.string().nullable(),
});
export const AnnualPlanSchema = z.object({
  year: z.number().int(),
  plannedInvestment: z.string(),
  monthly: z.array(z.string()).nullable(),
});

export const ProjectSummarySchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  name: z.string(),
  ownerEnterpriseId: z.number().nullable(),
  ownerName: z.string().nullable(),
  ownerUscc: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  parkId: z.number().nullable(),
  parkName: z.string().nullable(),
  industryCode: z.string(),
  industryChain: z.string().nullable(),
  category: z.enum(PROJECT_CATEGORIES),
  level: z.enum(PROJECT_LEVELS),
  kind: z.enum(PROJECT_KINDS),
  stage: z.enum(PROJECT_STAGES),
  totalInvestment: z.string(),
  plannedStartOn: z.string().nullable(),
  plannedEndOn: z.string().nullable(),
  liaisonLeaderUserId: z.number().nullable(),
  liaisonLeaderName: z.string().nullable(),
  responsibleUnitId: z.number().nullable(),
  responsibleUnitName: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const ProjectSchema = ProjectSummarySchema.extend({
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  description: z.string().nullable(),
  codeGeneration: z.enum(['current', 'legacy', 'unknown']).nullable(),
  milestones: z.array(MilestoneSchema),
  taskForce: z.array(z.object({ name: z.string(), role: z.string(), phone: z.string().nullable() })),
  annualPlans: z.array(AnnualPlanSchema),
  linkedDeals: z.array(
    z.object({
      id: z.number(),
      projectName: z.string(),
      investorName: z.string(),
      contractedAmount: z.string(),
      stage: z.string(),
      signedOn: z.string(),
    }),
  ),
  createdAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const PROJECT_SORTS = ['name', '-updatedAt', 'totalInvestment', '-totalInvestment', 'code', 'plannedStartOn'] as const;

export const ProjectListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  unitId: IdSchema.optional(),
  parkId: IdSchema.optional(),
  industryCode: z.string().trim().max(3).optional(),
  industryChain: z.string().trim().max(40).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  stage: z.enum(PROJECT_STAGES).optional(),
  leaderId: IdSchema.optional(),
  sort: z.enum(PROJECT_SORTS).default('-updatedAt'),
}).strict();
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;
export const ProjectPageSchema = pageOf(ProjectSummarySchema);

export const ProjectRevisionSchema = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  actorName: z.string().nullable(),
  source: z.enum(['form', 'import', 'deal']),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});
export const ProjectHistorySchema = z.object({ items: z.array(ProjectRevisionSchema) });

export const LeaderOptionSchema = z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string() })) });
