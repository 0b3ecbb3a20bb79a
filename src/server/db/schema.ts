import type { ColumnType, Generated } from 'kysely';
import type { CompetitionGroup, CompetitionResults, ObservationCriterion, ProblemEventFacts } from '../../contracts/index.js';

/**
 * Kysely table types, written to match migrations/*.sql. A test (schema.test.ts)
 * compares them with the live catalogue so the two cannot drift apart silently.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface CityTable {
  code: string;
  name_zh: string;
  name_en: string | null;
  created_at: DefaultTimestamp;
}

export interface OrgUnitTable {
  city_code: string;
  id: Generated<number>;
  parent_id: number | null;
  kind: string;
  code: string | null;
  name_zh: string;
  name_en: string | null;
  park_level: string | null;
  path: string;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrgEnterpriseTable {
  city_code: string;
  id: Generated<number>;
  uscc: string;
  name: string;
  unit_id: number;
  is_active: Generated<boolean>;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IdentityUserTable {
  id: Generated<number>;
  city_code: string;
  username: string;
  display_name: string;
  role: string;
  scope_unit_id: number | null;
  scope_enterprise_id: number | null;
  email: string | null;
  phone: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IdentitySessionTable {
  token_hash: string;
  user_id: number;
  state: 'pending_totp' | 'active';
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  source_ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  city_code: string;
  id: Generated<number>;
  /** NULL until the sealer links the record into the chain (with prev_hash and hash). */
  seq: number | null;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  source_ip: string | null;
  result: string;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditChainHeadTable {
  city_code: string;
  seq: number;
  hash: string;
}

export interface SchemaMigrationTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface FileBlobTable {
  city_code: string;
  id: Generated<number>;
  purpose: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sm3: string;
  data: Buffer;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RegistrySettingTable {
  city_code: string;
  settings: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

/** numeric columns come back as strings (exact decimals). */
type Numeric = ColumnType<string, string, string>;
type NullableNumeric = ColumnType<string | null, string | null, string | null>;
/** date columns come back as 'yyyy-mm-dd' strings (see pool.ts). */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null, string | null>;

export interface ProjectTable {
  city_code: string;
  id: Generated<number>;
  code: string | null;
  name: string;
  owner_enterprise_id: number | null;
  unit_id: number;
  park_id: number | null;
  industry_code: string;
  industry_chain: string | null;
  category: string;
  level: string;
  kind: string;
  total_investment: Numeric;
  planned_start_on: NullableDate;
  planned_end_on: NullableDate;
  latitude: ColumnType<string | null, number | null, number | null>;
  longitude: ColumnType<string | null, number | null, number | null>;
  liaison_leader_user_id: number | null;
  responsible_unit_id: number | null;
  description: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMilestoneTable {
  city_code: string;
  project_id: number;
  kind: string;
  planned_on: NullableDate;
  actual_on: NullableDate;
}

export interface ProjectTaskForceMemberTable {
  city_code: string;
  project_id: number;
  position: number;
  name: string;
  role: string;
  phone: string | null;
}

export interface ProjectAnnualPlanTable {
  city_code: string;
  project_id: number;
  year: number;
  planned_investment: Numeric;
  monthly: ColumnType<string[] | null, string[] | null, string[] | null>;
}

export interface ProjectRevisionTable {
  city_code: string;
  project_id: number;
  version: number;
  changed_at: Timestamp;
  actor_user_id: number | null;
  actor_name: string | null;
  source: string;
  changes: ColumnType<unknown, string, string>;
}

export interface DealTable {
  city_code: string;
  id: Generated<number>;
  unit_id: number;
  kind: string;
  predecessor_deal_id: number | null;
  project_name: string;
  investor_name: string;
  investor_uscc: string | null;
  contracted_amount: Numeric;
  counted_amount: Numeric;
  industry_code: string;
  source: string;
  signed_on: DateColumn;
  filed_on: DateColumn;
  filing_delay_days: number;
  is_late_filing: boolean;
  registration_deadline: NullableDate;
  capital_schedule: ColumnType<{ dueOn: string; amount: string }[], string, string>;
  start_deadline: NullableDate;
  production_deadline: NullableDate;
  stage: string;
  stage_on: DateColumn;
  stage_reason: string | null;
  duplicate_key: string;
  duplicate_status: Generated<string>;
  duplicate_of_deal_id: number | null;
  project_id: number | null;
  is_high_tech: Generated<boolean>;
  is_strategic_emerging: Generated<boolean>;
  planned_rd_amount: NullableNumeric;
  planned_energy_tce: NullableNumeric;
  planned_annual_output: NullableNumeric;
  expected_annual_tax: NullableNumeric;
  land_area_mu: NullableNumeric;
  three_quantities: ColumnType<unknown, string, string>;
  contract_file_id: number | null;
  note: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DealStageEventTable {
  city_code: string;
  id: Generated<number>;
  deal_id: number;
  from_stage: string | null;
  to_stage: string;
  occurred_on: DateColumn;
  reason: string | null;
  evidence: string | null;
  actor_user_id: number | null;
  actor_name: string | null;
  recorded_at: Timestamp;
}

export interface DealTargetTable {
  city_code: string;
  unit_id: number;
  year: number;
  amount: Numeric;
}

export interface ImportJobTable {
  city_code: string;
  id: Generated<number>;
  kind: string;
  status: string;
  filename: string;
  file_sm3: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  annotated_file_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ReportMonthTable {
  city_code: string;
  month: DateColumn;
  due_on: DateColumn;
  locked_at: Timestamp | null;
  locked_by: number | null;
}

export interface ReportVersionTable {
  city_code: string;
  id: Generated<number>;
  project_id: number;
  month: DateColumn;
  version: number;
  kind: string;
  investment: Numeric;
  progress_text: string | null;
  problems_text: string | null;
  explanation: string | null;
  reason: string | null;
  submitted_by: number | null;
  submitted_name: string | null;
  submitted_at: Timestamp;
}

export interface ReportProjectTotalTable {
  city_code: string;
  project_id: number;
  investment: Numeric;
  last_month: DateColumn;
}

export interface ReportReturnTable {
  city_code: string;
  id: Generated<number>;
  project_id: number;
  month: DateColumn;
  of_version: number;
  reason: string;
  returned_by: number | null;
  returned_name: string | null;
  returned_at: Timestamp;
}

export interface ReportPhotoTable {
  city_code: string;
  id: Generated<number>;
  project_id: number;
  month: DateColumn;
  file_id: number;
  taken_at: Timestamp | null;
  latitude: ColumnType<string | null, number | null, number | null>;
  longitude: ColumnType<string | null, number | null, number | null>;
  created_by: number | null;
  created_name: string | null;
  /** Why a photo was added after the month was locked. */
  reason: string | null;
  created_at: Timestamp;
}

export interface DailyFeedbackTable {
  city_code: string;
  id: Generated<number>;
  project_id: number;
  noted_on: DateColumn;
  text: string;
  author_id: number | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface FundsWonTable {
  city_code: string;
  id: Generated<number>;
  unit_id: number;
  project_id: number | null;
  source: string;
  amount: Numeric;
  won_on: DateColumn;
  note: string | null;
  supersedes_id: number | null;
  reason: string | null;
  created_by: number | null;
  created_name: string | null;
  created_at: Timestamp;
}

// ---- evaluation (亩均论英雄), migrations/0011_evaluation.sql

export interface EvaluationEnterpriseTable {
  city_code: string;
  enterprise_id: number;
  park_id: number | null;
  industry_code: string;
  scale: string;
  land_owned_mu: Numeric;
  land_leased_mu: Numeric;
  production_start_year: number | null;
  flags: ColumnType<string[], string[], string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationValueTable {
  city_code: string;
  id: Generated<number>;
  year: number;
  enterprise_id: number;
  field: string;
  value: Numeric;
  source_unit_id: number;
  import_job_id: number | null;
  filename: string | null;
  imported_by: number | null;
  imported_at: Timestamp;
}

export interface EvaluationValueChoiceTable {
  city_code: string;
  year: number;
  enterprise_id: number;
  field: string;
  source_unit_id: number;
  reason: string;
  resolved_by: number | null;
  resolved_at: Timestamp;
}

export interface EvaluationMethodTable {
  city_code: string;
  id: Generated<number>;
  name: string;
  description: string | null;
  based_on: string | null;
  config: ColumnType<unknown, string, string>;
  is_frozen: Generated<boolean>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationAdjustmentTable {
  city_code: string;
  id: Generated<number>;
  year: number;
  enterprise_id: number;
  item_key: string;
  points: Numeric;
  evidence: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface EvaluationRunTable {
  city_code: string;
  id: Generated<number>;
  year: number;
  method_id: number;
  method_name: string;
  config: ColumnType<unknown, string, string>;
  run_no: number;
  status: string;
  objection_deadline: NullableDate;
  summary: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: Timestamp;
  published_at: Timestamp | null;
  finalized_at: Timestamp | null;
}

export interface EvaluationResultTable {
  city_code: string;
  run_id: number;
  enterprise_id: number;
  unit_id: number;
  county_id: number | null;
  park_id: number | null;
  industry_code: string;
  scale: string;
  land_mu: Numeric;
  group_key: string | null;
  status: string;
  reasons: ColumnType<string[], string[], string[]>;
  score: NullableNumeric;
  rank: number | null;
  rank_of: number | null;
  class: string | null;
  has_missing: boolean;
  detail: ColumnType<unknown, string, string>;
}

export interface EvaluationObjectionTable {
  city_code: string;
  id: Generated<number>;
  run_id: number;
  enterprise_id: number;
  text: string;
  evidence: string;
  status: string;
  resolution: string | null;
  created_by: number | null;
  created_at: Timestamp;
  resolved_by: number | null;
  resolved_at: Timestamp | null;
}

export interface BoardPublicationTable {
  city_code: string;
  month: DateColumn;
  published_at: Timestamp;
  published_by: number | null;
  published_name: string | null;
  annual_task: NullableNumeric;
  corrections: ColumnType<unknown, string, string>;
  briefing_file_id: number | null;
  workbook_file_id: number | null;
  honours_frozen: Generated<boolean>;
}

export interface BoardHonourTable {
  city_code: string;
  month: DateColumn;
  list: string;
  position: number;
  project_id: number;
  project_name: string;
  unit_id: number;
  unit_name: string;
  due_by_now: Numeric;
  ytd: Numeric;
  ratio: number | null;
  reasons: ColumnType<unknown, string, string>;
}

export interface BoardEntryTable {
  city_code: string;
  month: DateColumn;
  metric: string;
  unit_id: number;
  unit_name: string;
  value: Numeric;
  count: number | null;
  rank: number;
  previous_rank: number | null;
}

export interface CommitmentLetterTable {
  city_code: string;
  id: Generated<number>;
  unit_id: number;
  year: number;
  kind: string;
  title: string;
  status: Generated<string>;
  signed_on: NullableDate;
  scan_file_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitmentItemTable {
  city_code: string;
  id: Generated<number>;
  letter_id: number;
  position: number;
  kind: string;
  project_id: number | null;
  milestone_kind: string | null;
  deadline: DateColumn;
  committed_amount: NullableNumeric;
  committed_count: number | null;
  weight: ColumnType<string, string | number, string | number>;
  description: string | null;
  manual_status: string | null;
  manual_on: NullableDate;
  manual_evidence: string | null;
}

export interface CommitmentAmendmentTable {
  city_code: string;
  id: Generated<number>;
  letter_id: number;
  reason: string;
  before: ColumnType<unknown, string, string>;
  after: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_name: string | null;
  created_at: Timestamp;
}

export interface ProblemSettingTable {
  city_code: string;
  settings: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface ProblemCalendarYearTable {
  city_code: string;
  year: number;
  data: ColumnType<unknown, string, string>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface ProblemTable {
  city_code: string;
  id: Generated<number>;
  kind: string;
  source: string;
  project_id: number | null;
  unit_id: number;
  enterprise_id: number | null;
  category: string;
  title: string;
  description: string;
  raised_on: DateColumn;
  raised_by: number | null;
  raised_by_name: string | null;
  raised_by_unit_id: number | null;
  status: string;
  lead_unit_id: number | null;
  lead_person: string | null;
  deadline: NullableDate;
  is_complex: Generated<boolean>;
  accept_due: NullableDate;
  reply_due: NullableDate;
  accepted_on: NullableDate;
  replied_on: NullableDate;
  resolved_on: NullableDate;
  closed_on: NullableDate;
  escalation_level: string | null;
  reopen_count: Generated<number>;
  rating: string | null;
  rating_comment: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemCooperatingUnitTable {
  city_code: string;
  problem_id: number;
  unit_id: number;
}

export interface ProblemMeasureTable {
  city_code: string;
  problem_id: number;
  position: number;
  text: string;
  is_done: Generated<boolean>;
}

export interface ProblemEventTable {
  city_code: string;
  id: Generated<number>;
  problem_id: number;
  command: string;
  from_status: string | null;
  to_status: string;
  occurred_on: DateColumn;
  note: string | null;
  /** `ProblemEventFacts` as JSON, for notes the system wrote (migration 0027). */
  facts: ColumnType<ProblemEventFacts | null, string | null | undefined, string | null>;
  actor_user_id: number | null;
  actor_name: string | null;
  recorded_at: Timestamp;
}

export interface ProblemFileTable {
  city_code: string;
  problem_id: number;
  file_id: number;
  kind: string;
  added_by: number | null;
  added_at: Timestamp;
}

export interface ProblemEscalationTable {
  city_code: string;
  id: Generated<number>;
  problem_id: number;
  level: string;
  deadline: DateColumn;
  due_on: DateColumn;
  escalated_on: DateColumn;
  overdue_days: number;
  notice_no: string;
  addressed_to: string;
  notice: ColumnType<unknown, string, string>;
  recorded_at: Timestamp;
}

export interface DispatchMeetingTable {
  city_code: string;
  id: Generated<number>;
  held_on: DateColumn;
  title: string | null;
  chair: string;
  attendees: ColumnType<string[], string[] | undefined, string[]>;
  minutes: string | null;
  previous_meeting_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DispatchAgendaItemTable {
  city_code: string;
  meeting_id: number;
  position: number;
  kind: string;
  project_id: number | null;
  problem_id: number | null;
  title: string;
  reason: string;
  detail: string | null;
  carried_from_meeting_id: number | null;
}

export interface DispatchDecisionTable {
  city_code: string;
  id: Generated<number>;
  meeting_id: number;
  position: number;
  agenda_position: number | null;
  text: string;
  task_problem_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  city_code: string;
  id: Generated<number>;
  user_id: number;
  kind: string;
  message: string;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationOutboxTable {
  city_code: string;
  id: Generated<number>;
  channel: string;
  recipient: string | null;
  subject: string;
  body: string;
  link: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_to: ColumnType<string[], string[] | undefined, string[]>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface NotificationJobRunTable {
  job: string;
  last_run_at: Timestamp;
}

export interface ObservationTourTable {
  city_code: string;
  id: Generated<number>;
  title: string;
  year: number;
  quarter: number | null;
  held_on: DateColumn;
  status: Generated<string>;
  criteria: ColumnType<ObservationCriterion[], string, string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  opened_at: Date | null;
  closed_at: Date | null;
}

export interface ObservationSiteTable {
  city_code: string;
  tour_id: number;
  project_id: number;
  position: number;
}

export interface ObservationJudgeTable {
  city_code: string;
  tour_id: number;
  user_id: number;
  position: number;
}

export interface ObservationPhotoTable {
  city_code: string;
  id: Generated<number>;
  tour_id: number;
  project_id: number;
  file_id: number;
  taken_at: Date | null;
  latitude: ColumnType<string | null, number | null, number | null>;
  longitude: ColumnType<string | null, number | null, number | null>;
  created_by: number;
  created_name: string;
  created_at: Timestamp;
}

export interface ObservationScoreTable {
  city_code: string;
  tour_id: number;
  project_id: number;
  user_id: number;
  points: ColumnType<Record<string, number>, string, string>;
  note: string | null;
  scored_at: Timestamp;
}

export interface CompetitionSchemeTable {
  city_code: string;
  id: Generated<number>;
  year: number;
  title: string;
  status: Generated<string>;
  groups: ColumnType<CompetitionGroup[], string, string>;
  reward_count: number;
  warning_count: number;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  activated_at: Date | null;
}

export interface CompetitionEntryTable {
  city_code: string;
  scheme_id: number;
  period: string;
  indicator_key: string;
  unit_id: number;
  value: Numeric;
  evidence: string;
  entered_by: number | null;
  entered_name: string | null;
  entered_at: Timestamp;
}

export interface CompetitionAdjustmentTable {
  city_code: string;
  id: Generated<number>;
  scheme_id: number;
  period: string;
  unit_id: number;
  points: Numeric;
  reason: string;
  evidence: string;
  evidence_file_id: Generated<number | null>;
  created_by: number | null;
  created_name: string | null;
  created_at: Timestamp;
}

export interface CompetitionEntryDocumentTable {
  city_code: string;
  scheme_id: number;
  period: string;
  indicator_key: string;
  file_id: number;
  uploaded_by: number | null;
  uploaded_name: string | null;
  uploaded_at: Timestamp;
}

export interface CompetitionPublicationTable {
  city_code: string;
  scheme_id: number;
  period: string;
  results: ColumnType<Omit<CompetitionResults, 'published'>, string, string>;
  published_by: number | null;
  published_name: string | null;
  published_at: Timestamp;
}

export interface InspectionSettingsTable {
  city_code: string;
  routine_limit_per_year: number;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Date;
}

export interface EnterpriseCodeTable {
  city_code: string;
  enterprise_id: number;
  token: string;
  issue_count: Generated<number>;
  issued_by: number | null;
  issued_at: Date;
}

export interface InspectionTable {
  city_code: string;
  id: Generated<number>;
  enterprise_id: number;
  department_id: number;
  year: number;
  kind: string;
  purpose: string;
  legal_basis: string;
  inspectors: Json;
  over_limit: boolean;
  registered_by: number;
  registered_at: Date;
  rating: number | null;
  rating_comment: string | null;
  rated_by: number | null;
  rated_at: Date | null;
}

export interface InspectionCaseTable {
  city_code: string;
  id: Generated<number>;
  kind: string;
  status: Generated<string>;
  enterprise_id: number;
  department_id: number;
  inspection_id: number | null;
  occurred_on: DateColumn;
  description: string | null;
  opened_by: number | null;
  opened_at: Date;
  finding: string | null;
  conclusion: string | null;
  closed_by: number | null;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface Database {
  city: CityTable;
  org_unit: OrgUnitTable;
  org_enterprise: OrgEnterpriseTable;
  identity_user: IdentityUserTable;
  identity_session: IdentitySessionTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  schema_migration: SchemaMigrationTable;
  file_blob: FileBlobTable;
  registry_setting: RegistrySettingTable;
  project: ProjectTable;
  project_milestone: ProjectMilestoneTable;
  project_task_force_member: ProjectTaskForceMemberTable;
  project_annual_plan: ProjectAnnualPlanTable;
  project_revision: ProjectRevisionTable;
  deal: DealTable;
  deal_stage_event: DealStageEventTable;
  deal_target: DealTargetTable;
  import_job: ImportJobTable;
  report_month: ReportMonthTable;
  report_version: ReportVersionTable;
  report_project_total: ReportProjectTotalTable;
  report_return: ReportReturnTable;
  report_photo: ReportPhotoTable;
  daily_feedback: DailyFeedbackTable;
  funds_won: FundsWonTable;
  board_publication: BoardPublicationTable;
  board_entry: BoardEntryTable;
  board_honour: BoardHonourTable;
  commitment_letter: CommitmentLetterTable;
  commitment_item: CommitmentItemTable;
  commitment_amendment: CommitmentAmendmentTable;
  evaluation_enterprise: EvaluationEnterpriseTable;
  evaluation_value: EvaluationValueTable;
  evaluation_value_choice: EvaluationValueChoiceTable;
  evaluation_method: EvaluationMethodTable;
  evaluation_adjustment: EvaluationAdjustmentTable;
  evaluation_run: EvaluationRunTable;
  evaluation_result: EvaluationResultTable;
  evaluation_objection: EvaluationObjectionTable;
  problem_setting: ProblemSettingTable;
  problem_calendar_year: ProblemCalendarYearTable;
  problem: ProblemTable;
  problem_cooperating_unit: ProblemCooperatingUnitTable;
  problem_measure: ProblemMeasureTable;
  problem_event: ProblemEventTable;
  problem_file: ProblemFileTable;
  problem_escalation: ProblemEscalationTable;
  dispatch_meeting: DispatchMeetingTable;
  dispatch_agenda_item: DispatchAgendaItemTable;
  dispatch_decision: DispatchDecisionTable;
  observation_tour: ObservationTourTable;
  observation_site: ObservationSiteTable;
  observation_judge: ObservationJudgeTable;
  observation_score: ObservationScoreTable;
  observation_photo: ObservationPhotoTable;
  competition_scheme: CompetitionSchemeTable;
  competition_entry: CompetitionEntryTable;
  competition_adjustment: CompetitionAdjustmentTable;
  competition_publication: CompetitionPublicationTable;
  competition_entry_document: CompetitionEntryDocumentTable;
  inspection_settings: InspectionSettingsTable;
  enterprise_code: EnterpriseCodeTable;
  inspection: InspectionTable;
  inspection_case: InspectionCaseTable;
  notification: NotificationTable;
  notification_outbox: NotificationOutboxTable;
  notification_job_run: NotificationJobRunTable;
}
