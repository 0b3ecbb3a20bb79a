import { z } from 'zod';
import { IdSchema, PageQuerySchema, pageOf } from './common.js';
import { HONOUR_LISTS } from './monitoring.js';
import { MonthSchema } from './reports.js';

/** The four scale leaderboards (规模榜单), year to date per unit. */
export const BOARD_METRICS = ['attracted', 'fundsWon', 'completed', 'majorProjects'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];

export const BoardEntrySchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** The ranked figure: 万元 (for majorProjects the total investment of the projects). */
  value: z.string(),
  /** majorProjects only: how many projects. */
  count: z.number().int().nullable(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  /** Places moved since last month: positive = up. */
  movement: z.number().int().nullable(),
});
export type BoardEntry = z.infer<typeof BoardEntrySchema>;

export const BoardSchema = z.object({ metric: z.enum(BOARD_METRICS), total: z.string(), entries: z.array(BoardEntrySchema) });
export type Board = z.infer<typeof BoardSchema>;

export const CorrectionNoteSchema = z.object({
  month: z.string(),
  metric: z.enum(BOARD_METRICS),
  unitId: z.number(),
  unitName: z.string(),
  before: z.string(),
  after: z.string(),
});
export type CorrectionNote = z.infer<typeof CorrectionNoteSchema>;

/** One project of the 红黄榜 as published with a month (its light as of the month's last day). */
export const HonourEntrySchema = z.object({
  list: z.enum(HONOUR_LISTS),
  projectId: z.number(),
  projectName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  /** 万元: the plan due by the month's end and the year-to-date investment. */
  dueByNow: z.string(),
  ytd: z.string(),
  ratio: z.number().nullable(),
  /** Why a yellow-list project is there (its red light's reasons), in the reader's language. */
  reasons: z.array(z.string()),
});
export type HonourEntry = z.infer<typeof HonourEntrySchema>;

export const BoardsSchema = z.object({
  month: z.string(),
  /** A published month is a frozen snapshot; otherwise the figures as of now (preview). */
  isPublished: z.boolean(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  boards: z.array(BoardSchema),
  /** Corrections to months published earlier, noted in this publication. */
  corrections: z.array(CorrectionNoteSchema),
  annualTask: z.string().nullable(),
  hasBriefing: z.boolean(),
  /**
   * How many projects the 红黄榜 frozen with the publication holds (the lists page by page:
   * GET /api/v1/boards/honours); null for a preview (the lights page has today's lists) or a
   * month published before the lists were frozen with it.
   */
  honours: z.object({ red: z.number().int(), yellow: z.number().int() }).nullable(),
  /** The city's most recently published month (YYYY-MM), whichever month this is; null before the first. */
  latestPublished: z.string().nullable(),
});
export type Boards = z.infer<typeof BoardsSchema>;

export const BoardsQuerySchema = z.object({ month: MonthSchema }).strict();
/** One list of a published month's 红黄榜: red best first, yellow worst first. */
export const HonoursQuerySchema = PageQuerySchema.extend({ month: MonthSchema, list: z.enum(HONOUR_LISTS) }).strict();
export const HonourPageSchema = pageOf(HonourEntrySchema);
export const PublishBoardsSchema = z.object({ month: MonthSchema }).strict();

export const BoardSourcesQuerySchema = z.object({ month: MonthSchema, unitId: IdSchema, metric: z.enum(BOARD_METRICS) }).strict();
export const BoardSourceRowSchema = z.object({
  kind: z.enum(['report', 'deal', 'fund', 'project']),
  id: z.number(),
  projectId: z.number().nullable(),
  label: z.string(),
  month: z.string().nullable(),
  date: z.string().nullable(),
  amount: z.string(),
  version: z.number().int().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
  note: z.string().nullable(),
});
export const BoardSourcesSchema = z.object({
  month: z.string(),
  unitId: z.number(),
  metric: z.enum(BOARD_METRICS),
  asOf: z.string(),
  value: z.string(),
  rows: z.array(BoardSourceRowSchema),
});
