import { z } from 'zod';

/**
 * The incident ticket and its parts. Everything that crosses a boundary (the store, the agent
 * API, the webhook) is checked against these schemas, so a ticket read back is a ticket.
 */

export const REGIONS = ['us', 'canada', 'emea', 'apac'] as const;
export const regionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof regionSchema>;

export const CLOUDS = ['azure', 'aws', 'other'] as const;
export const cloudSchema = z.enum(CLOUDS);
export type Cloud = z.infer<typeof cloudSchema>;

export const CATEGORIES = ['api_call', 'box_error', 'portal_access', 'billing', 'other'] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

/** 1 critical outage (production down), 2 high, 3 normal, 4 low. */
export const SEVERITIES = [1, 2, 3, 4] as const;
/** One literal schema per value, as a tuple (a mapped type over a type parameter keeps tuples tuples). */
type LiteralSchemas<T extends readonly number[]> = { [K in keyof T]: z.ZodLiteral<T[K]> };
// a union of literals (not a number range) so the type is 1 | 2 | 3 | 4; the cast only restores
// the tuple type that Array.map loses
export const severitySchema = z.union(SEVERITIES.map((severity) => z.literal(severity)) as unknown as LiteralSchemas<typeof SEVERITIES>);
export type Severity = z.infer<typeof severitySchema>;

export const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export const statusSchema = z.enum(STATUSES);
export type TicketStatus = z.infer<typeof statusSchema>;

/** INC- and six digits or more: numbers come from one sequence in the store, shared by every process. */
export const ticketNumberSchema = z.string().regex(/^INC-\d{6,}$/, 'a ticket number looks like INC-000123');
export type TicketNumber = z.infer<typeof ticketNumberSchema>;

export const redactionCountsSchema = z.record(z.string(), z.number().int().nonnegative());
/** How many secrets of each kind were replaced, e.g. { "aws-access-key": 1, "bearer-token": 2 }. */
export type RedactionCounts = z.infer<typeof redactionCountsSchema>;

export const scopeVerdictSchema = z.object({
  /** in: platform-level support covers it; out: it is a managed-services matter; unknown: no scope item matched. */
  verdict: z.enum(['in', 'out', 'unknown']),
  /** the scope item from the knowledge base that decided it, when one did */
  item: z.string().optional(),
  /** the customer chose to file although the issue is outside scope */
  filedAnyway: z.boolean().optional(),
});
export type ScopeVerdict = z.infer<typeof scopeVerdictSchema>;

export const evidenceSchema = z.object({
  kind: z.enum(['request_body', 'agent_log', 'text']),
  /** the evidence as kept: already redacted */
  content: z.string(),
  /** what was learned from it: parse results, the log's errors, the HTTP method and endpoint */
  findings: z.array(z.string()),
  redactions: redactionCountsSchema,
  /** file name when the evidence came as an attachment */
  fileName: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const conversationReferenceSchema = z.object({
  channelId: z.string(),
  serviceUrl: z.string(),
  conversationId: z.string(),
  tenantId: z.string().optional(),
  botId: z.string().optional(),
  userId: z.string().optional(),
});
/** Where the customer can be told about their ticket later (a proactive message). */
export type TicketConversationReference = z.infer<typeof conversationReferenceSchema>;

export const customerSchema = z.object({
  channel: z.string(),
  userId: z.string(),
  name: z.string().optional(),
  conversation: conversationReferenceSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const transcriptTurnSchema = z.object({
  from: z.enum(['customer', 'bot']),
  text: z.string(),
  at: z.string(),
});
export type TranscriptTurn = z.infer<typeof transcriptTurnSchema>;

/**
 * Everything a history entry can record. "open" comes first and only the service does it (once,
 * when it files the ticket); lifecycle.ts takes the rest as the agents' actions.
 */
export const TICKET_ACTIONS = ['open', 'acknowledge', 'assign', 'start', 'resolve', 'close', 'reopen'] as const;
export const historyEntrySchema = z.object({
  at: z.string(),
  action: z.enum(TICKET_ACTIONS),
  from: statusSchema.nullable(),
  to: statusSchema,
  agent: z.string().optional(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const ticketSchema = z.object({
  number: ticketNumberSchema,
  status: statusSchema,
  severity: severitySchema,
  critical: z.boolean(),
  region: regionSchema,
  cloud: cloudSchema,
  category: categorySchema,
  queue: z.string(),
  summary: z.string(),
  description: z.string(),
  scope: scopeVerdictSchema,
  evidence: z.array(evidenceSchema),
  customer: customerSchema,
  assignee: z.string().optional(),
  transcript: z.array(transcriptTurnSchema).max(20),
  history: z.array(historyEntrySchema),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** What the customer's conversation produced; the service turns it into a ticket. */
export const ticketDraftSchema = ticketSchema.pick({
  severity: true,
  region: true,
  cloud: true,
  category: true,
  summary: true,
  description: true,
  scope: true,
  evidence: true,
  customer: true,
  transcript: true,
});
export type TicketDraft = z.infer<typeof ticketDraftSchema>;

/** Ticket number as shown to people: INC- and six digits. */
export function formatTicketNumber(sequence: number): TicketNumber {
  return `INC-${String(sequence).padStart(6, '0')}`;
}
