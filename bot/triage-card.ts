import type { Activity, Attachment } from 'botbuilder';
import { canApply, type LifecycleAction } from '../tickets/lifecycle.js';
import type { HistoryEntry, ScopeVerdict, Severity, Ticket } from '../tickets/model.js';
import { adaptiveCard, adaptiveCardActivity, cardAttachment, clip, statusText } from './cards.js';

/*
 * The agents' card for one ticket, posted into the queue's Teams channel and refreshed in place.
 * Buttons are Action.Execute (Universal Actions: the press comes back as an `adaptiveCard/action`
 * invoke and the bot answers with the refreshed card). Each one carries an Action.Submit fallback
 * with the same data, so an older client sends a message whose `value` is that data instead.
 */

const TOP_FINDINGS = 3;
const MAX_TEXT = 300;

/** The card buttons' verbs; `ticket.refresh` is the card's own refresh action. */
const TICKET_VERBS = ['ticket.acknowledge', 'ticket.assign', 'ticket.resolve', 'ticket.refresh'] as const;
type TicketVerb = (typeof TICKET_VERBS)[number];

/** What a button press carries: the same shape for Action.Execute `data` and an Action.Submit `value`. */
export interface TicketPress {
  verb: TicketVerb;
  /** the ticket number, e.g. INC-000123 */
  ticket: string;
  /** the version the agent saw; absent only for a refresh */
  version?: number;
}

interface TriageCardOptions {
  /** a short line shown under the header, e.g. why the press did not change the ticket */
  note?: string;
}

type CardColour = 'attention' | 'warning' | 'accent' | 'default';

/** The header colour for a severity: 1 attention (red), 2 warning, 3 accent, 4 default. */
const SEVERITY_COLOURS: Record<Severity, CardColour> = { 1: 'attention', 2: 'warning', 3: 'accent', 4: 'default' };
const SEVERITY_NAMES: Record<Severity, string> = { 1: 'critical outage', 2: 'high', 3: 'normal', 4: 'low' };


const BUTTONS: readonly { action: LifecycleAction; verb: TicketVerb; title: string }[] = [
  { action: 'acknowledge', verb: 'ticket.acknowledge', title: 'Acknowledge' },
  { action: 'assign', verb: 'ticket.assign', title: 'Assign to me' },
  { action: 'resolve', verb: 'ticket.resolve', title: 'Resolve' },
];

/** The lifecycle action behind a verb (none for a refresh). */
export function actionOfVerb(verb: TicketVerb): LifecycleAction | undefined {
  return BUTTONS.find((button) => button.verb === verb)?.action;
}

/** Reads a press from an Action.Execute `data` or an Action.Submit `value`; undefined when it is not a ticket press. */
export function parseTicketPress(data: unknown): TicketPress | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { verb, ticket, version } = data as Record<string, unknown>;
  if (typeof verb !== 'string' || !(TICKET_VERBS as readonly string[]).includes(verb)) return undefined;
  if (typeof ticket !== 'string' || ticket === '') return undefined;
  const press: TicketPress = { verb: verb as TicketVerb, ticket };
  if (typeof version === 'number' && Number.isInteger(version)) press.version = version;
  return press;
}

const pressData = (verb: TicketVerb, ticket: Ticket): TicketPress => ({ verb, ticket: ticket.number, version: ticket.version });

const words = (value: string): string => value.replace(/_/g, ' ');

function scopeText(scope: ScopeVerdict): string {
  const item = scope.item ? ` (${scope.item})` : '';
  if (scope.verdict === 'in') return `in scope${item}`;
  if (scope.verdict === 'out') return `outside platform support${item}${scope.filedAnyway ? ', filed anyway' : ''}`;
  return 'not determined';
}

/** The first few findings across all evidence: what an agent reads before opening anything. */
function topFindings(ticket: Ticket): string[] {
  return ticket.evidence.flatMap((item) => item.findings).slice(0, TOP_FINDINGS).map((finding) => clip(finding, 200));
}

function evidenceText(ticket: Ticket): string {
  if (ticket.evidence.length === 0) return 'no evidence attached';
  const kinds = ticket.evidence.map((item) => item.fileName ?? words(item.kind));
  return `${ticket.evidence.length} item${ticket.evidence.length > 1 ? 's' : ''}: ${kinds.join(', ')}`;
}

function redactionText(ticket: Ticket): string {
  const totals = new Map<string, number>();
  for (const item of ticket.evidence) for (const [kind, count] of Object.entries(item.redactions)) totals.set(kind, (totals.get(kind) ?? 0) + count);
  const parts = [...totals].filter(([, count]) => count > 0).map(([kind, count]) => `${count} ${kind}`);
  return parts.length > 0 ? `Secrets redacted: ${parts.join(', ')}` : 'No secrets found in the evidence';
}

const DONE: Record<HistoryEntry['action'], string> = {
  open: 'opened',
  acknowledge: 'acknowledged',
  assign: 'assigned',
  start: 'started',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};

/** "2024-05-01T10:00:12.345Z" → "2024-05-01 10:00 UTC": the card is read by people in many time zones. */
const minuteUtc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function historyText(entry: HistoryEntry | undefined): string {
  if (entry === undefined) return '';
  const who = entry.agent ? ` ${entry.action === 'assign' ? 'to' : 'by'} ${entry.agent}` : '';
  const note = entry.note ? `: ${clip(entry.note, 200)}` : '';
  return `Last: ${DONE[entry.action]}${who} at ${minuteUtc(entry.at)}${note}`;
}

function headline(ticket: Ticket): string {
  return `${ticket.number} · Sev ${ticket.severity} ${SEVERITY_NAMES[ticket.severity]}${ticket.critical ? ' · CRITICAL' : ''}`;
}

/** The ticket as plain text: the card's fallback for clients that cannot render it. */
function triageText(ticket: Ticket): string {
  const findings = topFindings(ticket);
  return [
    `${headline(ticket)} — ${statusText(ticket.status)}`,
    clip(ticket.summary, MAX_TEXT),
    `Region ${ticket.region} · ${ticket.cloud} · ${words(ticket.category)} · queue ${ticket.queue}`,
    `Scope: ${scopeText(ticket.scope)}`,
    `Evidence: ${evidenceText(ticket)}${findings.length > 0 ? `\n${findings.map((f) => `- ${f}`).join('\n')}` : ''}`,
    redactionText(ticket),
    `Assignee: ${ticket.assignee ?? 'nobody yet'}`,
    historyText(ticket.history.at(-1)),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function button(ticket: Ticket, verb: TicketVerb, title: string): object {
  const data = pressData(verb, ticket);
  // clients without Universal Actions drop Action.Execute and render the fallback instead
  return { type: 'Action.Execute', title, verb, data, fallback: { type: 'Action.Submit', title, data } };
}

function cardBody(ticket: Ticket, note: string | undefined): object[] {
  const findings = topFindings(ticket);
  const last = historyText(ticket.history.at(-1));
  return [
    {
      type: 'Container',
      style: SEVERITY_COLOURS[ticket.severity],
      bleed: true,
      items: [
        { type: 'TextBlock', text: headline(ticket), weight: 'bolder', size: 'medium', wrap: true },
        { type: 'TextBlock', text: clip(ticket.summary, MAX_TEXT), wrap: true, spacing: 'small' },
      ],
    },
    ...(note ? [{ type: 'TextBlock', text: note, wrap: true, color: 'warning', weight: 'bolder' }] : []),
    {
      type: 'FactSet',
      facts: [
        { title: 'Status', value: statusText(ticket.status) },
        { title: 'Region', value: ticket.region },
        { title: 'Cloud', value: ticket.cloud },
        { title: 'Category', value: words(ticket.category) },
        { title: 'Queue', value: ticket.queue },
        { title: 'Scope', value: scopeText(ticket.scope) },
        { title: 'Assignee', value: ticket.assignee ?? 'nobody yet' },
      ],
    },
    { type: 'TextBlock', text: `Evidence: ${evidenceText(ticket)}`, wrap: true, weight: 'bolder', separator: true },
    ...findings.map((finding) => ({ type: 'TextBlock', text: `• ${finding}`, wrap: true, spacing: 'none', fontType: 'monospace', size: 'small' })),
    { type: 'TextBlock', text: redactionText(ticket), wrap: true, isSubtle: true, size: 'small' },
    ...(last ? [{ type: 'TextBlock', text: last, wrap: true, isSubtle: true, size: 'small' }] : []),
  ];
}

/** The card JSON itself (what an `adaptiveCard/action` invoke response carries as its value). */
export function triageCardContent(ticket: Ticket, options: TriageCardOptions = {}): Record<string, unknown> {
  return adaptiveCard({
    fallbackText: triageText(ticket),
    // userIds [] (Teams guidance): no automatic refresh for every viewer of a busy channel, only
    // the "Refresh card" menu item; the bot updates the posted card itself whenever the ticket changes
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'ticket.refresh', data: { verb: 'ticket.refresh', ticket: ticket.number } },
      userIds: [],
    },
    body: cardBody(ticket, options.note),
    actions: BUTTONS.filter((b) => canApply(b.action, ticket.status)).map((b) => button(ticket, b.verb, b.title)),
  });
}

/** The agents' triage card for a ticket as an Adaptive Card 1.5 attachment. */
export function triageCard(ticket: Ticket, options: TriageCardOptions = {}): Attachment {
  return cardAttachment(triageCardContent(ticket, options));
}

/** A message activity carrying the triage card, with a plain-text summary for notifications and old clients. */
export function triageCardActivity(ticket: Ticket, options: TriageCardOptions = {}): Partial<Activity> {
  return adaptiveCardActivity(triageCardContent(ticket, options), `${headline(ticket)}: ${ticket.summary}`);
}
