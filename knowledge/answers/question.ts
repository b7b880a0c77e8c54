import { CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import { isGeneric } from '../generic-terms.js';
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

/**
 * "will it be an issue if our billing address is in canada?" asks whether that is fine, not about
 * an issue: the articles' "we're sorry you're having an issue, contact support" would answer the words.
 */
const WHETHER_IT_MATTERS = /\b(be|is|cause|causes|create|creates|mean|pose)\s+(a|an|any)\s+(problem|issue)s?\b/g;

/**
 * "what will the charges be called on the bill?", "what are they listed as?": the name something is
 * given, as an article says it is "labeled"; "called" alone is a phone call.
 */
const NAMED_AS = /\b(be|is|are|get|gets|show up|shows up|appear|appears) (called|named|titled|listed as|labell?ed as)\b/g;
/** "the prices you charge", "what you charge for Azure": a price, not a charge on the invoice. */
const WHAT_YOU_CHARGE = /\b(?:(prices?|rates?)(?: that)?|what) (?:you|u|you guys|centurylink|ctl) charge\b/g;

/** "what is that entry called?": the verb apart from its "what is". */
const WHAT_CALLED = /\b(what (?:is|are|will|would) [^.?!]{1,40}?)\bcalled\b/g;

/**
 * "You do support Debian on AWS, don't you?", "that's covered, isn't it?": a tag that asks for the
 * statement to be confirmed. Its "not" negates nothing the customer asks about, so it is no idea of
 * the question. (Contractions are spelled out by then: "don't you" reads "do not you".)
 */
const TAG_QUESTION = /,\s*(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have) not (?:you|it|they|we|that|there|he|she|i)\s*([?!.]*)\s*$/;

/**
 * "who deals with Microsoft?", "do we have to talk to Amazon ourselves?", "will you take it up with
 * Microsoft?": dealing with a cloud's
 * vendor is what the scope lists call an escalation to it. Said of anything else ("is that something
 * your team deals with?"), dealing is only handling.
 */
const WITH_THE_VENDOR =
  /\b(?:(?:deals?|dealing|dealt|talks?|talking|speaks?|speaking|liaises?|liaising) (?:directly )?(?:with|to)|(?:takes?|taking|took|raises?|raising|raised|chases?|chasing) (?:(?:it|things?|this|that|issues?|problems?|them|the \w+) )?(?:up )?with|(?:reach(?:es|ing)?|reached) out to|contact(?:s|ing)?) (microsoft|amazon|aws)\b/g;

/** "keeps returning 500s", "getting 4xx": HTTP error statuses, which the articles call errors. */
const ERROR_STATUSES = /\b([45]\d\d)s\b|\b[45]xx(?:s|es)?\b/g;

/**
 * "will you keep an eye on our VMs and fix things when they break?": sayings for what the scope
 * lists call monitoring and remediation.
 */
const SAYINGS: readonly [RegExp, string][] = [
  // "fighting with a box for two days now": how long the trouble has lasted, not what it is about
  [/\b(?:for|over) (?:the (?:last|past) )?(?:a |an )?(?:few |couple (?:of )?|two |three |four |five |several |\d+ )?(?:days|hours|weeks|day|hour|week)(?: now)?\b/g, ''],
  // "we don't plan to run anything on CLC": an intention, no (support) plan
  [/\bplan(?:s|ning|ned)? (?=to\b)/g, ''],
  [/\bkeep(?:s|ing)? (?:an|a close|an extra) eye on\b/g, 'monitor'],
  // "pushing the monthly kernel updates", "os patches": patching
  [/\b(?:kernel|os|operating system|security|windows|linux|system|package|monthly|critical) (?:updates|upgrades|patches)\b|\bpush(?:es|ed|ing)? (?:out )?(?:the )?(?:\w+ )?updates\b/g, 'patching'],
  // "sit on our change advisory board", "roll out approved config changes": change management
  [/\bchange advisory board\b|\b(?:config|configuration|approved|planned|scheduled) changes\b|\broll(?:s|ing)? out (?:\w+ ){0,2}changes\b/g, 'change management'],
  // "look over how our resources are configured": a configuration review
  [/\b(?:look|looking|go|going|check|checking)(?:s|ed)? over\b/g, 'review'],
  // "side by side": a comparison
  [/\bside[\s-]by[\s-]side\b/g, 'compare'],
  // "who picks it up first?", "the first line": the first responder
  [/\bpicks? (?:it|things|this|that|them) up first\b|\bfirst (?:line|point of contact|port of call|to respond)\b/g, 'first responder'],
  // "do you mark up the prices?": a markup on them
  [/\bmark(?:s|ed|ing)?[\s-]+ups?\b/g, 'markup'],
  // "remote admin": the administration, not the administrator
  [/\bremote admin\b/g, 'remote administration'],
  // "we have never used Azure before", "starting from scratch": new to it ("never had" one is what
  // the customer lacks, which wanted.ts reads)
  [/\b(?:have |has |had )?(?:never|not yet|not ever) (?:used|tried|worked with|been on|signed up (?:for|with))\b/g, 'new to'],
  [/\b(?:brand[\s-]new|from scratch)\b/g, 'new'],
  // "walk me through it from start to finish": all the steps
  [/\b(?:from (?:start|beginning|the beginning|a to z) to (?:finish|end|the end|z)|end[\s-]to[\s-]end|step[\s-]by[\s-]step)\b/g, 'steps'],
  [/\b(?:fix|fixes|fixing|repair|repairs|repairing|sort out|sorting out) (?:things|stuff|it|them|issues|problems|what breaks)(?: (?:when|if|whenever|as soon as|once) (?:they|it|something|anything|things|stuff) (?:break|breaks|broke|go wrong|goes wrong|fail|fails))?\b/g, 'remediate'],
];

function inPlainWords(text: string): string {
  return SAYINGS.reduce((out, [saying, meaning]) => out.replace(saying, meaning), text);
}

/** "accepted the T&Cs": the terms and conditions, which the articles spell out. */
const TERMS_AND_CONDITIONS = /\bt\s*&\s*cs?\b|\bts\s*(?:&|and)\s*cs\b/g;

export function analyseQuestion(raw: string, corrector: Corrector): Question {
  const cut = raw.slice(0, MAX_QUESTION_CHARS);
  const text = corrector.correct(inPlainWords(normalise(cut)).replace(TERMS_AND_CONDITIONS, 'terms and conditions').replace(ERROR_STATUSES, (_all, code: string | undefined) => `${code ?? ''} errors`)).replace(WHETHER_IT_MATTERS, '$1 ok').replace(WITH_THE_VENDOR, 'escalates to $1').replace(NAMED_AS, '$1 labeled').replace(WHAT_CALLED, '$1labeled').replace(WHAT_YOU_CHARGE, (_all, noun: string | undefined) => noun ?? 'your pricing');
  // "US" the country, not "us" the pronoun: only the capitalised or dotted form counts
  const usCountry = /\b(US|U\.S\.?|USA)\b/.test(cut) ? ' united states ' : '';
  return {
    raw: cut,
    text,
    // the tag stays in the text, where it makes the statement a yes/no question
    concepts: conceptsOf(text.replace(TAG_QUESTION, '$1')),
    pairs: pairs(terms(text.replace(TAG_QUESTION, '$1'))),
    clouds: cloudsNamed(text, CLOUD_WORDS),
    places: findPlaces(text.replace(/\bus\b/g, ' ') + usCountry),
  };
}

/** What the topic of a question needs to know of the knowledge base's words. */
export interface TopicWords {
  knows(term: string): boolean;
  weight(concept: Concept): number;
}

/**
 * Words that shape a question ("what is not covered?", "what is out of scope?") but in a
 * statement only say how things go ("it won't deploy", "it errors out"), not what they are.
 */
const NOT_TOPIC = new Set(terms('not no out off'));
/** A statement whose words the articles mostly do not use is about something they do not cover. */
const KNOWN_TOPIC_SHARE = 0.5;

/**
 * The question as asked after a statement of the situation ("box deployment keeps failing on
 * azure. what info should I send you?"): the statement's ideas become ideas of the question too,
 * as if it had said "…for a failing box deployment". Only the statement's words the knowledge
 * base knows are taken: the rest tell the customer's story in words no article uses ("weird"),
 * and would count against every passage alike. But when those are most of what it says ("my
 * outlook mailbox is full"), the statement is about something else and lends no topic. Its
 * clouds and places are the question's too. With `kinds`, only the topic's words among them are
 * taken, when it has any.
 */
export function withTopic(question: Question, statement: Question, words: TopicWords, kinds?: ReadonlySet<string>): Question {
  const asked = new Set(question.concepts.map((c) => c.term));
  // a place says where the customer is (the statement's places are the question's), not what about
  const placeTerms = new Set(statement.places.flatMap((place) => terms(place.name)));
  const ideas = statement.concepts.filter((c) => !asked.has(c.term) && !isGeneric(c) && !NOT_TOPIC.has(c.term) && !placeTerms.has(c.term));
  const known = ideas.filter((c) => c.alternatives.some((term) => words.knows(term)));
  const weigh = (list: readonly Concept[]): number => list.reduce((sum, c) => sum + words.weight(c), 0);
  const topic = known.length > 0 && weigh(known) >= weigh(ideas) * KNOWN_TOPIC_SHARE ? known : [];
  // "my API call that pulls the month-to-date totals keeps failing. what do you need from me?": what
  // to hand over depends on the kind of problem, which only some of the story's words tell
  const kind = kinds ? topic.filter((c) => c.alternatives.some((term) => kinds.has(term))) : [];
  return {
    ...question,
    concepts: [...question.concepts, ...(kind.length > 0 ? kind : topic)],
    pairs: new Set([...question.pairs, ...statement.pairs]),
    clouds: [...new Set([...question.clouds, ...statement.clouds])],
    places: [...question.places, ...statement.places.filter((p) => !question.places.some((q) => q.region === p.region))],
  };
}
