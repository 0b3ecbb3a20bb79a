-- Problem lists (清单管理制), supervision (限时督办), enterprise appeals (企业诉求), weekly
-- dispatch (周调度) and notifications. Problems and appeals are rows of one table: one
-- workflow, one set of deadlines, one escalation ladder.

-- Per-city settings: categories with their limits, appeal limits, the escalation ladder.
CREATE TABLE problem_setting (
  city_code   char(6) PRIMARY KEY REFERENCES city (code),
  settings    jsonb NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL
);

-- A city's own copy of a year of the working-day calendar (overrides reference/cn-workdays.json).
CREATE TABLE problem_calendar_year (
  city_code   char(6) NOT NULL REFERENCES city (code),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  data        jsonb NOT NULL,
  updated_by  bigint REFERENCES identity_user (id),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (city_code, year)
);

CREATE TABLE problem (
  city_code          char(6) NOT NULL REFERENCES city (code),
  id                 bigint GENERATED ALWAYS AS IDENTITY,
  kind               text NOT NULL CHECK (kind IN ('problem','appeal')),
  source             text NOT NULL CHECK (source IN ('direct','dispatch','enterprise')),
  -- What it belongs to: a project (and its unit), or a unit (cross-project problems, an appeal's enterprise's unit).
  project_id         bigint,
  unit_id            bigint NOT NULL,
  enterprise_id      bigint,
  category           text NOT NULL,
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description        text NOT NULL,
  raised_on          date NOT NULL,
  raised_by          bigint REFERENCES identity_user (id),
  raised_by_name     text,
  -- The raiser's unit (their scope unit, the city root for city roles): their colleagues may confirm.
  raised_by_unit_id  bigint,
  status             text NOT NULL CHECK (status IN ('raised','assigned','in_progress','resolved','confirmed')),
  -- 责任清单: lead unit and person, cooperating units (problem_cooperating_unit), deadline.
  lead_unit_id       bigint,
  lead_person        text,
  deadline           date,
  is_complex         boolean NOT NULL DEFAULT false,
  accept_due         date,
  reply_due          date,
  accepted_on        date,
  replied_on         date,
  resolved_on        date,
  closed_on          date,
  escalation_level   text CHECK (escalation_level IN ('unit','department','leader')),
  reopen_count       integer NOT NULL DEFAULT 0,
  rating             text CHECK (rating IN ('satisfied','basic','unsatisfied')),
  rating_comment     text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id),
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, enterprise_id) REFERENCES org_enterprise (city_code, id),
  FOREIGN KEY (city_code, raised_by_unit_id) REFERENCES org_unit (city_code, id),
  FOREIGN KEY (city_code, lead_unit_id) REFERENCES org_unit (city_code, id),
  CHECK (deadline IS NULL OR deadline >= raised_on),
  CHECK ((kind = 'appeal') = (enterprise_id IS NOT NULL)),
  CHECK (status = 'raised' OR lead_unit_id IS NOT NULL)
);
CREATE INDEX problem_project ON problem (city_code, project_id) WHERE project_id IS NOT NULL;
CREATE INDEX problem_lead ON problem (city_code, lead_unit_id);
CREATE INDEX problem_unit ON problem (city_code, unit_id);
CREATE INDEX problem_enterprise ON problem (city_code, enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX problem_open_deadline ON problem (city_code, deadline) WHERE status IN ('raised','assigned','in_progress');

CREATE TABLE problem_cooperating_unit (
  city_code   char(6) NOT NULL,
  problem_id  bigint NOT NULL,
  unit_id     bigint NOT NULL,
  PRIMARY KEY (city_code, problem_id, unit_id),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, unit_id) REFERENCES org_unit (city_code, id)
);
CREATE INDEX problem_cooperating_unit_unit ON problem_cooperating_unit (city_code, unit_id);

-- 措施清单.
CREATE TABLE problem_measure (
  city_code   char(6) NOT NULL,
  problem_id  bigint NOT NULL,
  position    integer NOT NULL CHECK (position >= 0),
  text        text NOT NULL,
  is_done     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (city_code, problem_id, position),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id) ON DELETE CASCADE
);

-- Every transition, dated, by whom, with its note (evidence, reason, reply).
CREATE TABLE problem_event (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  problem_id     bigint NOT NULL,
  command        text NOT NULL CHECK (command IN ('raise','assign','start','reply','resolve','confirm','reopen','escalate')),
  from_status    text,
  to_status      text NOT NULL,
  occurred_on    date NOT NULL,
  note           text,
  actor_user_id  bigint REFERENCES identity_user (id),
  actor_name     text,
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id)
);
CREATE INDEX problem_event_problem ON problem_event (city_code, problem_id, id);

CREATE TABLE problem_file (
  city_code   char(6) NOT NULL,
  problem_id  bigint NOT NULL,
  file_id     bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('attachment','evidence')),
  added_by    bigint REFERENCES identity_user (id),
  added_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, problem_id, file_id),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id),
  FOREIGN KEY (city_code, file_id) REFERENCES file_blob (city_code, id)
);

-- 限时督办: each step of the ladder an item took, with its supervision notice (督办函).
CREATE TABLE problem_escalation (
  city_code      char(6) NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  problem_id     bigint NOT NULL,
  level          text NOT NULL CHECK (level IN ('unit','department','leader')),
  -- The deadline the step was measured against (a new deadline starts a new ladder).
  deadline       date NOT NULL,
  due_on         date NOT NULL,
  escalated_on   date NOT NULL,
  overdue_days   integer NOT NULL,
  notice_no      text NOT NULL,
  addressed_to   text NOT NULL,
  -- What the notice says, frozen when it was issued.
  notice         jsonb NOT NULL,
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, problem_id, deadline, level),
  UNIQUE (city_code, notice_no),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id)
);

-- 周调度.
CREATE TABLE dispatch_meeting (
  city_code            char(6) NOT NULL REFERENCES city (code),
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  held_on              date NOT NULL,
  title                text,
  chair                text NOT NULL,
  attendees            text[] NOT NULL DEFAULT '{}',
  minutes              text,
  previous_meeting_id  bigint,
  version              integer NOT NULL DEFAULT 1,
  created_by           bigint REFERENCES identity_user (id),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, held_on),
  FOREIGN KEY (city_code, previous_meeting_id) REFERENCES dispatch_meeting (city_code, id)
);

CREATE TABLE dispatch_agenda_item (
  city_code                char(6) NOT NULL,
  meeting_id               bigint NOT NULL,
  position                 integer NOT NULL CHECK (position >= 0),
  kind                     text NOT NULL CHECK (kind IN ('project','problem','task','other')),
  project_id               bigint,
  problem_id               bigint,
  title                    text NOT NULL,
  reason                   text NOT NULL CHECK (reason IN ('red','yellow','overdue','carried','manual')),
  detail                   text,
  carried_from_meeting_id  bigint,
  PRIMARY KEY (city_code, meeting_id, position),
  FOREIGN KEY (city_code, meeting_id) REFERENCES dispatch_meeting (city_code, id) ON DELETE CASCADE,
  FOREIGN KEY (city_code, project_id) REFERENCES project (city_code, id),
  FOREIGN KEY (city_code, problem_id) REFERENCES problem (city_code, id)
);

CREATE TABLE dispatch_decision (
  city_code        char(6) NOT NULL,
  id               bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id       bigint NOT NULL,
  position         integer NOT NULL CHECK (position >= 0),
  agenda_position  integer,
  text             text NOT NULL,
  -- 交办事项: the problem-list item the decision handed out.
  task_problem_id  bigint,
  created_by       bigint REFERENCES identity_user (id),
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, meeting_id, position),
  FOREIGN KEY (city_code, meeting_id) REFERENCES dispatch_meeting (city_code, id),
  FOREIGN KEY (city_code, task_problem_id) REFERENCES problem (city_code, id)
);

-- In-app inbox. `message` is a catalog key with its parameters, translated when read.
CREATE TABLE notification (
  city_code    char(6) NOT NULL REFERENCES city (code),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  user_id      bigint NOT NULL REFERENCES identity_user (id),
  kind         text NOT NULL,
  message      text NOT NULL,
  params       jsonb NOT NULL DEFAULT '{}',
  link         text,
  -- Idempotence of scheduled notifications (one reminder per item and deadline, one digest per day).
  dedupe_key   text,
  created_at   timestamptz NOT NULL,
  read_at      timestamptz,
  PRIMARY KEY (city_code, id),
  UNIQUE (city_code, user_id, dedupe_key)
);
CREATE INDEX notification_inbox ON notification (city_code, user_id, id DESC);
CREATE INDEX notification_unread ON notification (city_code, user_id) WHERE read_at IS NULL;

-- Outbound messages, written in the business transaction and delivered afterwards
-- (group robots: DingTalk, WeCom; e-mail), retried with backoff.
CREATE TABLE notification_outbox (
  city_code        char(6) NOT NULL REFERENCES city (code),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  channel          text NOT NULL CHECK (channel IN ('group','email')),
  -- E-mail address (email); null for the group robots.
  recipient        text,
  subject          text NOT NULL,
  body             text NOT NULL,
  link             text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','skipped')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  -- Group messages: the robots that have it already (a retry skips them).
  delivered_to     text[] NOT NULL DEFAULT '{}',
  last_error       text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  PRIMARY KEY (city_code, id)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending';

-- Scheduled jobs: when each last ran (all processes share it, so a job runs once per due time).
CREATE TABLE notification_job_run (
  job          text PRIMARY KEY,
  last_run_at  timestamptz NOT NULL
);
