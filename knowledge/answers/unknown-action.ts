import { isEnglishWord } from '../dictionary.js';
import { isGeneric } from '../generic-terms.js';
import type { PassageIndex } from '../search.js';
import { expand } from '../synonyms.js';
import { STOPWORDS, stem } from '../text.js';

/** "how do I <do what>", "how can we <do what>", "how to <do what>": the action asked for, and the word after it. */
const HOW_TO_ACTION = /\bhow (?:do|can|could|should|would|to)\s+(?:(?:i|we|you|one)\s+)?([a-z][a-z0-9-]*)(?:\s+([a-z]+))?/;
/** "hook up", "sign in", "bring over": a verb with one of these after it means something else than alone. */
const PARTICLES = new Set(['up', 'in', 'out', 'on', 'off', 'over', 'into', 'onto', 'through', 'back', 'down', 'across']);

/**
 * The action of a how-to question, when the knowledge base never speaks of it ("how do I reset my
 * outlook password": no article resets anything).
 *
 * Why: the rest of such a question ("password", "office 365") may well be in some article, so a
 * passage can cover enough of it to clear the confidence bar, and the customer gets confident steps
 * for a different task. Steps for an action the articles never mention cannot be the answer; "not
 * found" with a ticket is. Words of asking ("find", "get") and words with a known synonym are not
 * taken for an unknown action; nor is a word that is no English word (a typo, left to the spelling
 * corrector and the search), nor a verb with a particle ("hook up"), whose meaning the verb alone
 * does not give.
 */
export function unknownAction(text: string, index: PassageIndex): string | null {
  const [, verb, next] = HOW_TO_ACTION.exec(text) ?? [];
  if (!verb || STOPWORDS.has(verb) || !isEnglishWord(verb) || (next !== undefined && PARTICLES.has(next))) return null;
  const term = stem(verb);
  const concept = { term, alternatives: expand(term) };
  if (isGeneric(concept) || index.knows(verb) || index.knows(term) || concept.alternatives.some((a) => index.knows(a))) return null;
  return verb;
}
