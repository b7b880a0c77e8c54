import { z } from 'zod';
import { LIFECYCLE_ACTIONS } from '../tickets/lifecycle.js';
import { regionSchema, statusSchema, ticketNumberSchema, type Severity, type Ticket } from '../tickets/model.js';
import type { ActRequest } from '../tickets/service.js';
import type { TicketFilter, TicketPage } from '../tickets/store/types.js';
import type { Logger } from './logger.js';

/**
 * The agents' REST API contract: what it needs from the ticket service, and the shapes of the
 * requests it accepts. Every request is checked against these schemas before the service sees it.
 */

/** The part of TicketService the agent API uses (tests may hand in their own). */
export interface AgentTicketOperations {
  get(number: string): Promise<Ticket | undefined>;
  list(filter: TicketFilter): Promise<TicketPage>;
  /** @throws TicketNotFoundError, VersionConflictError, InvalidTransitionError, MissingAgentError */
  act(number: string, request: ActRequest): Promise<Ticket>;
}

export interface AgentApiDeps {
  tickets: AgentTicketOperations;
  /** AGENT_API_TOKENS; empty: every call is refused */
  tokens: string[];
  logger: Logger;
  /** largest action body accepted; an action is a few hundred bytes, so the default is 16 KiB */
  maxBodyBytes?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
export const MAX_NOTE_LENGTH = 2000;

const severityMessage = 'severity is a number from 1 (critical) to 4 (low)';
const limitMessage = `limit is a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** Query of GET /api/tickets. Unknown parameters are refused: a misspelt filter would otherwise silently list everything. */
export const listQuerySchema = z
  .object({
    queue: z.string().min(1, 'queue must not be empty').max(100).optional(),
    region: regionSchema.optional(),
    severity: z.coerce
      .number({ invalid_type_error: severityMessage })
      .int(severityMessage)
      .min(1, severityMessage)
      .max(4, severityMessage)
      .transform((value) => value as Severity)
      .optional(),
    status: statusSchema.optional(),
    limit: z.coerce.number({ invalid_type_error: limitMessage }).int(limitMessage).min(1, limitMessage).max(MAX_PAGE_SIZE, limitMessage).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().min(1, 'cursor must not be empty').max(1000).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The route's parameters: agents type numbers by hand, so inc-000123 is accepted too. */
export const ticketPathSchema = z.object({
  number: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(ticketNumberSchema),
});

/** Body of POST /api/tickets/:number/actions. */
export const actionBodySchema = z
  .object({
    action: z.enum(LIFECYCLE_ACTIONS),
    /** who does it; required for assign (the new assignee), since a token names nobody */
    agent: z.string().trim().min(1, 'agent must not be empty').max(200).optional(),
    note: z.string().max(MAX_NOTE_LENGTH, `note is at most ${MAX_NOTE_LENGTH} characters`).optional(),
    version: z
      .number({ required_error: 'version is required: the ticket version you last saw', invalid_type_error: 'version is a positive whole number' })
      .int('version is a positive whole number')
      .positive('version is a positive whole number'),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.action === 'assign' && body.agent === undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['agent'], message: 'agent is required to assign a ticket: the name of the new assignee' });
    }
  });
export type ActionBody = z.infer<typeof actionBodySchema>;
