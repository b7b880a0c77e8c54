import type { PassageIndex } from '../search.js';
import type { TermCache } from '../term-cache.js';

/**
 * "what do you need from me?", "what info should I send you?", "what should I attach?": asked what
 * to hand over to support ("what do they need to do?" asks for steps).
 */
export const HAND_OVER_ASKED =
  /\bwhat (?:\w+ ){0,2}(?:do|does|would|will|should|must) (?:you|u|support|your team|you guys|they|the engineers?)(?: \w+){0,2} (?:need|want|require|expect)\b(?! to do\b)|\bwhat (?:\w+ ){0,2}(?:should|do|must|can|shall) (?:i|we) (?:send|attach|include|provide|give|share|gather|collect|prepare)\b/;

/**
 * A sentence that says what to hand over: "send the request body", "attach the agent log". Not
 * "provide": the steps say "provide a name for the provider", which hands nothing to support.
 */
export const GIVES = /\b(?:send|attach|include|share|along with)\b/i;

export function asksWhatToHandOver(text: string): boolean {
  return HAND_OVER_ASKED.test(text);
}

/** Whether an answer says what to hand over, as an answer to such a question must. */
export function tellsWhatToHandOver(text: string): boolean {
  return GIVES.test(text);
}

const HAND_OVER_TERMS = new WeakMap<PassageIndex, ReadonlySet<string>>();

/**
 * The words of every sentence in the articles that says what to hand over: the kinds of problem
 * they tell apart ("API calls", "a box error", "the agent log on Linux"). Read once per index.
 */
export function handOverTerms(index: PassageIndex, terms: TermCache): ReadonlySet<string> {
  let found = HAND_OVER_TERMS.get(index);
  if (!found) {
    const words = new Set<string>();
    for (const passage of index.passages) for (const unit of passage.units) if (GIVES.test(unit.markdown)) for (const term of terms.of(unit.plain)) words.add(term);
    found = words;
    HAND_OVER_TERMS.set(index, found);
  }
  return found;
}
