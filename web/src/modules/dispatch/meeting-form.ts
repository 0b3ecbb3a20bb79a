import type { z } from 'zod';
import {
  type CreateDecision,
  CreateDecisionSchema,
  type CreateMeeting,
  CreateMeetingSchema,
  type FieldError,
  formatIssues,
  LIMITS,
  type Locale,
  translate,
  type UpdateMeeting,
  UpdateMeetingSchema,
} from '../../../../src/contracts/index.js';
import { ApiError } from '../../api/client';
import { TAG_SEPARATORS } from '../../i18n/separators';
import { isBlank } from '../../lib/zod-form';
import { type DraftAgendaItem, toAgendaInputs } from './agenda-edit';

/** The new-meeting form (dates already as YYYY-MM-DD). */
export interface MeetingFormValues {
  heldOn?: string;
  title?: string;
  chair?: string;
  attendees?: string[];
}

/** The add-decision form; the task part only counts when `withTask` is on. */
export interface DecisionFormValues {
  text?: string;
  agendaPosition?: number | null;
  withTask?: boolean;
  task?: {
    category?: string;
    leadUnitId?: number;
    leadPerson?: string;
    deadline?: string;
  };
}

const ATTENDEE_SPLIT = new RegExp(`[${TAG_SEPARATORS.join('')}\\n]+`);

/** Attendees typed as tags or pasted as one line: split on 、，, ; and line breaks, trimmed, without repeats. */
export function normalizeAttendees(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    for (const part of value.split(ATTENDEE_SPLIT)) {
      const name = part.trim();
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** The request body for POST /dispatch/meetings (unchecked: parse it with the contract schema). */
export function meetingRequest(values: MeetingFormValues, agenda: readonly DraftAgendaItem[]): Record<string, unknown> {
  return {
    heldOn: values.heldOn,
    title: isBlank(values.title) ? null : values.title!.trim(),
    chair: values.chair?.trim() ?? '',
    attendees: normalizeAttendees(values.attendees),
    agenda: toAgendaInputs(agenda),
  };
}

/** The request body for POST /dispatch/meetings/:id/decisions (unchecked). */
export function decisionRequest(values: DecisionFormValues): Record<string, unknown> {
  const task = values.task ?? {};
  return {
    text: values.text?.trim() ?? '',
    agendaPosition: values.agendaPosition ?? null,
    ...(values.withTask
      ? {
          task: {
            category: isBlank(task.category) ? 'other' : task.category,
            leadUnitId: task.leadUnitId,
            leadPerson: isBlank(task.leadPerson) ? null : task.leadPerson!.trim(),
            deadline: task.deadline,
          },
        }
      : {}),
  };
}

function valueAt(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Check a request with the contract schema the server uses; invalid values throw the same
 * ApiError a server refusal would. An empty field, nested ones included (task.leadUnitId),
 * reports "required" whatever the schema's own complaint.
 */
export function parseRequest<S extends z.ZodType>(schema: S, body: Record<string, unknown>, locale: Locale): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: FieldError[] = formatIssues(result.error.issues, locale).map((field) =>
    isBlank(valueAt(body, field.path)) ? { ...field, message: translate(locale, 'validation.required') } : field,
  );
  throw new ApiError(400, 'VALIDATION_FAILED', translate(locale, 'error.VALIDATION_FAILED'), fields);
}

export function parseMeeting(values: MeetingFormValues, agenda: readonly DraftAgendaItem[], locale: Locale): CreateMeeting {
  return parseRequest(CreateMeetingSchema, meetingRequest(values, agenda), locale);
}

/** The request body for PATCH /dispatch/meetings/:id from the edit drawer (the date cannot change). */
export function parseMeetingUpdate(
  values: Omit<MeetingFormValues, 'heldOn'>,
  agenda: readonly DraftAgendaItem[],
  version: number,
  locale: Locale,
): UpdateMeeting {
  const { heldOn: _heldOn, ...own } = meetingRequest(values, agenda);
  return parseRequest(UpdateMeetingSchema, { version, ...own }, locale);
}

export function parseDecision(values: DecisionFormValues, locale: Locale): CreateDecision {
  return parseRequest(CreateDecisionSchema, decisionRequest(values), locale);
}

/** The list's page from the URL (so the back link of a meeting returns to it). */
export function listPageFromSearch(search: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= LIMITS.pageSizeMax ? pageSize : (LIMITS.pageSizeDefault as number),
  };
}

export function listSearchFromPage(page: number, pageSize: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (page > 1) out.page = String(page);
  if (pageSize !== LIMITS.pageSizeDefault) out.pageSize = String(pageSize);
  return out;
}

/** Tasks of a meeting still waiting for their handler (not resolved or confirmed). */
export function isOpenTask(status: string): boolean {
  return status === 'raised' || status === 'assigned' || status === 'in_progress';
}
