import { z } from 'zod';

/** ISO calendar date (yyyy-mm-dd) that exists. Dates are civil dates in Asia/Shanghai. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date.invalid')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date.invalid');

/**
 * GB/T 4754-2017 industry: a section letter (门类 A–T) or a two-digit division (大类 01–97).
 * Divisions are numbered without gaps inside their sections, so every number from 01 to 97
 * is a division (reference/gbt4754-sections.csv).
 */
export const IndustryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => /^[A-T]$/.test(s) || (/^\d{2}$/.test(s) && Number(s) >= 1 && Number(s) <= 97), 'industry.invalid');

export const IndustrySectionSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** First and last division numbers. */
  from: z.number().int(),
  to: z.number().int(),
});
export const IndustryDivisionSchema = z.object({
  code: z.string(),
  section: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
});
export const IndustriesSchema = z.object({ sections: z.array(IndustrySectionSchema), divisions: z.array(IndustryDivisionSchema) });
export type Industries = z.infer<typeof IndustriesSchema>;

/** Today's civil date in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A moment as Asia/Shanghai wall time, 'YYYY-MM-DD HH:MM:SS' (for sheets and documents). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
