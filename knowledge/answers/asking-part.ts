import { clauses } from '../clauses.js';

/**
 * A condition that opens a question ("if the problem is on amazon's side, will centurylink
 * escalate it?", "…, who deals with Microsoft?"), up to the inverted verb and subject, or the
 * "who", that start what is asked.
 */
const LEADING_CONDITION = /^(?:if|when|whenever|once|in case)\b.*?\b(?=(?:is|are|does|do|can|could|will|would|should)\s+(?:you|u|your|centurylink|ctl|it|they|we|i|that|this|support)\b|who\s+(?:handles|deals|escalates|takes|looks|is|will|would|should|can|does|do)\b)/;

/**
 * The part of a message that asks: its last sentence that asks something, less a condition
 * before the question proper and asides in brackets. "need to add 3 devs to the console - is creating console users
 * something you cover?" asks about console users; the story before it and the condition say
 * why, in words that a larger knowledge base happens to know and would weigh heavily.
 */
export function askingPart(text: string): string {
  const asked = clauses(text).at(-1)?.question ?? text;
  // "(splitting into dev/prod subs etc)": an aside in brackets tells more of the story, not what is asked
  return asked.replace(LEADING_CONDITION, '').replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
}
