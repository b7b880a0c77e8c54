import { InvalidTransitionError, LIFECYCLE_ACTIONS, MissingAgentError, applyAction, canApply, type LifecycleAction } from '../../tickets/lifecycle.js';
import { STATUSES, ticketSchema, type Ticket, type TicketStatus } from '../../tickets/model.js';

const created = '2025-01-01T00:00:00.000Z';
const now = new Date('2025-01-02T03:04:05.000Z');

function ticketIn(status: TicketStatus, assignee?: string): Ticket {
  const ticket: Ticket = {
    number: 'INC-000007',
    status,
    severity: 2,
    critical: false,
    region: 'emea',
    cloud: 'azure',
    category: 'api_call',
    queue: 'emea',
    summary: 'deploy fails',
    description: 'the deployment API answers 500',
    scope: { verdict: 'in' },
    evidence: [],
    customer: { channel: 'msteams', userId: 'u1', conversation: { channelId: 'msteams', serviceUrl: 'https://smba.example.com/', conversationId: 'c1' } },
    transcript: [],
    history: [{ at: created, action: 'open', from: null, to: 'new' }],
    version: 3,
    createdAt: created,
    updatedAt: created,
  };
  if (assignee !== undefined) ticket.assignee = assignee;
  return ticket;
}

/** The expected table: the status each action leads to from each status, or undefined when it is refused. */
const EXPECTED: Record<LifecycleAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  acknowledge: { new: 'acknowledged' },
  assign: { new: 'in_progress', acknowledged: 'in_progress', in_progress: 'in_progress' },
  start: { acknowledged: 'in_progress' },
  resolve: { new: 'resolved', acknowledged: 'resolved', in_progress: 'resolved' },
  close: { new: 'closed', acknowledged: 'closed', in_progress: 'closed', resolved: 'closed' },
  reopen: { resolved: 'acknowledged', closed: 'acknowledged' },
};

const cases = LIFECYCLE_ACTIONS.flatMap((action) => STATUSES.map((status) => [action, status, EXPECTED[action][status]] as const));

describe('applyAction', () => {
  it.each(cases.filter(([, , to]) => to !== undefined))('%s on a %s ticket gives %s', (action, status, to) => {
    const before = ticketIn(status);
    const after = applyAction(before, { action, agent: 'alice', note: ' looked at it ' }, now);
    expect(after.status).toBe(to);
    expect(after.updatedAt).toBe(now.toISOString());
    expect(after.version).toBe(3);
    expect(after.history).toEqual([...before.history, { at: now.toISOString(), action, from: status, to, agent: 'alice', note: 'looked at it' }]);
    expect(ticketSchema.parse(after)).toEqual(after);
    expect(canApply(action, status)).toBe(true);
    expect(before.status).toBe(status);
  });

  it.each(cases.filter(([, , to]) => to === undefined))('%s on a %s ticket is refused', (action, status) => {
    expect(() => applyAction(ticketIn(status), { action, agent: 'alice' }, now)).toThrow(InvalidTransitionError);
    expect(canApply(action, status)).toBe(false);
  });

  it('says what was refused', () => {
    expect(() => applyAction(ticketIn('closed'), { action: 'resolve' }, now)).toThrow('cannot resolve a ticket that is closed');
    expect(() => applyAction(ticketIn('in_progress'), { action: 'start' }, now)).toThrow('cannot start a ticket that is in progress');
  });

  it('refuses an action it does not know', () => {
    expect(() => applyAction(ticketIn('new'), { action: 'toString' as LifecycleAction }, now)).toThrow(InvalidTransitionError);
  });

  it('assign sets the assignee and needs an agent', () => {
    expect(applyAction(ticketIn('acknowledged'), { action: 'assign', agent: 'bob' }, now).assignee).toBe('bob');
    expect(() => applyAction(ticketIn('acknowledged'), { action: 'assign' }, now)).toThrow(MissingAgentError);
    expect(() => applyAction(ticketIn('acknowledged'), { action: 'assign', agent: '  ' }, now)).toThrow(MissingAgentError);
  });

  it('reopens an assigned ticket as in progress', () => {
    expect(applyAction(ticketIn('resolved', 'bob'), { action: 'reopen' }, now).status).toBe('in_progress');
    expect(applyAction(ticketIn('closed', 'bob'), { action: 'reopen' }, now).status).toBe('in_progress');
  });

  it('leaves agent and note out of the history when not given', () => {
    const entry = applyAction(ticketIn('new'), { action: 'acknowledge', note: '   ' }, now).history.at(-1);
    expect(entry).toEqual({ at: now.toISOString(), action: 'acknowledge', from: 'new', to: 'acknowledged' });
  });
});
