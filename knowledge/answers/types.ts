import type { Facts } from '../facts/types.js';
import type { PassageIndex } from '../search.js';
import type { TermCache } from '../term-cache.js';
import type { Answer, RegionId } from '../types.js';
import type { Question } from './question.js';
import type { Sources } from './render.js';

/** What every answerer may read. */
export interface KnowledgeContext {
  facts: Facts;
  index: PassageIndex;
  sources: Sources;
  terms: TermCache;
}

/** What the conversation already knows about the customer. */
export interface AskContext {
  region?: RegionId;
}

/**
 * One kind of question. Routing is data: an ordered list of answerers; each says whether the
 * question is its kind and, if so, offers an answer with its confidence.
 */
export interface Answerer {
  name: string;
  matches(question: Question): boolean;
  /**
   * The question is worded to ask for exactly this kind of answer ("how do I…" for steps,
   * "what do I need before…" for prerequisites): then it beats a passage that merely shares its words.
   */
  askedFor?(question: Question, knowledge: KnowledgeContext): boolean;
  answer(question: Question, knowledge: KnowledgeContext, context: AskContext): Answer | null;
}
