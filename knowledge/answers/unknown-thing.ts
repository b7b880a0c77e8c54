import type { PassageIndex } from '../search.js';
import { expand } from '../synonyms.js';
import { STOPWORDS, stem, terms } from '../text.js';

/**
 * "is there a terraform provider…?", "do you guys offer a jenkins plugin?", "does it have a slack
 * integration?": a question whether something exists or is offered, and the words after it.
 */
const ASKS_IF_THERE_IS =
  /\b(?:is there|are there|do (?:you|u)(?: guys)? (?:have|offer|provide|support)|does (?:it|cam|cloud application manager|centurylink|the platform|your platform) (?:have|offer|provide|support))\s+((?:[a-z0-9-]+\s*){1,4})/;
const ARTICLES = new Set(['a', 'an', 'any', 'some', 'the']);
/** Words that end a name as stopwords do: "a difference between azure and aws" names a difference. */
const PHRASE_ENDS = new Set(['between', 'among', 'within', 'without', 'regarding', 'against', 'under', 'beyond', 'except', 'like', 'instead']);
/** Words that say which one or what sort ("a separate bill", "a dedicated number"), never what. */
const SORT_WORDS = new Set(
  terms(
    'good better best easy easier simple simpler quick quicker fast faster recommended proper right correct official standard ' +
      'specific separate different other another dedicated direct new old same single whole full free extra additional similar ' +
      'special current latest main general monthly yearly annual local global public private online automatic automated',
  ),
);

/**
 * The word that names what a question asks after, when the articles know the kind of thing but
 * never that one ("terraform provider": providers, but no terraform). Why: the rest of such a
 * question ("provider", "cloud application manager") is what the articles are made of, so a
 * passage about providers clears the confidence bar and reads like a yes. Articles that never
 * name the thing cannot say whether it exists; not found, with a ticket, is the honest answer.
 * Only a name before a noun the articles use counts: a single word may be said otherwise in the
 * articles, and the search weighs it. A misspelt word of the articles has been corrected before.
 */
export function unknownThing(text: string, index: PassageIndex): string | null {
  const [, phrase] = ASKS_IF_THERE_IS.exec(text) ?? [];
  if (!phrase) return null;
  const named: string[] = [];
  for (const word of phrase.trim().split(/\s+/)) {
    if (named.length === 0 && ARTICLES.has(word)) continue;
    if (STOPWORDS.has(word) || PHRASE_ENDS.has(word)) break; // the name ends where the sentence goes on ("…for cloud application manager")
    named.push(word);
  }
  if (named.length < 2) return null;
  const known = (word: string): boolean => {
    const term = stem(word);
    return index.knows(word) || index.knows(term) || expand(term).some((alternative) => index.knows(alternative));
  };
  const head = named[named.length - 1]!;
  if (!known(head)) return null;
  return named.slice(0, -1).find((word) => !/\d/.test(word) && !SORT_WORDS.has(stem(word)) && !known(word)) ?? null;
}
