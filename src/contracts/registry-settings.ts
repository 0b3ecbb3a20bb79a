import { z } from 'zod';

/** An entry of a configurable list (deal sources, industry chains): a stable key and its names. */
export const ListEntrySchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'settings.key'),
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(60),
    isActive: z.boolean().default(true),
  })
  .strict();
export type ListEntry = z.infer<typeof ListEntrySchema>;

const uniqueKeys = (entries: ListEntry[]) => new Set(entries.map((e) => e.key)).size === entries.length;

export const RegistrySettingsSchema = z
  .object({
    dealSources: z.array(ListEntrySchema).min(1).max(50).refine(uniqueKeys, 'settings.duplicateKey'),
    industryChains: z.array(ListEntrySchema).max(50).refine(uniqueKeys, 'settings.duplicateKey'),
    /** A deal is filed late when filed more than this many days after signing. */
    filingDeadlineDays: z.number().int().min(0).max(365),
    threeQuantities: z
      .object({
        rdShareFloor: z.number().min(0).max(1),
        energyIntensityCeiling: z.number().min(0).max(100),
        taxPerMuFloor: z.number().min(0).max(10_000),
      })
      .strict(),
    /** The reporting rhythm: due day, submission checks, lights, what counts as a major industrial project. */
    reporting: z
      .object({
        /** Monthly reports are due on this day of the following month. */
        dueDay: z.number().int().min(1).max(28),
        /** A month more than this many times the last month's figure needs an explanation. */
        jumpFactor: z.number().min(1).max(100),
        /** A figure further than this share from the month's plan needs an explanation. */
        farFromPlanRatio: z.number().min(0).max(10),
        lightGreen: z.number().min(0).max(2),
        lightYellow: z.number().min(0).max(2),
        milestoneOverdueDays: z.number().int().min(0).max(365),
        /**
         * 红黄榜: a project at or above this share of its plan due (and green) goes on the red list
         * (ahead of schedule, praised); a red-light project goes on the yellow list (lagging).
         * Defaulted so settings saved before it existed still read.
         */
        honourRatio: z.number().min(0).max(5).default(1),
        /** Industrial projects from this total investment (万元) count on the major-projects board. */
        majorIndustrialMin: z.number().min(0),
      })
      .strict(),
  })
  .strict();
export type RegistrySettings = z.infer<typeof RegistrySettingsSchema>;

export const RegistrySettingsResponseSchema = RegistrySettingsSchema.extend({ version: z.number().int() });
/** Version 0: the defaults, never saved yet. */
export const UpdateRegistrySettingsSchema = RegistrySettingsSchema.extend({ version: z.number().int().min(0) }).strict();

/** What a new city starts with; the operator edits it (市重点办). */
export const DEFAULT_REGISTRY_SETTINGS: RegistrySettings = {
  dealSources: [
    { key: 'domestic', nameZh: '国内企业', nameEn: 'Domestic', isActive: true },
    { key: 'foreign', nameZh: '外资企业', nameEn: 'Foreign-invested', isActive: true },
    { key: 'fortune500', nameZh: '世界 500 强', nameEn: 'Fortune Global 500', isActive: true },
    { key: 'china500', nameZh: '中国 500 强', nameEn: 'China Top 500', isActive: true },
    { key: 'listed', nameZh: '上市公司', nameEn: 'Listed company', isActive: true },
    { key: 'central_soe', nameZh: '央企', nameEn: 'Central SOE', isActive: true },
    { key: 'provincial_soe', nameZh: '省属国企', nameEn: 'Provincial SOE', isActive: true },
  ],
  industryChains: [
    { key: 'advanced_manufacturing', nameZh: '先进制造', nameEn: 'Advanced manufacturing', isActive: true },
    { key: 'new_materials', nameZh: '新材料', nameEn: 'New materials', isActive: true },
    { key: 'electronics', nameZh: '电子信息', nameEn: 'Electronics and IT', isActive: true },
    { key: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine', isActive: true },
    { key: 'new_energy', nameZh: '新能源', nameEn: 'New energy', isActive: true },
    { key: 'food', nameZh: '食品加工', nameEn: 'Food processing', isActive: true },
    { key: 'logistics', nameZh: '现代物流', nameEn: 'Modern logistics', isActive: true },
    { key: 'culture_tourism', nameZh: '文化旅游', nameEn: 'Culture and tourism', isActive: true },
  ],
  filingDeadlineDays: 10,
  threeQuantities: { rdShareFloor: 0.03, energyIntensityCeiling: 0.3, taxPerMuFloor: 15 },
  reporting: {
    dueDay: 5,
    jumpFactor: 3,
    farFromPlanRatio: 0.5,
    lightGreen: 0.9,
    lightYellow: 0.7,
    milestoneOverdueDays: 30,
    honourRatio: 1,
    majorIndustrialMin: 10_000,
  },
};
