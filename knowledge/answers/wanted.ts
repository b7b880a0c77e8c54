import { CONFIDENCE_BAR } from '../confidence.js';
import type { Passage } from '../passages.js';
import { conceptsOf, type Concept } from '../search.js';
import { terms } from '../text.js';
import type { Question } from './question.js';
import { DELAY_DESCRIBED, DURATION_GIVEN } from './time-asked.js';
import { GIVES, HAND_OVER_ASKED } from './hand-over.js';
import type { KnowledgeContext } from './types.js';

/**
 * Some questions ask to be told a particular kind of thing about their subject: "where can I see
 * X?" a place to look it up, "how much does X cost?" a price or where prices are published. The
 * passage that answers is the one that gives that thing for X, not the one that only mentions X.
 */
export interface Wanted {
  asked: RegExp;
  /** A sentence or item that gives what is asked. */
  gives: RegExp;
  /** Words of the request itself ("see", "find", "listed"), which say nothing about what is asked about. */
  requestTerms: ReadonlySet<string>;
  /** An idea the request implies though it may not name it: "how much do I pay" asks for a price. */
  implies?: string;
  /** What the question is about when only part of it says so: "we don't have <a CLC account>". */
  focus?: (text: string) => string | null;
  /** The sentence that gives must itself name what is asked about, not only its article or heading. */
  inSentence?: boolean;
  /** Only a passage that gives it answers, when one does: a time asked for is not in the steps around it. */
  onlyGiving?: boolean;
}

/** "we do not have a centurylink cloud account at all", "have never had a CLC account", "nobody here has a CLC login": what is lacking. */
const LACKING = /\b(?:(?:do|does|did) not (?:yet |even |currently )?have|never (?:had|have had)|(?:nobody|no one|none of us)(?: here| on our team| in our team)? (?:has|have|had)) (?:an? |any |the )?([^.,;:?!]+?)(?= at all\b| yet\b| so\b| but\b| and\b| because\b| to\b|[.,;:?!]|$)/;

/** What the customer says they lack ("we don't have <a CLC account> yet"), if they say so. */
export function lacking(text: string): string | null {
  return LACKING.exec(text)?.[1] ?? null;
}

/** A sentence for those who lack something: "if you do not have access to CenturyLink Cloud, …". */
export const FOR_THOSE_WITHOUT = /\b(?:if|when|unless) (?:you|they|the customer|the user|your organi[sz]ation) (?:do|does) not (?:yet |already )?have\b|\bwithout (?:access to|(?:an?|any) (?:\w+ ){0,2}account)\b/i;

/** A place a reader can go: a web or article link, a bare address, a file path. */
const PLACE = /\]\((?:https?:|kb:)|https?:\/\/|\bwww\.|(?:^|[\s`(])(?:\/[\w.-]+){2,}|\b[a-z]:\\/i;
/** An amount of money or a rate. */
export const AMOUNT = /[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:usd|eur|gbp|dollars?|euros?|percent|%)|\bper (?:hour|month|year|gb)\b/i;

/**
 * "how much does it cost?", "what will we pay?", "the price of…", "do you mark it up?", "do we lose
 * our negotiated rates or will you match them?": a price asked for.
 */
export const PRICE_ASKED = /\bhow much\b[^.?!]*\b(?:cost|costs|charge|charges|charged|pay|price|priced)\b|\bwhat (?:does|do|will|would)\b[^.?!]*\bcost\b|\b(?:price|prices|pricing|cost)\s+(?:of|for)\b|\bmarkups?\b|\bdiscount(?:s|ed)?\b|\b(?:lose|keep|match|honou?r)\b[^.?!]*\b(?:rates|prices|pricing)\b/;

/** Someone to turn to: a role, a team, or a way to reach them. */
const PARTY = /\b(?:representative|rep|sales|account manager|administrator|admin|support team|contact|email|e-mail|call|phone)\b|mailto:/i;

const WANTED: readonly Wanted[] = [
  {
    // the verb says how the customer means to look ("see"), the article how it is shown ("published")
    // "where can/do/is…" asks; "a region where azure is offered" only says where something is
    asked: /^\W*where\b|\bwhere\s+(?:can|could|do|does|did|is|are|was|were|would|should|will|might|may|to)\b|\b(?:link|url|web ?page|web ?site)\s+(?:to|for|with|of)\b/,
    gives: PLACE,
    // "where can I look up the prices?" is answered by where, not by a list that names prices
    onlyGiving: true,
    requestTerms: new Set(
      terms('see seen find found view look check grab locate located show shown list listed publish published display displayed read learn link url page web site website info information detail details documentation docs'),
    ),
  },
  {
    // prices change too often to be written into an article: it says where they are published
    asked: PRICE_ASKED,
    gives: new RegExp(`${PLACE.source}|${AMOUNT.source}`, 'i'),
    requestTerms: new Set(terms('much pay')),
    implies: 'cost',
  },
  {
    // "how long does it take?", "it's been spinning for a minute, is it broken?": the sentence that
    // says how long to wait, not the step the customer has just done
    asked: new RegExp(String.raw`\bhow (?:long|soon|quickly|fast)\b|${DELAY_DESCRIBED.source}`),
    gives: DURATION_GIVEN,
    requestTerms: new Set(terms('long soon quickly fast take takes normal broken wrong spinning stuck loading hanging frozen still nothing show shows showing happen happens happened yet hit')),
    implies: 'wait',
    onlyGiving: true,
  },
  {
    // "we don't have a CenturyLink Cloud account": the sentence for those who lack it ("if you do not
    // have access to CenturyLink Cloud, …"), not the one that only names it
    asked: /\b(?:do|does|did) not (?:yet |even |currently )?have\b(?!\s+to\b)|\bhave no\b|\bnever (?:had|have had)\b|\b(?:nobody|no one|none of us)(?: here| on our team| in our team)? (?:has|have|had)\b/,
    gives: FOR_THOSE_WITHOUT,
    requestTerms: new Set(terms('not yet already')),
    focus: lacking,
    // "if you do not have an Azure account" is for those without another thing than a CLC account
    inSentence: true,
  },
  {
    // "…keeps returning 500s. what do you need from me?": the sentence that says what to send for
    // that kind of problem, not one that only shares the story's words
    asked: HAND_OVER_ASKED,
    gives: GIVES,
    requestTerms: new Set(),
    onlyGiving: true,
  },
  {
    // "who do I talk to about…": the sentence that names whom to ask, not the one that only mentions the subject
    asked: /\bwho\s+(?:do|should|can|could|would|must)\s+(?:i|we)\s+(?:talk|speak|contact|reach|ask|go|turn|get in touch)\b|\bwho\s+to\s+(?:talk|speak|contact|ask)\b/,
    gives: PARTY,
    requestTerms: new Set(terms('talk speak contact reach out ask turn touch')),
  },
];

/** How much more a passage that gives what is asked weighs than one that only talks about the subject. */
const GIVES_BOOST = 1.5;

export function wantedBy(q: Question): Wanted | null {
  return WANTED.find((wanted) => wanted.asked.test(q.text)) ?? null;
}

/** The question's ideas without the words of the request (unless nothing else is left), with the idea it implies. */
export function withoutRequest(wanted: Wanted, concepts: readonly Concept[]): Concept[] {
  const ideas = concepts.filter((c) => !wanted.requestTerms.has(c.term));
  const kept = ideas.length > 0 ? ideas : [...concepts];
  if (!wanted.implies) return kept;
  const implied = conceptsOf(wanted.implies)[0]!;
  return kept.some((c) => c.term === implied.term || implied.alternatives.includes(c.term)) ? kept : [...kept, implied];
}

/**
 * Ranking weight: a passage gains when one of its sentences or items gives what is asked and,
 * read with the passage's heading and its article's title, holds most of what it is asked about. A link elsewhere in a
 * long list (a portal address among features) says nothing about where the price list is.
 */
export function givesBoost(wanted: Wanted, concepts: readonly Concept[], knowledge: KnowledgeContext): (passage: Passage) => number {
  return (passage) => {
    const gives = passage.units.some((unit) => wanted.gives.test(unit.markdown) && knowledge.index.coverage(concepts, knowledge.terms.of(wanted.inSentence ? unit.plain : `${passage.title} ${passage.heading} ${unit.plain}`)) >= CONFIDENCE_BAR);
    return gives ? GIVES_BOOST : 1;
  };
}
