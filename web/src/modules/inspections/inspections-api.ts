import {
  type CloseCase,
  type CodeListQuery,
  EnterpriseCodePageSchema,
  EnterpriseCodeSchema,
  type InspectionCaseListQuery,
  InspectionCasePageSchema,
  InspectionCaseSchema,
  type InspectionListQuery,
  InspectionPageSchema,
  InspectionSchema,
  InspectionSettingsSchema,
  InspectionStatsSchema,
  IssuedCodesSchema,
  type RateInspection,
  type RegisterInspection,
  type ReportUnregistered,
  ScannedCodeSchema,
  UnitNamesSchema,
  type UpdateInspectionSettings,
} from '../../../../src/contracts/index.js';
import { call } from '../../api/client';
import { downloadFile } from '../../api/download';

const P = '/api/v1/inspections';

/** The filters of the lists (a filter left out means all). */
export type InspectionFilter = Partial<Omit<InspectionListQuery, 'page' | 'pageSize'>>;
export type CaseFilter = Partial<Omit<InspectionCaseListQuery, 'page' | 'pageSize'>>;
export type CodeFilter = Partial<Omit<CodeListQuery, 'page' | 'pageSize'>>;
type Paging = { page: number; pageSize: number };

/** Every enterprise code protection (扫码入企) endpoint the pages call, typed by the contracts. */
export const inspectionsApi = {
  settings: () => call('GET', `${P}/settings`, InspectionSettingsSchema),
  saveSettings: (body: UpdateInspectionSettings) => call('PUT', `${P}/settings`, InspectionSettingsSchema, { body }),
  /** The city's department units (for the pickers and filters); same shape as the unit names. */
  departments: () => call('GET', `${P}/departments`, UnitNamesSchema),

  codes: (query: CodeFilter & Paging) => call('GET', `${P}/codes`, EnterpriseCodePageSchema, { query: { ...query } }),
  /** Issues a code, or a new one: the earlier QR stops working. */
  issueCode: (enterpriseId: number) => call('POST', `${P}/codes`, EnterpriseCodeSchema, { body: { enterpriseId } }),
  /** First codes for the enterprises chosen; those holding one keep it. */
  issueCodes: (enterpriseIds: number[]) => call('POST', `${P}/codes/batch`, IssuedCodesSchema, { body: { enterpriseIds } }),
  myCode: () => call('GET', `${P}/codes/mine`, EnterpriseCodeSchema),
  scan: (token: string) => call('GET', `${P}/scan/${encodeURIComponent(token)}`, ScannedCodeSchema),

  register: (body: RegisterInspection) => call('POST', P, InspectionSchema, { body }),
  list: (query: InspectionFilter & Paging) => call('GET', P, InspectionPageSchema, { query: { ...query } }),
  /** The list with the same filters as an Excel workbook. */
  export: (query: InspectionFilter, fallbackName: string) => downloadFile(`${P}/export`, { ...query }, fallbackName),
  rate: (id: number, body: RateInspection) => call('POST', `${P}/${id}/rating`, InspectionSchema, { body }),

  cases: (query: CaseFilter & Paging) => call('GET', `${P}/cases`, InspectionCasePageSchema, { query: { ...query } }),
  report: (body: ReportUnregistered) => call('POST', `${P}/cases`, InspectionCaseSchema, { body }),
  closeCase: (id: number, body: CloseCase) => call('POST', `${P}/cases/${id}/close`, InspectionCaseSchema, { body }),

  stats: (year: number) => call('GET', `${P}/stats`, InspectionStatsSchema, { query: { year } }),
} as const;
