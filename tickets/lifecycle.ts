import { TICKET_ACTIONS, type HistoryEntry, type Ticket, type TicketStatus } from './model.js';

// model.ts owns the list of actions; everything after its leading "open" is the agents'. The
// tuple type survives the destructuring, so TRANSITIONS below must name exactly these.
const [, ...agentActions] = TICKET_ACTIONS;

/** What an agent can do to a ticket ("open" only happens once, when the service creates it). */
export const LIFECYCLE_ACTIONS = Object.freeze(agentActions);
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

interface ActionRequest {
  action: LifecycleAction;
  /** who does it; required for assign (the ticket's new assignee) */
  agent?: string;
  /** kept in the history; already redacted by the caller */
  note?: string;
}

interface Transition {
  from: readonly TicketStatus[];
  to: (ticket: Ticket) => TicketStatus;
}

const OPEN: readonly TicketStatus[] = ['new', 'acknowledged', 'in_progress'];

/** The status machine. Anything not in a row's `from` is an invalid transition. */
const TRANSITIONS: Record<LifecycleAction, Transition> = {
  acknowledge: { from: ['new'], to: () => 'acknowledged' },
  assign: { from: OPEN, to: () => 'in_progress' },
  start: { from: ['acknowledged'], to: () => 'in_progress' },
  resolve: { from: OPEN, to: () => 'resolved' },
  close: { from: [...OPEN, 'resolved'], to: () => 'closed' },
  // someone already owns it: work resumes; nobody does: it goes back to triage
  reopen: { from: ['resolved', 'closed'], to: (ticket) => (ticket.assignee !== undefined ? 'in_progress' : 'acknowledged') },
};

export class InvalidTransitionError extends Error {
  constructor(readonly action: string, readonly status: TicketStatus) {
    super(`cannot ${action} a ticket that is ${status.replace('_', ' ')}`);
    this.name = 'InvalidTransitionError';
  }
}

export class MissingAgentError extends Error {
  constructor(readonly action: LifecycleAction) {
    super(`${action} needs the agent's name`);
    this.name = 'MissingAgentError';
  }
}

/** Whether `action` is allowed on a ticket in `status` (for showing only the buttons that work). */
export function canApply(action: LifecycleAction, status: TicketStatus): boolean {
  return transitionFor(action)?.from.includes(status) ?? false;
}

// looked up defensively: the action may come from a card or an API, not only from typed code
function transitionFor(action: string): Transition | undefined {
  return Object.hasOwn(TRANSITIONS, action) ? TRANSITIONS[action as LifecycleAction] : undefined;
}

/**
 * The ticket after `request`: new status, a history entry, `updatedAt` = now; assign also sets
 * the assignee. The version is left alone (the store bumps it when it saves).
 * @throws InvalidTransitionError when the action is not allowed in the ticket's status
 * @throws MissingAgentError when assigning without an agent
 */
export function applyAction(ticket: Ticket, request: ActionRequest, now: Date): Ticket {
  const transition = transitionFor(request.action);
  if (transition === undefined || !transition.from.includes(ticket.status)) throw new InvalidTransitionError(request.action, ticket.status);
  const agent = request.agent?.trim();
  if (request.action === 'assign' && !agent) throw new MissingAgentError(request.action);

  const at = now.toISOString();
  const to = transition.to(ticket);
  const entry: HistoryEntry = { at, action: request.action, from: ticket.status, to };
  if (agent) entry.agent = agent;
  if (request.note !== undefined && request.note.trim() !== '') entry.note = request.note.trim();

  const next: Ticket = { ...ticket, status: to, updatedAt: at, history: [...ticket.history, entry] };
  if (request.action === 'assign' && agent) next.assignee = agent;
  return next;
}
