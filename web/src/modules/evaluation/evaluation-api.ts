import {
  AdjustmentListSchema,
  AdjustmentSchema,
  ConflictListSchema,
  type CreateAdjustment,
  type CreateMethod,
  type CreateRun,
  DataImportPageSchema,
  DistributionSchema,
  ExplanationSchema,
  ImportJobSchema,
  MethodListSchema,
  MethodPresetListSchema,
  MethodSchema,
  MovesSchema,
  ObjectionListSchema,
  ObjectionSchema,
  OkSchema,
  type OBJECTION_STATUSES,
  PolicyListSchema,
  type PolicyKind,
  RegisterPageSchema,
  type ResolveConflict,
  ResultPageSchema,
  RunListSchema,
  RunSchema,
  type UpdateMethod,
} from '../../../../src/contracts/index.js';
import { call } from '../../api/client';
import { downloadFile } from '../../api/download';
import { type PageParams, uploadWorkbook } from '../../api/endpoints';
import type { RegisterFilter, ResultFilter } from './evaluation-query';

const P = '/api/v1/evaluation';

export type DistributionBy = 'park' | 'industry' | 'unit' | 'group';

/** Every evaluation (亩均论英雄) endpoint the pages call, typed by the contracts. */
export const evaluationApi = {
  register: (query: RegisterFilter & PageParams) => call('GET', `${P}/register`, RegisterPageSchema, { query: { ...query } }),

  data: {
    template: (fallbackName: string) => downloadFile(`${P}/data/import-template`, undefined, fallbackName),
    startImport: (file: File) => uploadWorkbook(`${P}/data/imports`, file, ImportJobSchema),
    importJob: (id: number) => call('GET', `${P}/data/imports/${id}`, ImportJobSchema),
    annotated: (id: number, fallbackName: string) => downloadFile(`${P}/data/imports/${id}/annotated`, undefined, fallbackName),
    imports: (query: { year?: number } & PageParams) => call('GET', `${P}/data/imports`, DataImportPageSchema, { query: { ...query } }),
  },

  conflicts: (year: number, isResolved?: boolean) => call('GET', `${P}/conflicts`, ConflictListSchema, { query: { year, isResolved } }),
  resolveConflict: (body: ResolveConflict) => call('POST', `${P}/conflicts/resolve`, OkSchema, { body }),

  adjustments: (year: number) => call('GET', `${P}/adjustments`, AdjustmentListSchema, { query: { year } }),
  createAdjustment: (body: CreateAdjustment) => call('POST', `${P}/adjustments`, AdjustmentSchema, { body }),
  deleteAdjustment: (id: number) => call('DELETE', `${P}/adjustments/${id}`, OkSchema),

  presets: () => call('GET', `${P}/method-presets`, MethodPresetListSchema),
  methods: () => call('GET', `${P}/methods`, MethodListSchema),
  method: (id: number) => call('GET', `${P}/methods/${id}`, MethodSchema),
  createMethod: (body: CreateMethod) => call('POST', `${P}/methods`, MethodSchema, { body }),
  updateMethod: (id: number, body: UpdateMethod) => call('PUT', `${P}/methods/${id}`, MethodSchema, { body }),

  runs: (year?: number) => call('GET', `${P}/runs`, RunListSchema, { query: { year } }),
  run: (id: number) => call('GET', `${P}/runs/${id}`, RunSchema),
  createRun: (body: CreateRun) => call('POST', `${P}/runs`, RunSchema, { body }),
  publish: (id: number, objectionDeadline: string) => call('POST', `${P}/runs/${id}/publish`, RunSchema, { body: { objectionDeadline } }),
  finalize: (id: number) => call('POST', `${P}/runs/${id}/finalize`, RunSchema),
  results: (id: number, query: ResultFilter & PageParams) =>
    call('GET', `${P}/runs/${id}/results`, ResultPageSchema, { query: { ...query } }),
  explain: (id: number, enterpriseId: number) => call('GET', `${P}/runs/${id}/results/${enterpriseId}`, ExplanationSchema),
  distribution: (id: number, by: DistributionBy) => call('GET', `${P}/runs/${id}/distribution`, DistributionSchema, { query: { by } }),
  moves: (year: number) => call('GET', `${P}/moves`, MovesSchema, { query: { year } }),
  policyList: (id: number, kind: PolicyKind) => call('GET', `${P}/runs/${id}/policy-list`, PolicyListSchema, { query: { kind } }),
  policyExport: (id: number, kind: PolicyKind, fallbackName: string) =>
    downloadFile(`${P}/runs/${id}/policy-list/export`, { kind }, fallbackName),

  objections: (query: { runId?: number; status?: (typeof OBJECTION_STATUSES)[number] }) =>
    call('GET', `${P}/objections`, ObjectionListSchema, { query: { ...query } }),
  object: (runId: number, body: { text: string; evidence: string }) =>
    call('POST', `${P}/runs/${runId}/objections`, ObjectionSchema, { body }),
  resolveObjection: (id: number, body: { decision: 'accept' | 'reject'; reason: string }) =>
    call('POST', `${P}/objections/${id}/resolve`, ObjectionSchema, { body }),
} as const;
