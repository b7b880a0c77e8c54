import { CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import { findPlaces, type PlaceName } from '../regions.js';
import { conceptsOf, pairs, type Concept } from '../search.js';
import { normalise, terms } from '../text.js';
import type { Cloud } from '../types.js';
import type { Corrector } from './corrector.js';

/** A question after analysis: spelling fixed, ideas extracted, cloud and place recognised. */
export interface Question {
  raw: string;
  /** Normalised (lower case, contractions spelled out) and spell-corrected. */
  text: string;
  concepts: Concept[];
  /** Adjacent pairs of the question's words, for phrase matching. */
  pairs: Set<string>;
  clouds: Cloud[];
  /** Places named, one per support region, in the order written. */
  places: PlaceName[];
}

/** Questions longer than this are cut before analysis: a pasted log is not a question. */
export const MAX_QUESTION_CHARS = 2000;

export function analyseQuestion(raw: string, corrector: Corrector): Question {
  const cut = raw.slice(0, MAX_QUESTION_CHARS);
  const text = corrector.correct(normalise(cut));
  // "US" the country, not "us" the pronoun: only the capitalised or dotted form counts
  const usCountry = /\b(US|U\.S\.?|USA)\b/.test(cut) ? ' united states ' : '';
  return {
    raw: cut,
    text,
    concepts: conceptsOf(text),
    pairs: pairs(terms(text)),
    clouds: cloudsNamed(text, CLOUD_WORDS),
    places: findPlaces(text.replace(/\bus\b/g, ' ') + usCountry),
  };
}
