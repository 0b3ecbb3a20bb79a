import { z } from 'zod';

export const IMPORT_STATUSES = ['running', 'succeeded', 'failed'] as const;
/** What an import brings in: the project registry, deal filings, a department's evaluation data, a unit's month of reports. */
export const IMPORT_KINDS = ['projects', 'deals', 'evaluation-data', 'reports'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ImportProblemSchema = z.object({
  row: z.number().int(),
  /** A1-style address of the bad cell, e.g. "F12" ("" when the problem is the whole row or file). */
  cell: z.string(),
  header: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export const ImportJobSchema = z.object({
  id: z.number(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES),
  filename: z.string(),
  /** Data rows read so far (while reading), then all of them. */
  totalRows: z.number().int(),
  /** Rows checked or written so far: progress of a large file. */
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  unchangedCount: z.number().int(),
  errorCount: z.number().int(),
  /** The first problems (all of them are in the annotated workbook). */
  errors: z.array(ImportProblemSchema),
  message: z.string().nullable(),
  hasAnnotatedWorkbook: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;
