import type { z } from 'zod';
import {
  type AuditResult,
  AuditPageSchema,
  AuditVerifySchema,
  type ChangePassword,
  type CreateEnterprise,
  type CreateUnit,
  type CreateUser,
  type CreateDeal,
  type CreateProject,
  DealDuplicatesSchema,
  DealHistorySchema,
  type DealKind,
  DealPageSchema,
  DealSchema,
  type DealStage,
  type DealTarget,
  type DealTargetCopy,
  DealTargetCopyResultSchema,
  DealTargetListSchema,
  type DealTransition,
  type DuplicateStatus,
  FunnelSchema,
  type FunnelStage,
  ImportJobSchema,
  IndustriesSchema,
  LeaderOptionSchema,
  type PROJECT_CATEGORIES,
  type PROJECT_KINDS,
  type PROJECT_LEVELS,
  ProjectHistorySchema,
  ProjectPageSchema,
  ProjectSchema,
  type ProjectStage,
  RegistrySettingsResponseSchema,
  type UpdateDeal,
  type UpdateProject,
  type RegistrySettings,
  type BoardMetric,
  BoardSourcesSchema,
  BoardsSchema,
  HonourPageSchema,
  type CommitmentItemInput,
  type CorrectFundWon,
  type CreateFundWon,
  type CreateLetter,
  FeedbackListSchema,
  FeedbackSchema,
  type FUND_SOURCES,
  FundPageSchema,
  FundWonSchema,
  type LetterKind,
  LetterListSchema,
  LetterSchema,
  MissingReportSchema,
  type Month,
  MonthStateSchema,
  ReportGridSchema,
  ReportHistorySchema,
  type SubmitReports,
  SubmitReportsResultSchema,
  EnterpriseLookupSchema,
  EnterprisePageSchema,
  EnterpriseSchema,
  type LoginRequest,
  LoginResponseSchema,
  MetaSchema,
  OkSchema,
  type ResetPassword,
  type Role,
  SessionInfoSchema,
  SystemInfoSchema,
  type TotpRequest,
  TotpSetupSchema,
  type UnitKind,
  UnitPageSchema,
  UnitSchema,
  UnitNamesSchema,
  UnitTreeSchema,
  type UpdateEnterprise,
  type UpdateUnit,
  type UpdateUser,
  UserPageSchema,
  UserSchema,
  AgendaProposalSchema,
  type CreateDecision,
  type CreateMeeting,
  MeetingPageSchema,
  MeetingSchema,
  type UpdateMeeting,
  EarlyWarningListSchema,
  type HonourListKind,
  type LightColour,
  MonitoringOverviewSchema,
  MonitoringYearsSchema,
  ProjectLightPageSchema,
  UnitMapSchema,
  type AppealMetricsQuery,
  AppealMetricsSchema,
  type AssignProblem,
  NotificationPageSchema,
  ProblemMetricsSchema,
  type ProblemMetricsQuery,
  ProblemPageSchema,
  type ProblemListQuery,
  ProblemSchema,
  ProblemSettingsResponseSchema,
  type CalendarYear,
  CalendarResponseSchema,
  type UpdateProblemSettings,
  type RaiseAppeal,
  type RaiseProblem,
  type RateAppeal,
  type RouteAppeal,
  UnreadCountSchema,
  type CreateTour,
  JudgeCandidateListSchema,
  type SiteScoreInput,
  type TourListQuery,
  TourPageSchema,
  TourResultsSchema,
  TourSchema,
  type UpdateTour,
} from '../../../src/contracts/index.js';
import { getLocale, translateUi } from '../i18n';
import { ApiError, call, errorFromResponse, rememberCsrfToken } from './client';
import { downloadFile } from './download';

/** PUT /settings/deal-targets answers with the one target it stored. */
const DealTargetResultSchema = DealTargetListSchema.shape.items.element;

export interface PageParams {
  page: number;
  pageSize: number;
}
export interface UnitFilter {
  q?: string;
  kind?: UnitKind;
  parentId?: number;
  isActive?: boolean;
}
export interface EnterpriseFilter {
  q?: string;
  unitId?: number;
  isActive?: boolean;
}
export interface UserFilter {
  q?: string;
  role?: Role;
  isActive?: boolean;
}
/** from/to are ISO date-times with an offset (the server refuses anything else). */
export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  requestId?: string;
  result?: AuditResult;
}

export type ProjectSort = 'name' | '-updatedAt' | 'totalInvestment' | '-totalInvestment' | 'code' | 'plannedStartOn';
export interface ProjectFilter {
  q?: string;
  unitId?: number;
  parkId?: number;
  industryCode?: string;
  industryChain?: string;
  level?: (typeof PROJECT_LEVELS)[number];
  category?: (typeof PROJECT_CATEGORIES)[number];
  kind?: (typeof PROJECT_KINDS)[number];
  stage?: ProjectStage;
  leaderId?: number;
}
export type DealSort = 'signedOn' | '-signedOn' | 'contractedAmount' | '-contractedAmount' | 'projectName';
export interface DealFilter {
  q?: string;
  unitId?: number;
  unitOnly?: boolean;
  stage?: DealStage;
  kind?: DealKind;
  source?: string;
  industryCode?: string;
  signedFrom?: string;
  signedTo?: string;
  isLateFiling?: boolean;
  duplicateStatus?: DuplicateStatus;
  /** Funnel drill-down: deals of the cohort that had reached this stage by `asOf`. */
  reached?: FunnelStage;
  asOf?: string;
}
export interface FunnelFilter {
  cohortFrom: string;
  cohortTo: string;
  asOf: string;
  unitId?: number;
}
/** Lights and forecast: a year, seen as of a date (default: the server's), inside a unit (default: the user's jurisdiction). */
export interface MonitoringFilter {
  year: number;
  asOf?: string;
  unitId?: number;
}
/** The problem and appeal lists (both take the same filters; see ProblemListQuerySchema). */
export type ProblemFilter = Partial<Omit<ProblemListQuery, 'page' | 'pageSize'>>;
export type RegistryKind = 'projects' | 'deals';
export interface FundFilter {
  year?: number;
  unitId?: number;
  source?: (typeof FUND_SOURCES)[number];
}
export interface LetterFilter {
  year: number;
  unitId?: number;
  kind?: LetterKind;
  /** Items are measured as of this date (default today). */
  asOf?: string;
}

/**
 * A workbook upload (multipart/form-data, field `file`): the one call that is not JSON. It
 * asks for the session first, which also refreshes the CSRF token the client keeps.
 */
export async function uploadWorkbook<S extends z.ZodType>(path: string, file: File, schema: S): Promise<z.output<S>> {
  const { csrfToken } = await api.auth.session();
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': getLocale(), 'x-csrf-token': csrfToken },
      body,
    });
  } catch {
    throw new ApiError(0, 'INTERNAL', translateUi(getLocale(), 'error.network'));
  }
  if (!response.ok) throw await errorFromResponse(response);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(response.status, 'INTERNAL', translateUi(getLocale(), 'error.badResponse'));
  return parsed.data;
}

/** Template, upload, progress and annotated workbook: the same four calls for projects and deals. */
function sheetEndpoints(kind: RegistryKind) {
  const base = `/api/v1/${kind}`;
  return {
    template: (fallbackName: string) => downloadFile(`${base}/import-template`, undefined, fallbackName),
    startImport: (file: File) => uploadWorkbook(`${base}/imports`, file, ImportJobSchema),
    importJob: (id: number) => call('GET', `${base}/imports/${id}`, ImportJobSchema),
    annotated: (id: number, fallbackName: string) => downloadFile(`${base}/imports/${id}/annotated`, undefined, fallbackName),
  };
}

/** Problem-list items and appeals: the commands and files they share (one engine, two paths). */
function itemEndpoints(base: 'problems' | 'appeals') {
  const root = `/api/v1/${base}`;
  return {
    /** Start (problems) is accept (受理) for appeals. */
    start: (id: number, body: { version: number; measures?: string[]; note?: string | null }) =>
      call('POST', `${root}/${id}/${base === 'problems' ? 'start' : 'accept'}`, ProblemSchema, {
        body: base === 'problems' ? body : { version: body.version, note: body.note },
      }),
    resolve: (id: number, body: { version: number; evidence: string; measuresDone?: number[] }) =>
      call('POST', `${root}/${id}/resolve`, ProblemSchema, { body }),
    confirm: (id: number, body: { version: number; note?: string | null }) =>
      call('POST', `${root}/${id}/confirm`, ProblemSchema, { body }),
    reopen: (id: number, body: { version: number; reason: string }) => call('POST', `${root}/${id}/reopen`, ProblemSchema, { body }),
    /** Evidence (problems) or an attachment (appeals): PDF, JPG or PNG. */
    addFile: (id: number, file: File) => uploadWorkbook(`${root}/${id}/files`, file, ProblemSchema),
    file: (id: number, fileId: number, fallbackName: string) => downloadFile(`${root}/${id}/files/${fileId}`, undefined, fallbackName),
    notice: (id: number, escalationId: number, fallbackName: string) =>
      downloadFile(`${root}/${id}/escalations/${escalationId}/notice`, undefined, fallbackName),
  };
}

/** Every endpoint the web UI calls, typed by the contracts. */
export const api = {
  meta: () => call('GET', '/api/v1/meta', MetaSchema),

  auth: {
    session: async () => {
      const session = await call('GET', '/api/v1/auth/session', SessionInfoSchema);
      rememberCsrfToken(session.csrfToken);
      return session;
    },
    login: async (body: LoginRequest) => {
      const reply = await call('POST', '/api/v1/auth/login', LoginResponseSchema, { body });
      if (reply.status === 'ok') rememberCsrfToken(reply.session.csrfToken);
      return reply;
    },
    loginTotp: async (body: TotpRequest) => {
      const reply = await call('POST', '/api/v1/auth/login/totp', LoginResponseSchema, { body });
      if (reply.status === 'ok') rememberCsrfToken(reply.session.csrfToken);
      return reply;
    },
    logout: async () => {
      try {
        return await call('POST', '/api/v1/auth/logout', OkSchema);
      } finally {
        rememberCsrfToken(null);
      }
    },
    changePassword: (body: ChangePassword) => call('POST', '/api/v1/auth/password', OkSchema, { body }),
    totpSetup: () => call('POST', '/api/v1/auth/totp/setup', TotpSetupSchema),
    totpConfirm: (body: TotpRequest) => call('POST', '/api/v1/auth/totp/confirm', OkSchema, { body }),
  },

  units: {
    list: (query: UnitFilter & PageParams) => call('GET', '/api/v1/org/units', UnitPageSchema, { query: { ...query } }),
    tree: () => call('GET', '/api/v1/org/units/tree', UnitTreeSchema),
    names: () => call('GET', '/api/v1/org/units/names', UnitNamesSchema),
    get: (id: number) => call('GET', `/api/v1/org/units/${id}`, UnitSchema),
    create: (body: CreateUnit) => call('POST', '/api/v1/org/units', UnitSchema, { body }),
    update: (id: number, body: UpdateUnit) => call('PATCH', `/api/v1/org/units/${id}`, UnitSchema, { body }),
  },

  enterprises: {
    list: (query: EnterpriseFilter & PageParams) => call('GET', '/api/v1/org/enterprises', EnterprisePageSchema, { query: { ...query } }),
    lookup: (q: string) => call('GET', '/api/v1/org/enterprises/lookup', EnterpriseLookupSchema, { query: { q } }),
    get: (id: number) => call('GET', `/api/v1/org/enterprises/${id}`, EnterpriseSchema),
    create: (body: CreateEnterprise) => call('POST', '/api/v1/org/enterprises', EnterpriseSchema, { body }),
    update: (id: number, body: UpdateEnterprise) => call('PATCH', `/api/v1/org/enterprises/${id}`, EnterpriseSchema, { body }),
  },

  users: {
    list: (query: UserFilter & PageParams) => call('GET', '/api/v1/admin/users', UserPageSchema, { query: { ...query } }),
    get: (id: number) => call('GET', `/api/v1/admin/users/${id}`, UserSchema),
    create: (body: CreateUser) => call('POST', '/api/v1/admin/users', UserSchema, { body }),
    update: (id: number, body: UpdateUser) => call('PATCH', `/api/v1/admin/users/${id}`, UserSchema, { body }),
    resetPassword: (id: number, body: ResetPassword) => call('POST', `/api/v1/admin/users/${id}/reset-password`, UserSchema, { body }),
    unlock: (id: number) => call('POST', `/api/v1/admin/users/${id}/unlock`, UserSchema),
    resetTotp: (id: number) => call('POST', `/api/v1/admin/users/${id}/reset-totp`, UserSchema),
  },

  audit: {
    list: (query: AuditFilter & PageParams) => call('GET', '/api/v1/audit/records', AuditPageSchema, { query: { ...query } }),
    verify: () => call('GET', '/api/v1/audit/verify', AuditVerifySchema),
    export: (query: AuditFilter, fallbackName: string) => downloadFile('/api/v1/audit/records/export', { ...query }, fallbackName),
  },

  system: {
    info: () => call('GET', '/api/v1/system/info', SystemInfoSchema),
  },

  projects: {
    list: (query: ProjectFilter & PageParams & { sort?: ProjectSort }) =>
      call('GET', '/api/v1/projects', ProjectPageSchema, { query: { ...query } }),
    get: (id: number) => call('GET', `/api/v1/projects/${id}`, ProjectSchema),
    history: (id: number) => call('GET', `/api/v1/projects/${id}/history`, ProjectHistorySchema),
    create: (body: CreateProject) => call('POST', '/api/v1/projects', ProjectSchema, { body }),
    update: (id: number, body: UpdateProject) => call('PATCH', `/api/v1/projects/${id}`, ProjectSchema, { body }),
    leaders: () => call('GET', '/api/v1/projects/leaders', LeaderOptionSchema),
    export: (query: ProjectFilter & { sort?: ProjectSort; planYear?: number }, fallbackName: string) =>
      downloadFile('/api/v1/projects/export', { ...query }, fallbackName),
    /** OC4IDS takes the list filters without paging or order. */
    oc4ids: (query: ProjectFilter, fallbackName: string) => downloadFile('/api/v1/projects/oc4ids', { ...query }, fallbackName),
    ...sheetEndpoints('projects'),
  },

  deals: {
    list: (query: DealFilter & PageParams & { sort?: DealSort }) => call('GET', '/api/v1/deals', DealPageSchema, { query: { ...query } }),
    get: (id: number) => call('GET', `/api/v1/deals/${id}`, DealSchema),
    history: (id: number) => call('GET', `/api/v1/deals/${id}/history`, DealHistorySchema),
    duplicates: (id: number) => call('GET', `/api/v1/deals/${id}/duplicates`, DealDuplicatesSchema),
    create: (body: CreateDeal) => call('POST', '/api/v1/deals', DealSchema, { body }),
    update: (id: number, body: UpdateDeal) => call('PATCH', `/api/v1/deals/${id}`, DealSchema, { body }),
    transition: (id: number, body: DealTransition) => call('POST', `/api/v1/deals/${id}/transitions`, DealSchema, { body }),
    settleDuplicate: (id: number, keepDealId: number) =>
      call('POST', `/api/v1/deals/${id}/settle-duplicate`, DealSchema, { body: { keepDealId } }),
    funnel: (query: FunnelFilter) => call('GET', '/api/v1/deals/funnel', FunnelSchema, { query: { ...query } }),
    export: (query: DealFilter & { sort?: DealSort }, fallbackName: string) =>
      downloadFile('/api/v1/deals/export', { ...query }, fallbackName),
    ...sheetEndpoints('deals'),
  },

  settings: {
    registry: () => call('GET', '/api/v1/settings/registry', RegistrySettingsResponseSchema),
    saveRegistry: (body: RegistrySettings & { version: number }) =>
      call('PUT', '/api/v1/settings/registry', RegistrySettingsResponseSchema, { body }),
    targets: (year: number) => call('GET', '/api/v1/settings/deal-targets', DealTargetListSchema, { query: { year } }),
    saveTarget: (body: DealTarget) => call('PUT', '/api/v1/settings/deal-targets', DealTargetResultSchema, { body }),
    copyTargets: (body: DealTargetCopy) => call('POST', '/api/v1/settings/deal-targets/copy', DealTargetCopyResultSchema, { body }),
  },

  monitoring: {
    overview: (query: MonitoringFilter) => call('GET', '/api/v1/monitoring/overview', MonitoringOverviewSchema, { query: { ...query } }),
    projects: (query: MonitoringFilter & { light?: LightColour; honour?: HonourListKind } & PageParams) =>
      call('GET', '/api/v1/monitoring/projects', ProjectLightPageSchema, { query: { ...query } }),
    /** The project lights as filtered (a light, or a list of the 红黄榜), as .xlsx. */
    exportProjects: (query: MonitoringFilter & { light?: LightColour; honour?: HonourListKind }, fallbackName: string) =>
      downloadFile('/api/v1/monitoring/projects/export', { ...query }, fallbackName),
    warnings: (query: MonitoringFilter) => call('GET', '/api/v1/monitoring/warnings', EarlyWarningListSchema, { query: { ...query } }),
    map: () => call('GET', '/api/v1/monitoring/map', UnitMapSchema),
    years: (unitId?: number) => call('GET', '/api/v1/monitoring/years', MonitoringYearsSchema, { query: { unitId } }),
    /** The quarterly review (季讲评, with a quarter) or the annual assessment (年考核) of a unit, as Word. */
    pack: (query: { unitId: number; year: number; quarter?: number }, fallbackName: string) =>
      downloadFile('/api/v1/monitoring/pack.docx', { ...query }, fallbackName),
  },

  reference: {
    industries: () => call('GET', '/api/v1/reference/industries', IndustriesSchema),
  },

  reports: {
    grid: (month: Month, unitId?: number) => call('GET', '/api/v1/reports/grid', ReportGridSchema, { query: { month, unitId } }),
    submit: (body: SubmitReports) => call('PUT', '/api/v1/reports/grid', SubmitReportsResultSchema, { body }),
    history: (projectId: number, month: Month) =>
      call('GET', '/api/v1/reports/history', ReportHistorySchema, { query: { projectId, month } }),
    missing: (month: Month) => call('GET', '/api/v1/reports/missing', MissingReportSchema, { query: { month } }),
    returnReport: (body: { projectId: number; month: Month; reason: string }) =>
      call('POST', '/api/v1/reports/returns', OkSchema, { body }),
    monthState: (month: Month) => call('GET', `/api/v1/reports/months/${month}`, MonthStateSchema),
    lock: (month: Month) => call('POST', `/api/v1/reports/months/${month}/lock`, MonthStateSchema),
  },

  feedback: {
    list: (projectId: number) => call('GET', `/api/v1/projects/${projectId}/feedback`, FeedbackListSchema),
    add: (projectId: number, body: { notedOn: string; text: string }) =>
      call('POST', `/api/v1/projects/${projectId}/feedback`, FeedbackSchema, { body }),
  },

  funds: {
    list: (query: FundFilter & PageParams) => call('GET', '/api/v1/funds', FundPageSchema, { query: { ...query } }),
    export: (filter: FundFilter, fallbackName: string) => downloadFile('/api/v1/funds/export', { ...filter }, fallbackName),
    record: (body: CreateFundWon) => call('POST', '/api/v1/funds', FundWonSchema, { body }),
    correct: (id: number, body: CorrectFundWon) => call('POST', `/api/v1/funds/${id}/corrections`, FundWonSchema, { body }),
  },

  boards: {
    get: (month: Month) => call('GET', '/api/v1/boards', BoardsSchema, { query: { month } }),
    sources: (query: { month: Month; unitId: number; metric: BoardMetric }) =>
      call('GET', '/api/v1/boards/sources', BoardSourcesSchema, { query: { ...query } }),
    honours: (query: { month: Month; list: HonourListKind } & PageParams) =>
      call('GET', '/api/v1/boards/honours', HonourPageSchema, { query: { ...query } }),
    publish: (month: Month) => call('POST', '/api/v1/boards/publications', BoardsSchema, { body: { month } }),
    briefing: (month: Month, fallbackName: string) =>
      downloadFile(`/api/v1/boards/publications/${month}/briefing`, undefined, fallbackName),
    workbook: (month: Month, fallbackName: string) =>
      downloadFile(`/api/v1/boards/publications/${month}/workbook`, undefined, fallbackName),
  },

  commitments: {
    list: (query: LetterFilter) => call('GET', '/api/v1/commitments', LetterListSchema, { query: { ...query } }),
    export: (query: LetterFilter, fallbackName: string) => downloadFile('/api/v1/commitments/export', { ...query }, fallbackName),
    get: (id: number, asOf?: string) => call('GET', `/api/v1/commitments/${id}`, LetterSchema, { query: { asOf } }),
    create: (body: CreateLetter) => call('POST', '/api/v1/commitments', LetterSchema, { body }),
    updateItems: (id: number, body: { version: number; items: CommitmentItemInput[] }) =>
      call('PUT', `/api/v1/commitments/${id}/items`, LetterSchema, { body }),
    /** The signed and sealed scan: PDF, JPG or PNG (multipart, like a workbook). */
    attachScan: (id: number, file: File) => uploadWorkbook(`/api/v1/commitments/${id}/scan`, file, LetterSchema),
    scan: (id: number, fallbackName: string) => downloadFile(`/api/v1/commitments/${id}/scan`, undefined, fallbackName),
    sign: (id: number, body: { version: number; signedOn: string }) =>
      call('POST', `/api/v1/commitments/${id}/sign`, LetterSchema, { body }),
    amend: (id: number, body: { version: number; reason: string; items: CommitmentItemInput[] }) =>
      call('POST', `/api/v1/commitments/${id}/amendments`, LetterSchema, { body }),
    recordItem: (id: number, itemId: number, body: { status: 'fulfilled' | 'missed'; on: string; evidence: string }) =>
      call('POST', `/api/v1/commitments/${id}/items/${itemId}/record`, LetterSchema, { body }),
    account: (id: number, asOf: string | undefined, fallbackName: string) =>
      downloadFile(`/api/v1/commitments/${id}/account.docx`, { asOf }, fallbackName),
  },

  dispatch: {
    list: (query: PageParams & { from?: string; to?: string }) =>
      call('GET', '/api/v1/dispatch/meetings', MeetingPageSchema, { query: { ...query } }),
    proposal: (heldOn: string) => call('GET', '/api/v1/dispatch/agenda-proposal', AgendaProposalSchema, { query: { heldOn } }),
    create: (body: CreateMeeting) => call('POST', '/api/v1/dispatch/meetings', MeetingSchema, { body }),
    get: (id: number) => call('GET', `/api/v1/dispatch/meetings/${id}`, MeetingSchema),
    update: (id: number, body: UpdateMeeting) => call('PATCH', `/api/v1/dispatch/meetings/${id}`, MeetingSchema, { body }),
    addDecision: (id: number, body: CreateDecision) => call('POST', `/api/v1/dispatch/meetings/${id}/decisions`, MeetingSchema, { body }),
    /** The minutes (会议纪要) or the task list (交办事项清单) as Word. */
    document: (id: number, which: 'minutes' | 'tasks', fallbackName: string) =>
      downloadFile(`/api/v1/dispatch/meetings/${id}/${which}`, undefined, fallbackName),
  },

  problems: {
    settings: () => call('GET', '/api/v1/problems/settings', ProblemSettingsResponseSchema),
    saveSettings: (body: UpdateProblemSettings) => call('PUT', '/api/v1/problems/settings', ProblemSettingsResponseSchema, { body }),
    calendar: (year: number) => call('GET', '/api/v1/problems/calendar', CalendarResponseSchema, { query: { year } }),
    saveCalendar: (year: number, body: CalendarYear) => call('PUT', `/api/v1/problems/calendar/${year}`, CalendarResponseSchema, { body }),
    list: (query: ProblemFilter & PageParams) => call('GET', '/api/v1/problems', ProblemPageSchema, { query: { ...query } }),
    export: (query: ProblemFilter, fallbackName: string) => downloadFile('/api/v1/problems/export', { ...query }, fallbackName),
    get: (id: number) => call('GET', `/api/v1/problems/${id}`, ProblemSchema),
    raise: (body: RaiseProblem) => call('POST', '/api/v1/problems', ProblemSchema, { body }),
    assign: (id: number, body: AssignProblem) => call('POST', `/api/v1/problems/${id}/assign`, ProblemSchema, { body }),
    metrics: (query: Partial<ProblemMetricsQuery>) =>
      call('GET', '/api/v1/problems/metrics', ProblemMetricsSchema, { query: { ...query } }),
    ...itemEndpoints('problems'),
  },

  appeals: {
    list: (query: ProblemFilter & PageParams) => call('GET', '/api/v1/appeals', ProblemPageSchema, { query: { ...query } }),
    export: (query: ProblemFilter, fallbackName: string) => downloadFile('/api/v1/appeals/export', { ...query }, fallbackName),
    get: (id: number) => call('GET', `/api/v1/appeals/${id}`, ProblemSchema),
    raise: (body: RaiseAppeal) => call('POST', '/api/v1/appeals', ProblemSchema, { body }),
    route: (id: number, body: RouteAppeal) => call('POST', `/api/v1/appeals/${id}/route`, ProblemSchema, { body }),
    reply: (id: number, body: { version: number; text: string }) => call('POST', `/api/v1/appeals/${id}/reply`, ProblemSchema, { body }),
    rate: (id: number, body: RateAppeal) => call('POST', `/api/v1/appeals/${id}/rate`, ProblemSchema, { body }),
    metrics: (query: AppealMetricsQuery) => call('GET', '/api/v1/appeals/metrics', AppealMetricsSchema, { query: { ...query } }),
    ...itemEndpoints('appeals'),
  },

  observation: {
    list: (query: Partial<Omit<TourListQuery, 'page' | 'pageSize'>> & PageParams) =>
      call('GET', '/api/v1/observation/tours', TourPageSchema, { query: { ...query } }),
    judgeCandidates: () => call('GET', '/api/v1/observation/judge-candidates', JudgeCandidateListSchema),
    create: (body: CreateTour) => call('POST', '/api/v1/observation/tours', TourSchema, { body }),
    get: (id: number) => call('GET', `/api/v1/observation/tours/${id}`, TourSchema),
    update: (id: number, body: UpdateTour) => call('PATCH', `/api/v1/observation/tours/${id}`, TourSchema, { body }),
    remove: (id: number) => call('DELETE', `/api/v1/observation/tours/${id}`, OkSchema),
    /** Draft → scoring (open) or scoring → closed (close). */
    transition: (id: number, to: 'open' | 'close', version: number) =>
      call('POST', `/api/v1/observation/tours/${id}/${to}`, TourSchema, { body: { version } }),
    score: (id: number, projectId: number, body: SiteScoreInput) =>
      call('PUT', `/api/v1/observation/tours/${id}/sites/${projectId}/score`, TourSchema, { body }),
    results: (id: number) => call('GET', `/api/v1/observation/tours/${id}/results`, TourResultsSchema),
    addPhoto: (id: number, projectId: number, file: File) =>
      uploadWorkbook(`/api/v1/observation/tours/${id}/sites/${projectId}/photos`, file, TourSchema),
    removePhoto: (photoId: number) => call('DELETE', `/api/v1/observation/photos/${photoId}`, OkSchema),
    /** Same-origin and cookie-authenticated: usable as an <img> source. */
    photoUrl: (photoId: number) => `/api/v1/observation/photos/${photoId}`,
    export: (id: number, fallbackName: string) => downloadFile(`/api/v1/observation/tours/${id}/export`, undefined, fallbackName),
  },

  notifications: {
    list: (query: { unreadOnly?: boolean } & PageParams) =>
      call('GET', '/api/v1/notifications', NotificationPageSchema, { query: { ...query } }),
    unreadCount: () => call('GET', '/api/v1/notifications/unread-count', UnreadCountSchema),
    markRead: (id: number) => call('POST', `/api/v1/notifications/${id}/read`, UnreadCountSchema),
    markAllRead: () => call('POST', '/api/v1/notifications/read-all', UnreadCountSchema),
  },
} as const;
