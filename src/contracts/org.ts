import { z } from 'zod';
import { IdSchema, LIMITS, PageQuerySchema, QueryBooleanSchema, VersionSchema, pageOf } from './common.js';
import { isValidUscc, normalizeUscc } from './uscc.js';

/** Kinds of organisational unit. County-level kinds follow GB/T 2260 (district / county / county-level city). */
export const UNIT_KINDS = [
  'city',
  'district',
  'county',
  'county_level_city',
  'park',
  'township',
  'department',
  'platform_company',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const COUNTY_LEVEL_KINDS: readonly UnitKind[] = ['district', 'county', 'county_level_city'];

/** Which parent kinds each kind of unit may hang under (the city has none). */
export const ALLOWED_PARENT_KINDS: Readonly<Record<UnitKind, readonly UnitKind[]>> = {
  city: [],
  district: ['city'],
  county: ['city'],
  county_level_city: ['city'],
  park: ['city', 'district', 'county', 'county_level_city'],
  township: ['district', 'county', 'county_level_city', 'park'],
  department: ['city'],
  platform_company: ['city', 'district', 'county', 'county_level_city'],
};

export const PARK_LEVELS = ['national', 'provincial', 'other'] as const;
export type ParkLevel = (typeof PARK_LEVELS)[number];

/** GB/T 2260 division codes (and NBS statistical-zone codes) have 6 digits. */
export const DivisionCodeSchema = z.string().regex(/^\d{6}$/, 'divisionCode.invalid');

export const UsccSchema = z.string().transform(normalizeUscc).refine(isValidUscc, 'uscc.invalid');

const NameSchema = z.string().trim().min(1).max(LIMITS.nameMax);

export const UnitSchema = z.object({
  id: z.number(),
  cityCode: z.string(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  parkLevel: z.enum(PARK_LEVELS).nullable(),
  isActive: z.boolean(),
  childCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const UnitListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  parentId: IdSchema.optional(),
  isActive: QueryBooleanSchema.optional(),
}).strict();
export type UnitListQuery = z.infer<typeof UnitListQuerySchema>;
export const UnitPageSchema = pageOf(UnitSchema);

export const UnitTreeNodeSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(UNIT_KINDS),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  isActive: z.boolean(),
});
export type UnitTreeNode = z.infer<typeof UnitTreeNodeSchema>;
export const UnitTreeSchema = z.object({ items: z.array(UnitTreeNodeSchema) });

/**
 * The names of every unit of the city, for showing a unit named in a row (a department an item
 * is assigned to, another county on a leaderboard) in the reader's language. Names only: the
 * tree, codes and what belongs to a unit stay within the jurisdiction.
 */
export const UnitNamesSchema = z.object({
  items: z.array(z.object({ id: z.number(), nameZh: z.string(), nameEn: z.string().nullable() })),
});
export type UnitNames = z.infer<typeof UnitNamesSchema>;

export const CreateUnitSchema = z
  .object({
    parentId: IdSchema,
    kind: z.enum(UNIT_KINDS).exclude(['city']),
    code: DivisionCodeSchema.nullable().optional(),
    nameZh: NameSchema,
    nameEn: z.string().trim().max(LIMITS.nameMax).nullable().optional(),
    parkLevel: z.enum(PARK_LEVELS).nullable().optional(),
  })
  .strict();
export type CreateUnit = z.infer<typeof CreateUnitSchema>;

export const UpdateUnitSchema = z
  .object({
    version: VersionSchema,
    parentId: IdSchema.optional(),
    code: DivisionCodeSchema.nullable().optional(),
    nameZh: NameSchema.optional(),
    nameEn: z.string().trim().max(LIMITS.nameMax).nullable().optional(),
    parkLevel: z.enum(PARK_LEVELS).nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateUnit = z.infer<typeof UpdateUnitSchema>;

export const EnterpriseSchema = z.object({
  id: z.number(),
  cityCode: z.string(),
  uscc: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  isActive: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof EnterpriseSchema>;

export const EnterpriseListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  unitId: IdSchema.optional(),
  isActive: QueryBooleanSchema.optional(),
}).strict();
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>;
export const EnterprisePageSchema = pageOf(EnterpriseSchema);

export const EnterpriseLookupQuerySchema = z.object({ q: z.string().trim().max(LIMITS.searchMax).optional() }).strict();
export const EnterpriseLookupSchema = z.object({
  items: z.array(z.object({ id: z.number(), uscc: z.string(), name: z.string() })),
});

export const CreateEnterpriseSchema = z
  .object({
    uscc: UsccSchema,
    name: NameSchema,
    unitId: IdSchema,
  })
  .strict();
export type CreateEnterprise = z.infer<typeof CreateEnterpriseSchema>;

export const UpdateEnterpriseSchema = z
  .object({
    version: VersionSchema,
    name: NameSchema.optional(),
    unitId: IdSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateEnterprise = z.infer<typeof UpdateEnterpriseSchema>;
