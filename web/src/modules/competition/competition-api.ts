import {
  CompetitionAdjustmentListSchema,
  CompetitionAdjustmentSchema,
  type CompetitionAdjustmentInput,
  CompetitionEntryListSchema,
  type CompetitionEntryInput,
  type CompetitionPeriod,
  CompetitionResultsSchema,
  CompetitionSchemeListSchema,
  CompetitionSchemeSchema,
  type CreateCompetitionScheme,
  OkSchema,
  type UpdateCompetitionScheme,
} from '../../../../src/contracts/index.js';
import { call } from '../../api/client';
import { downloadFile } from '../../api/download';
import { uploadWorkbook } from '../../api/endpoints';

const P = '/api/v1/competition';

/** Every competition (争先创优) endpoint the pages call, typed by the contracts. */
export const competitionApi = {
  schemes: (year?: number) => call('GET', `${P}/schemes`, CompetitionSchemeListSchema, { query: { year } }),
  scheme: (id: number) => call('GET', `${P}/schemes/${id}`, CompetitionSchemeSchema),
  create: (body: CreateCompetitionScheme) => call('POST', `${P}/schemes`, CompetitionSchemeSchema, { body }),
  update: (id: number, body: UpdateCompetitionScheme) => call('PATCH', `${P}/schemes/${id}`, CompetitionSchemeSchema, { body }),
  remove: (id: number) => call('DELETE', `${P}/schemes/${id}`, OkSchema),
  /** Draft → active: the indicator system is frozen from then on. */
  activate: (id: number, version: number) => call('POST', `${P}/schemes/${id}/activate`, CompetitionSchemeSchema, { body: { version } }),

  results: (id: number, period: CompetitionPeriod) =>
    call('GET', `${P}/schemes/${id}/results`, CompetitionResultsSchema, { query: { period } }),
  /** Freezes a finished period's results as the official record and tells every competing unit its score and rank. */
  publish: (id: number, period: CompetitionPeriod) =>
    call('POST', `${P}/schemes/${id}/publish`, CompetitionResultsSchema, { body: { period } }),
  exportResults: (id: number, period: CompetitionPeriod, fallbackName: string) =>
    downloadFile(`${P}/schemes/${id}/results/export`, { period }, fallbackName),
  /** The notice (通报) of a published period as Word. */
  notice: (id: number, period: CompetitionPeriod, fallbackName: string) =>
    downloadFile(`${P}/schemes/${id}/results/notice`, { period }, fallbackName),

  entries: (id: number, period: CompetitionPeriod) =>
    call('GET', `${P}/schemes/${id}/entries`, CompetitionEntryListSchema, { query: { period } }),
  /** The document behind an entered indicator's values for a period (PDF, JPG or PNG); answers the period's entries. */
  attachEntryDocument: (id: number, period: CompetitionPeriod, indicatorKey: string, file: File) =>
    uploadWorkbook(
      `${P}/schemes/${id}/entries/document?${new URLSearchParams({ period, indicatorKey })}`,
      file,
      CompetitionEntryListSchema,
    ),
  /** Removes that document (attached in error); answers the period's entries. */
  removeEntryDocument: (id: number, period: CompetitionPeriod, indicatorKey: string) =>
    call('DELETE', `${P}/schemes/${id}/entries/document`, CompetitionEntryListSchema, { query: { period, indicatorKey } }),
  entryDocument: (id: number, period: CompetitionPeriod, indicatorKey: string, fallbackName: string) =>
    downloadFile(`${P}/schemes/${id}/entries/document`, { period, indicatorKey }, fallbackName),
  /** Sets (or, with a null value, removes) one unit's value of an entered indicator; answers the period's entries. */
  putEntry: (id: number, body: CompetitionEntryInput) => call('PUT', `${P}/schemes/${id}/entries`, CompetitionEntryListSchema, { body }),

  adjustments: (id: number, period: CompetitionPeriod) =>
    call('GET', `${P}/schemes/${id}/adjustments`, CompetitionAdjustmentListSchema, { query: { period } }),
  addAdjustment: (id: number, body: CompetitionAdjustmentInput) =>
    call('POST', `${P}/schemes/${id}/adjustments`, CompetitionAdjustmentSchema, { body }),
  removeAdjustment: (id: number, adjustmentId: number) => call('DELETE', `${P}/schemes/${id}/adjustments/${adjustmentId}`, OkSchema),
  /** Attach or replace an item's evidence document (PDF, JPG or PNG; multipart like a workbook). */
  attachFile: (id: number, adjustmentId: number, file: File) =>
    uploadWorkbook(`${P}/schemes/${id}/adjustments/${adjustmentId}/file`, file, CompetitionAdjustmentSchema),
  file: (id: number, adjustmentId: number, fallbackName: string) =>
    downloadFile(`${P}/schemes/${id}/adjustments/${adjustmentId}/file`, undefined, fallbackName),
} as const;
