import type { Concept } from './search.js';
import { stem, terms, words } from './text.js';

/**
 * Kinds of things the articles enumerate, and the words that name each member of a kind. "Which
 * clouds does it support?" is answered by the sentence that names the clouds together ("Azure and
 * Amazon Web Services"), not by one that merely says "cloud" or names one of them: the word of
 * the kind is in every title, its members are what the customer wants to read.
 *
 * A text that names members is given a pseudo-term per kind, so the ranker, the coverage measure
 * and the document frequencies treat "names the clouds" as one more idea: `kind:cloud` when two
 * members stand within a few words of each other, `kind:cloud:apart` when they are further apart.
 */
export interface Kind {
  /** The kind's own word, stemmed ("cloud"): it stays an idea of the question. */
  name: string;
  /** The question asks for the members: "which clouds", "what kinds of cloud", "list the clouds". */
  asked: RegExp;
  /** Each member's words, stemmed: one member may go by several names. */
  members: readonly (readonly string[])[];
}

/** "which X" with X the head noun, not an adjective of another noun ("which cloud integration feature"). */
function asksFor(head: string, notBefore: string): RegExp {
  const which = String.raw`\b(?:which|what)\s+(?:(?:kinds?|types?|sorts?)\s+of\s+|of\s+the\s+)?(?:(?:other|public|supported|available|third[- ]party)\s+)?`;
  const listing = String.raw`\b(?:list|names?)\s+(?:of\s+)?(?:the\s+|all\s+)?(?:supported\s+)?|\bhow many\s+|\bwhat are the\s+(?:supported\s+|available\s+)?`;
  return new RegExp(String.raw`(?:${which}|${listing})${head}\b(?!\s+(?:${notBefore})\b)`);
}

const member = (...names: string[]): string[] => [...new Set(names.flatMap((name) => words(name).map(stem)))];

export const KINDS: readonly Kind[] = [
  {
    name: 'cloud',
    asked: asksFor(String.raw`clouds?(?:\s+(?:providers?|vendors?|platforms?))?`, 'integration|application|applications|account|accounts|optimi[sz]ation|manager'),
    // the product of each cloud; "Microsoft" alone names a party (an SLA, an escalation), not the cloud
    members: [member('azure'), member('aws', 'amazon')],
  },
];

/** The question asks for the members of a kind ("which clouds…?"): a sentence that names them answers it. */
export function asksForMembers(text: string): boolean {
  return KINDS.some((kind) => kind.asked.test(text));
}

/** Members named this many words apart or closer are named together: "Azure and Amazon Web Services". */
const TOGETHER_WINDOW = 5;

const kindTerm = (kind: Kind): string => `kind:${kind.name}`;
const apartTerm = (kind: Kind): string => `kind:${kind.name}:apart`;

/** Each kind's member index by name, for the texts of a whole knowledge base. */
const MEMBER_OF: readonly [Kind, ReadonlyMap<string, number>][] = KINDS.map((kind) => [kind, new Map(kind.members.flatMap((names, index) => names.map((name) => [name, index] as const)))]);

/** Pseudo-terms are not words: they are never searched for, corrected or shown. */
export function isKindTerm(term: string): boolean {
  return term.startsWith('kind:');
}

/** The kinds a text enumerates, as pseudo-terms; `sequence` is the text's words in order, stopwords kept. */
export function enumerationTerms(sequence: readonly string[]): string[] {
  const out: string[] = [];
  for (const [kind, memberOf] of MEMBER_OF) {
    const seen: { member: number; at: number }[] = [];
    sequence.forEach((word, at) => {
      const member = memberOf.get(stem(word));
      if (member !== undefined) seen.push({ member, at });
    });
    if (new Set(seen.map((s) => s.member)).size < 2) continue;
    // two members close together are, somewhere between them, two neighbouring mentions of different members
    const together = seen.some((b, i) => i > 0 && b.member !== seen[i - 1]!.member && b.at - seen[i - 1]!.at <= TOGETHER_WINDOW);
    out.push(together ? kindTerm(kind) : apartTerm(kind));
  }
  return out;
}

/**
 * Words that, in a question about a kind's members, only tie the subject to them: "which
 * clouds does it support", "what clouds can I use", "does it work with both". The members are
 * what is asked; these words are the form of the question.
 */
const FRAME_TERMS: ReadonlySet<string> = new Set(
  terms('support supports supported use used using work works working offer offers offered available include includes included cover covers covered connect connected choose pick select both either'),
);

/**
 * The question's ideas once it asks about a kind's members: it asks for them ("which public
 * clouds…": the other words of that phrase go, the members stand for them), or names two or more
 * of them itself ("does it work with both azure and aws?"). Otherwise the ideas unchanged.
 */
export function withKinds(text: string, concepts: readonly Concept[]): Concept[] {
  const named = new Set(concepts.map((c) => c.term));
  const phrase = new Set<string>();
  const kinds = KINDS.filter((kind) => {
    const asked = kind.asked.exec(text);
    if (asked) for (const term of terms(asked[0])) if (term !== kind.name) phrase.add(term);
    return asked !== null || kind.members.filter((names) => names.some((n) => named.has(n))).length >= 2;
  });
  if (kinds.length === 0) return [...concepts];
  const ideas = concepts.filter((c) => !FRAME_TERMS.has(c.term) && !phrase.has(c.term));
  return [...ideas, ...kinds.map((kind) => ({ term: kindTerm(kind), alternatives: [kindTerm(kind), apartTerm(kind)] }))];
}
