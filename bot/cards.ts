import { CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Answer, SourceRef } from '../knowledge/types.js';
import type { TicketStatus } from '../tickets/model.js';

/**
 * Renders plain answers as activities: an Adaptive Card 1.5 (Teams and web chat both render
 * it) with a plain-text fallback, and suggested actions for the likely next questions. The
 * card helpers here are shared with the agents' triage card, so every card has one version.
 */
const CARD_VERSION = '1.5';
/** Teams shows the summary in notifications and the activity feed; longer ones are cut there anyway. */
const MAX_SUMMARY_CHARS = 200;

/** An Adaptive Card of the version every client here renders, around `fields` (fallbackText, body, actions...). */
export function adaptiveCard(fields: Record<string, unknown>): Record<string, unknown> {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, ...fields };
}

/** The card as a message attachment. */
export function cardAttachment(card: object): Attachment {
  return CardFactory.adaptiveCard(card);
}

/** A message carrying `card`, with a plain-text summary for notifications and clients that cannot render cards. */
export function adaptiveCardActivity(card: object, summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(cardAttachment(card));
  if (summary) activity.summary = clip(summary, MAX_SUMMARY_CHARS);
  return activity;
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A ticket status as people read it: "in_progress" → "in progress". */
export function statusText(status: TicketStatus): string {
  return status.replace(/_/g, ' ');
}

/**
 * Cards already rendered, by answer. The knowledge base hands out one frozen answer for a
 * question it has answered before, so a repeated question reuses its card; each is frozen
 * through and through, since every turn that sends it shares it (botbuilder sends a copy of
 * the activity itself, never changing what it holds).
 */
const renderedAnswers = new WeakMap<Answer, Partial<Activity>>();

export function answerActivity(answer: Answer): Partial<Activity> {
  let activity = renderedAnswers.get(answer);
  if (!activity) {
    activity = deepFreeze(renderAnswer(answer));
    renderedAnswers.set(answer, activity);
  }
  return activity;
}

function renderAnswer(answer: Answer): Partial<Activity> {
  const fallback = `${answer.text}${answer.sources.length ? `\n\n${sourceLine(answer.sources)}` : ''}`;
  const card = adaptiveCard({
    fallbackText: fallback,
    body: [
      ...answer.text.split(/\n{2,}/).map((paragraph) => ({ type: 'TextBlock', text: paragraph, wrap: true })),
      ...(answer.sources.length
        ? [{ type: 'TextBlock', text: sourceLine(answer.sources), wrap: true, isSubtle: true, size: 'small', spacing: 'medium', separator: true }]
        : []),
    ],
  });
  return withSuggestions(adaptiveCardActivity(card, fallback), answer.suggestions);
}

export function sourceLine(sources: readonly SourceRef[]): string {
  const names = sources.map((s) => (s.url ? `[${s.title}](${s.url})` : `${s.title} (${s.file})`));
  return `Source${names.length > 1 ? 's' : ''}: ${names.join('; ')}`;
}

export function textActivity(text: string, suggestions: readonly string[] = []): Partial<Activity> {
  const activity = MessageFactory.text(text);
  if (text) activity.summary = clip(text, MAX_SUMMARY_CHARS);
  return withSuggestions(activity, suggestions);
}

export function welcomeActivity(): Partial<Activity> {
  const text = 'Hi! I answer questions about Cloud Application Manager Partner Cloud Integration support for Azure and AWS, straight from the support knowledge base, and I can point you to the right support contact.';
  const card = adaptiveCard({
    fallbackText: text,
    body: [
      { type: 'TextBlock', text: 'Cloud platform support', weight: 'bolder', size: 'medium', wrap: true },
      { type: 'TextBlock', text, wrap: true },
      { type: 'TextBlock', text: 'Type **help** at any time to see what I can do.', wrap: true, isSubtle: true },
    ],
  });
  return withSuggestions(adaptiveCardActivity(card, text), EXAMPLE_QUESTIONS);
}

const EXAMPLE_QUESTIONS = [
  'Is patching covered for Azure?',
  'Who do I call in Frankfurt for an outage?',
  'How do I create a new Azure customer account?',
];

export function helpActivity(): Partial<Activity> {
  const lines = [
    '**Scope of support**: "is monitoring included in AWS support?", "what is out of scope for Azure?"',
    '**Contacts**: "who do I call in Toronto for a critical outage?", "support email address"',
    '**How-to**: "how do I move my existing Azure account to CenturyLink?", "where is the agent log on Windows?"',
    '**Eligibility**: "can resellers use partner cloud integration?"',
    'Every answer names the article it comes from. When I cannot answer, I offer to open a ticket.',
  ];
  const text = `Here is what I can help with:\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
  const card = adaptiveCard({
    fallbackText: text,
    body: [{ type: 'TextBlock', text: 'What I can do', weight: 'bolder', wrap: true }, ...lines.map((l) => ({ type: 'TextBlock', text: `• ${l}`, wrap: true }))],
  });
  return withSuggestions(adaptiveCardActivity(card, text), EXAMPLE_QUESTIONS);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function withSuggestions(activity: Partial<Activity>, suggestions: readonly string[]): Partial<Activity> {
  if (suggestions.length > 0) {
    activity.suggestedActions = { to: [], actions: suggestions.map((s) => ({ type: 'imBack', title: s, value: s })) };
  }
  return activity;
}
