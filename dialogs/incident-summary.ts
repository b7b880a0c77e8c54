import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { sourceLine } from '../bot/cards.js';
import type { OutagePhone, ScopeCheck } from '../knowledge/incident-facts.js';
import type { Region, Ticket } from '../tickets/model.js';
import { describeRedactions } from '../tickets/redaction/index.js';
import { SEVERITY_DEFINITIONS } from '../tickets/triage/severity.js';
import { allRedactions, type IncidentDraftState } from './incident-draft.js';
import { CATEGORY_LABELS, CLOUD_LABELS, REGION_LABELS } from './incident-prompts.js';

/**
 * What the incident dialog tells the customer besides its questions: the outage number, the
 * scope verdict, the draft to check before filing, and the ticket number.
 */

const MAX_FINDINGS_SHOWN = 3;

/** The first reply to a critical outage: the number to call, before any question, with the article it comes from. */
export function criticalNotice(phones: readonly OutagePhone[], region: Region | undefined): string {
  const lead = 'This sounds like a critical outage.';
  const tail = "the fastest way to reach support. I'll keep filing the ticket meanwhile.";
  const own = region ? phones.find((phone) => phone.region === region) : undefined;
  if (own) return `${lead} Call ${own.number} now for ${own.label} — ${tail}\n\n${sourceLine([own.source])}`;
  const list = phones.map((phone) => `- ${phone.label}: ${phone.number}`).join('\n');
  return `${lead} Call support now — ${tail}\n\n${list}\n\n${sourceLine(uniqueSources(phones))}`;
}

function uniqueSources(phones: readonly OutagePhone[]): OutagePhone['source'][] {
  return [...new Map(phones.map((phone) => [phone.source.slug, phone.source])).values()];
}

/** The number of the region the customer confirmed, when it differs from the one given at first. */
export function correctedNumber(phone: OutagePhone): string {
  return `For ${phone.label} the critical-outage number is ${phone.number}.`;
}

/** Outside platform-level support: what was matched and where such work is offered instead. */
export function outOfScopeMessage(scope: ScopeCheck): string {
  const item = scope.item ? `**${scope.item}**` : 'This';
  const pointer = scope.managedServices ? `\n\n${scope.managedServices}` : '';
  return `${item} is outside platform-level support, so support may not be able to act on this ticket.${pointer}`;
}

export const FILE_ANYWAY = 'Do you want me to file it anyway?';

/** The draft as the customer checks it: a card for channels that show one, the same as text otherwise. */
export function draftSummaryActivity(draft: IncidentDraftState): Partial<Activity> {
  const facts = draftFacts(draft);
  const findings = topFindings(draft);
  const removed = describeRedactions(allRedactions(draft));
  const removedLine = removed === 'nothing' ? null : `Removed before saving: ${removed}`;

  const text = [
    'Here is the ticket I will file:',
    ...facts.map(([title, value]) => `- **${title}**: ${value}`),
    ...(findings.length ? ['', 'From the evidence:', ...findings.map((finding) => `- ${finding}`)] : []),
    ...(removedLine ? ['', removedLine] : []),
  ].join('\n');

  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: text,
    body: [
      { type: 'TextBlock', text: 'Ticket to file', weight: 'bolder', size: 'medium', wrap: true },
      { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
      ...(findings.length
        ? [
            { type: 'TextBlock', text: 'From the evidence', weight: 'bolder', wrap: true, spacing: 'medium' },
            ...findings.map((finding) => ({ type: 'TextBlock', text: `• ${finding}`, wrap: true })),
          ]
        : []),
      ...(removedLine ? [{ type: 'TextBlock', text: removedLine, wrap: true, isSubtle: true, spacing: 'medium' }] : []),
    ],
  };
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.text = text;
  activity.summary = text.slice(0, 200);
  return activity;
}

/** The findings most worth a glance: errors and statuses first, then the call made, then the rest. */
function topFindings(draft: IncidentDraftState): string[] {
  const weight = (finding: string): number => (/\b(?:error|fatal|fail\w*|exception|status)\b/i.test(finding) ? 2 : /^(?:Called: )?[A-Z]+ \//.test(finding) ? 1 : 0);
  const all = draft.evidence.flatMap((item) => item.findings);
  // a stable sort keeps each file's own order among findings of the same weight
  return [...all].sort((a, b) => weight(b) - weight(a)).slice(0, MAX_FINDINGS_SHOWN);
}

function draftFacts(draft: IncidentDraftState): [string, string][] {
  const facts: [string, string][] = [];
  if (draft.cloud) facts.push(['Cloud', CLOUD_LABELS[draft.cloud]]);
  if (draft.region) facts.push(['Region', REGION_LABELS[draft.region]]);
  if (draft.severity) facts.push(['Severity', `${draft.severity} (${SEVERITY_DEFINITIONS[draft.severity].split(':')[0]})`]);
  if (draft.category) facts.push(['Category', CATEGORY_LABELS[draft.category]]);
  if (draft.summary) facts.push(['Summary', draft.summary]);
  facts.push(['Scope', scopeLine(draft)]);
  return facts;
}

function scopeLine(draft: IncidentDraftState): string {
  const scope = draft.scope;
  if (!scope || scope.verdict === 'unknown') return 'not matched to a scope item';
  if (scope.verdict === 'in') return `covered${scope.item ? ` (${scope.item})` : ''}`;
  return `outside platform-level support${scope.item ? ` (${scope.item})` : ''}${scope.filedAnyway ? ', filed anyway' : ''}`;
}

/** The reply once the ticket exists: its number, severity and queue, or that it was filed before. */
export function filedMessage(ticket: Ticket, created: boolean): string {
  if (!created) return `That was already filed as ${ticket.number}. Type **status of ${ticket.number}** to see where it is.`;
  const queue = queueLabel(ticket.queue);
  const next = ticket.critical
    ? 'Support is alerted now; if you have not called the outage number yet, please do.'
    : 'An engineer will pick it up; type **my tickets** to check on it.';
  return `Filed ${ticket.number} (severity ${ticket.severity}, ${queue} queue). ${next}`;
}

/** "EMEA" for the emea queue, "US" for us; a queue named otherwise as it is named. */
export function queueLabel(queue: string): string {
  return queue in REGION_LABELS ? REGION_LABELS[queue as Region].replace(/^the /, '') : queue;
}

export const NOTHING_FILED = 'Nothing was filed.';

/** The ticket system could not be reached: the draft is kept and the customer can retry (or call). */
export function filingFailedMessage(phone: OutagePhone | null): string {
  const call = phone ? ` If it cannot wait, call **${phone.number}** (${phone.label}).` : '';
  return `I could not reach the ticket system to file this just now. Your draft is kept.${call}`;
}
export const CANCELLED = 'Cancelled, nothing was filed.';
export const NOT_FILED_OUT_OF_SCOPE = 'All right, nothing was filed. The Managed Services team can help with this kind of work.';
