import { z } from 'zod';
import { IdSchema, PageQuerySchema, VersionSchema, pageOf } from './common.js';
import { PROBLEM_STATUSES } from './problems.js';
import { IsoDateSchema } from './reference.js';

/**
 * Weekly dispatch (周调度): a meeting record with its agenda (proposed from red/yellow
 * projects, overdue problems and what the last meeting left open), minutes and decisions;
 * a decision can hand out a task (交办事项) that lives on as a problem-list item.
 */
export const AGENDA_ITEM_KINDS = ['project', 'problem', 'task', 'other'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** Why an item is on the proposed agenda. */
export const AGENDA_REASONS = ['red', 'yellow', 'overdue', 'carried', 'manual'] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

export const DISPATCH_LIMITS = { agendaMax: 100, decisionsMax: 100, attendeesMax: 60, minutesMax: 20_000 } as const;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AgendaItemInputSchema = z
  .object({
    kind: z.enum(AGENDA_ITEM_KINDS),
    projectId: IdSchema.nullable().optional(),
    problemId: IdSchema.nullable().optional(),
    title: Text(200),
    reason: z.enum(AGENDA_REASONS).default('manual'),
    /** What made it red/yellow/overdue, in words (proposals fill it in). */
    detail: z.string().trim().max(500).nullable().optional(),
    carriedFromMeetingId: IdSchema.nullable().optional(),
  })
  .strict();
export type AgendaItemInput = z.infer<typeof AgendaItemInputSchema>;

export const CreateMeetingSchema = z
  .object({
    heldOn: IsoDateSchema,
    title: z.string().trim().max(100).nullable().optional(),
    chair: Text(50),
    attendees: z.array(Text(50)).max(DISPATCH_LIMITS.attendeesMax).default([]),
    /** Omitted: the proposed agenda. Items carried over from the last meeting are always added. */
    agenda: z.array(AgendaItemInputSchema).max(DISPATCH_LIMITS.agendaMax).optional(),
    minutes: z.string().trim().max(DISPATCH_LIMITS.minutesMax).nullable().optional(),
  })
  .strict();
export type CreateMeeting = z.infer<typeof CreateMeetingSchema>;

export const UpdateMeetingSchema = z
  .object({
    version: VersionSchema,
    title: z.string().trim().max(100).nullable().optional(),
    chair: Text(50).optional(),
    attendees: z.array(Text(50)).max(DISPATCH_LIMITS.attendeesMax).optional(),
    /** The whole agenda as it should be (positions follow the order). */
    agenda: z.array(AgendaItemInputSchema).max(DISPATCH_LIMITS.agendaMax).optional(),
    minutes: z.string().trim().max(DISPATCH_LIMITS.minutesMax).nullable().optional(),
  })
  .strict();
export type UpdateMeeting = z.infer<typeof UpdateMeetingSchema>;

export const DecisionTaskSchema = z
  .object({
    category: z.string().trim().min(1).max(40).default('other'),
    /** The project the task is about (defaults to the agenda item's project). */
    projectId: IdSchema.nullable().optional(),
    leadUnitId: IdSchema,
    leadPerson: z.string().trim().max(50).nullable().optional(),
    cooperatingUnitIds: z.array(IdSchema).max(20).optional(),
    deadline: IsoDateSchema,
  })
  .strict();
export type DecisionTask = z.infer<typeof DecisionTaskSchema>;

export const CreateDecisionSchema = z
  .object({
    text: Text(2000),
    /** The agenda item (0-based position) the decision answers. */
    agendaPosition: z.number().int().min(0).max(DISPATCH_LIMITS.agendaMax).nullable().optional(),
    /** Hand out a task (交办事项): it becomes a problem-list item, assigned to its owner with a deadline. */
    task: DecisionTaskSchema.optional(),
  })
  .strict();
export type CreateDecision = z.infer<typeof CreateDecisionSchema>;

export const AgendaProposalQuerySchema = z.object({ heldOn: IsoDateSchema }).strict();
export const MeetingListQuerySchema = PageQuerySchema.extend({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() }).strict();
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

export const AgendaItemSchema = z.object({
  position: z.number().int(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  problemId: z.number().nullable(),
  problemStatus: z.enum(PROBLEM_STATUSES).nullable(),
  title: z.string(),
  reason: z.enum(AGENDA_REASONS),
  detail: z.string().nullable(),
  carriedFromMeetingId: z.number().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const AgendaProposalSchema = z.object({
  heldOn: z.string(),
  previousMeetingId: z.number().nullable(),
  /** Red and yellow projects beyond the proposal's limit (the worst are proposed). */
  omittedProjects: z.number().int(),
  items: z.array(AgendaItemSchema),
});
export type AgendaProposal = z.infer<typeof AgendaProposalSchema>;

export const DecisionSchema = z.object({
  id: z.number(),
  position: z.number().int(),
  agendaPosition: z.number().int().nullable(),
  text: z.string(),
  task: z
    .object({
      problemId: z.number(),
      title: z.string(),
      leadUnitId: z.number().nullable(),
      leadUnitName: z.string().nullable(),
      leadPerson: z.string().nullable(),
      deadline: z.string().nullable(),
      status: z.enum(PROBLEM_STATUSES),
    })
    .nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const MeetingSummarySchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  title: z.string().nullable(),
  chair: z.string(),
  agendaCount: z.number().int(),
  taskCount: z.number().int(),
  openTaskCount: z.number().int(),
  updatedAt: z.string(),
});
export const MeetingPageSchema = pageOf(MeetingSummarySchema);

export const MeetingSchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  title: z.string().nullable(),
  chair: z.string(),
  attendees: z.array(z.string()),
  minutes: z.string().nullable(),
  previousMeetingId: z.number().nullable(),
  agenda: z.array(AgendaItemSchema),
  decisions: z.array(DecisionSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;
