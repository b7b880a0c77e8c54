import type { Category, Cloud, Customer, Evidence, RedactionCounts, Region, ScopeVerdict, Severity, TicketDraft, TranscriptTurn } from '../tickets/model.js';
import { mergeCounts, redact } from '../tickets/redaction/index.js';
import { inferCategory } from '../tickets/triage/category.js';
import { inferCloud } from '../tickets/triage/cloud.js';
import { asksForTicket, isQuestion, problemStatement, statesProblem } from '../tickets/triage/problem.js';
import { regionFromLocale } from '../tickets/triage/region.js';
import { inferSeverity } from '../tickets/triage/severity.js';
import type { IncidentKnowledge } from './ports.js';

/**
 * The ticket as the incident dialog fills it, kept in dialog state between turns. Dialog state
 * is persisted, so everything the customer typed is redacted before it lands here.
 */
export interface IncidentDraftState {
  /** the message that started the dialog, redacted */
  firstMessage: string;
  cloud?: Cloud;
  /** set only once the customer confirmed or chose it */
  region?: Region;
  /** a region read from the text or the client's settings, still to be confirmed */
  regionGuess?: { region: Region; from: 'text' | 'client' };
  severity?: Severity;
  category?: Category;
  summary?: string;
  description?: string;
  scope?: ScopeVerdict;
  evidence: Evidence[];
  /** what was removed from the summary and description */
  redactions: RedactionCounts;
  /** the region whose outage number the customer was already given, or 'all' */
  outageNumberGiven?: Region | 'all';
}

/** How the dialog is started: the customer's first message, already redacted. */
export interface IncidentStart {
  firstMessage: string;
  redactions: RedactionCounts;
}

/** What the client says about where the customer is. */
export interface ClientHints {
  locale?: string | undefined;
  timezone?: string | undefined;
}

export const SUMMARY_MAX_CHARS = 120;
/** Below this a first message is a headline, not a description worth filing alone. */
const DESCRIPTION_MIN_CHARS = 40;
const DESCRIPTION_MIN_WORDS = 6;
/** A request to file with this much left besides is a problem statement of its own. */
const STATEMENT_MIN_WORDS = 4;

/** Redacts the first message before it becomes dialog options (which are persisted). */
export function incidentStart(text: string): IncidentStart {
  const { text: firstMessage, counts } = redact(text);
  return { firstMessage, redactions: counts };
}

/** Everything the first message and the client's settings tell, before a single question. */
export function startDraft(start: IncidentStart, knowledge: IncidentKnowledge, client: ClientHints): IncidentDraftState {
  const text = start.firstMessage;
  const draft: IncidentDraftState = { firstMessage: text, evidence: [], redactions: start.redactions };

  // the knowledge base reads the same cloud words after spelling correction ("azrue"); the
  // triage table adds the clouds it does not sell ("other")
  const places = knowledge.placesIn(text);
  const cloud = places.clouds[0] ?? inferCloud(text);
  if (cloud) draft.cloud = cloud;
  const spokenRegion = places.regions[0];
  const clientRegion = regionFromLocale(client.locale, client.timezone);
  if (spokenRegion) draft.regionGuess = { region: spokenRegion, from: 'text' };
  else if (clientRegion) draft.regionGuess = { region: clientRegion, from: 'client' };
  const severity = inferSeverity(text);
  if (severity) draft.severity = severity;
  const category = inferCategory(text);
  if (category) draft.category = category;

  const statement = statementIn(text);
  if (statement) {
    draft.summary = summaryOf(statement);
    if (isLongEnough(statement)) draft.description = statement;
  }
  return draft;
}

/** The problem the first message states, or null when it only asks for a ticket or asks a question. */
function statementIn(text: string): string | null {
  const statement = problemStatement(text);
  if (!statement || isQuestion(statement)) return null;
  if (statesProblem(statement)) return statement;
  return asksForTicket(text) && wordCount(statement) >= STATEMENT_MIN_WORDS ? statement : null;
}

function isLongEnough(text: string): boolean {
  return text.length >= DESCRIPTION_MIN_CHARS && wordCount(text) >= DESCRIPTION_MIN_WORDS;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The first sentence, cut at a word to about 120 characters. */
export function summaryOf(text: string): string {
  const firstSentence = text.trim().split(/(?<=[.!?])\s+|\n/)[0] ?? '';
  const sentence = firstSentence.replace(/[.!\s]+$/, '');
  if (sentence.length <= SUMMARY_MAX_CHARS) return sentence;
  const cut = sentence.slice(0, SUMMARY_MAX_CHARS - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > SUMMARY_MAX_CHARS / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** Redacts what the customer typed and counts what went, for the draft's summary. */
export function takeTyped(draft: IncidentDraftState, typed: string): string {
  const { text, counts } = redact(typed.trim());
  draft.redactions = mergeCounts(draft.redactions, counts);
  return text;
}

/** Everything removed from the draft: typed text and every piece of evidence. */
export function allRedactions(draft: IncidentDraftState): RedactionCounts {
  return mergeCounts(draft.redactions, ...draft.evidence.map((item) => item.redactions));
}

export type DraftField = 'cloud' | 'region' | 'severity' | 'category' | 'summary' | 'description';

/** The fields still empty, in the order they are asked. */
export function missingFields(draft: IncidentDraftState): DraftField[] {
  const fields: DraftField[] = ['cloud', 'region', 'severity', 'category', 'summary', 'description'];
  return fields.filter((field) => draft[field] === undefined);
}

/**
 * The draft as the ticket service takes it.
 * @throws Error naming the missing fields when the dialog did not fill them (a bug, not a customer mistake)
 */
export function toTicketDraft(draft: IncidentDraftState, customer: Customer, transcript: TranscriptTurn[]): TicketDraft {
  const { cloud, region, severity, category, summary, description } = draft;
  if (!cloud || !region || !severity || !category || summary === undefined || description === undefined) {
    throw new Error(`incident draft is incomplete: ${missingFields(draft).join(', ')}`);
  }
  return {
    cloud,
    region,
    severity,
    category,
    summary,
    description,
    scope: draft.scope ?? { verdict: 'unknown' },
    evidence: draft.evidence,
    customer,
    // the recorder keeps the last 20 turns, redacted; the ticket service redacts once more as its guard
    transcript,
  };
}
