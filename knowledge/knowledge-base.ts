import { Corrector } from './answers/corrector.js';
import { answerToMessage, merge, type PartAnswer } from './answers/combine.js';
import { emailAnswerer, phoneAnswerer } from './answers/contacts.js';
import { eligibilityAnswerer } from './answers/eligibility.js';
import { asksToLeave, speaksOfLeaving } from './answers/leaving.js';
import { logLocationAnswerer } from './answers/logs.js';
import { passageAnswerer } from './answers/passages.js';
import { prerequisiteAnswerer } from './answers/prerequisites.js';
import { procedureAnswerer } from './answers/procedures.js';
import { CONFIDENCE_BAR, STRUCTURED_PREFERENCE } from './confidence.js';
import { asksWhatToHandOver, handOverTerms, tellsWhatToHandOver } from './answers/hand-over.js';
import { analyseQuestion, MAX_QUESTION_CHARS, withTopic, type Question } from './answers/question.js';
import { makeAnswer, Sources } from './answers/render.js';
import { quotedLabelAnswerer } from './answers/quoted-labels.js';
import { optionAnswerer } from './answers/option-asked.js';
import { scopeAnswerer } from './answers/scope.js';
import { stepAnswerer } from './answers/step-asked.js';
import { timeAskedFor } from './answers/time-asked.js';
import { unknownAction } from './answers/unknown-action.js';
import { unknownCloud } from './answers/unknown-cloud.js';
import { unknownThing } from './answers/unknown-thing.js';
import type { Answerer, AskContext, KnowledgeContext } from './answers/types.js';
import { isEnglishWord } from './dictionary.js';
import { clauses, mainClause, REFERS_BACK, withoutFiling, type Clause } from './clauses.js';
import { extractFacts } from './facts/index.js';
import { hasTopic, isGeneric } from './generic-terms.js';
import type { Facts } from './facts/types.js';
import { buildPassages } from './passages.js';
import { PLACE_NAMES } from './regions.js';
import { conceptsOf, PassageIndex } from './search.js';
import { TermCache } from './term-cache.js';
import { warmUpQuestions } from './warm-up-questions.js';
import { memoizeByText } from './memo.js';
import { normalise, STOPWORDS, stem, words } from './text.js';
import { AnswerCache } from './answer-cache.js';
import { outagePhone, scopeOf, type OutagePhone, type ScopeCheck } from './incident-facts.js';
import type { Answer, Cloud, ParsedArticle, RegionId } from './types.js';

/** The words a cached answer is found by: the question normalised, so "Who do I call?" and "who do i call" share one. */
const answerKey = memoizeByText((text: string) => normalise(text.slice(0, MAX_QUESTION_CHARS)).replace(/\s+/g, ' ').trim());

export { CONFIDENCE_BAR };
/** For the answerer whose kind of answer the question's wording asks for (steps for "how do I…"). */
const ASKED_FOR_PREFERENCE = 0.2;

/** Structured answers first: a fact beats a passage that happens to share words with the question. */
const ANSWERERS: readonly Answerer[] = [
  phoneAnswerer,
  emailAnswerer,
  logLocationAnswerer,
  scopeAnswerer,
  procedureAnswerer,
  stepAnswerer,
  prerequisiteAnswerer,
  eligibilityAnswerer,
  quotedLabelAnswerer,
  optionAnswerer,
  passageAnswerer,
];

export interface KnowledgeBaseOptions {
  /** Where article links point; none: answers name the article and its file. */
  baseUrl?: string | null;
  /** How many recent answers to keep (0: none). */
  answerCacheSize?: number;
}

const DEFAULT_ANSWER_CACHE_SIZE = 1000;
/**
 * Rounds of warmUp(): the first compiles each path, the next ones let the engine optimise it;
 * later rounds stop once WARM_UP_BUDGET_MS has passed (a large knowledge base answers more slowly).
 */
const WARM_UP_ROUNDS = 3;
const WARM_UP_BUDGET_MS = 2000;

/**
 * The knowledge base: articles, the facts extracted from them, and the passage index.
 * `answer()` is the only thing the bot needs; it never throws for any question text.
 */
export class KnowledgeBase {
  private readonly context: KnowledgeContext;
  private readonly corrector: Corrector;
  private readonly cache: AnswerCache;

  constructor(readonly articles: readonly ParsedArticle[], options: KnowledgeBaseOptions = {}) {
    const facts = extractFacts(articles);
    const index = new PassageIndex(buildPassages(articles));
    this.cache = new AnswerCache(options.answerCacheSize ?? DEFAULT_ANSWER_CACHE_SIZE);
    this.context = { facts, index, sources: new Sources(articles, options.baseUrl ?? null), terms: new TermCache() };
    this.corrector = new Corrector(correctionVocabulary(articles, facts), (word) => STOPWORDS.has(word) || index.knows(stem(word)) || index.knows(word), isEnglishWord);
  }

  get passageCount(): number {
    return this.context.index.passages.length;
  }

  /** How to reach support: the support address and the critical-outage numbers. */
  contacts(context: AskContext = {}): Answer {
    const question = analyseQuestion('support email address and phone number for a critical outage', this.corrector);
    const parts = [emailAnswerer.answer(question, this.context, context), phoneAnswerer.answer(question, this.context, context)].filter((a): a is Answer => a !== null);
    return parts.length ? merge(parts, 'contact', ['help']) : notFound();
  }

  /** Support regions and clouds a customer's own words point to, spelling corrected, in the order written. */
  placesIn(text: string): { regions: RegionId[]; clouds: Cloud[] } {
    const question = analyseQuestion(text, this.corrector);
    return { regions: question.places.map((place) => place.region), clouds: question.clouds };
  }

  /** The critical-outage number for a region, from the articles. */
  outagePhone(region: RegionId, cloud: Cloud | null = null): OutagePhone | null {
    return outagePhone(this.context, region, cloud);
  }

  /** Whether platform-level support covers the problem described. */
  scopeOf(text: string, cloud: Cloud | null): ScopeCheck {
    return scopeOf(this.context, text.slice(0, MAX_QUESTION_CHARS), cloud);
  }

  /**
   * Reads the reference data that is loaded on first use and answers questions of every kind
   * about this knowledge base's own facts (warm-up-questions.ts), so the first customers do not
   * wait for code running the first time. `alongside` sees each question and its answer, for the
   * caller's own per-turn code (routing, rendering). Call before taking traffic.
   */
  warmUp(alongside: (question: string, answer: Answer) => void = () => {}): void {
    isEnglishWord('support');
    const questions = warmUpQuestions(this.articles, this.context.facts);
    const started = performance.now();
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      if (round > 0 && performance.now() - started > WARM_UP_BUDGET_MS) break;
      for (const question of questions) alongside(question, this.answerUncached(question, {}));
    }
  }

  answer(text: string, context: AskContext = {}): Answer {
    const key = `${context.region ?? ''}|${answerKey(text)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const answer = Object.freeze(this.answerUncached(text, context));
    this.cache.set(key, answer);
    return answer;
  }

  private answerUncached(text: string, context: AskContext): Answer {
    // "how do I connect a Google Cloud project?" on articles that never speak of Google Cloud,
    // also when the cloud is named in a sentence before the question
    if (unknownCloud(normalise(text.slice(0, MAX_QUESTION_CHARS)), this.context.index)) return notFound();
    const whole = this.answerOne(text, context);
    const asked = clauses(text);
    // one question, answered as a whole; but one after a statement ("we have never used Azure before.
    // can you walk me through the steps?") may be answered better as asked about what the statement
    // says. Not one about "that" ("I picked 'Use an existing…'. does that put us on CenturyLink
    // billing?"), which asks about the whole statement, as the message as a whole does.
    const readWithStory = whole.kind === 'passage' && asked.length === 1 && asked[0]!.statement !== '' && !REFERS_BACK.test(asked[0]!.question);
    if (whole.kind !== 'not_found' && asked.length < 2 && !readWithStory) return whole;
    // "how long does it take, and does an admin have to do it?": each part may be answerable alone;
    // "box deployment keeps failing. what should I send?": the question is about the statement before it
    const answered = asked.map((clause) => this.answerClause(clause, context)).filter((part) => part.answer.kind !== 'not_found');
    // "…keeps coming back with a 500. what do you need from me?": what to hand over follows from the
    // kind of problem the statement tells, not from every detail of it the whole message matches;
    // read so, the question is answered at least as surely, by a passage that says what to hand over
    const handOver = answered.length === 1 && asksWhatToHandOver(normalise(asked[0]!.question)) ? answered[0]!.answer : null;
    if (readWithStory && handOver && handOver.confidence >= whole.confidence && tellsWhatToHandOver(handOver.text)) return handOver;
    return answerToMessage(whole, answered);
  }

  /**
   * A question after a statement is asked about what the statement says ("…failing on azure. what
   * should I send you?"); one that names its own topic may still be answered alone.
   */
  private answerClause({ question: text, statement, previous }: Clause, context: AskContext): PartAnswer {
    const question = analyseQuestion(text, this.corrector);
    // "can I get help setting up my account? who should I email?": a question that names no topic of
    // its own asks about the one before it, as does one about "that" ("…is that part of the support?")
    const borrowed = !statement && previous !== '' && (!hasTopic(question.concepts) || REFERS_BACK.test(question.text) || this.namesNothingNew(question, previous));
    // "…keeps coming back with a 500. I'm opening a case": filing it says nothing of what it is about
    const story = withoutFiling(statement).trim() || (borrowed ? mainClause(previous) : '');
    if (!story) return { answer: this.answerQuestion(question, context), borrowed };
    const topic = analyseQuestion(story, this.corrector);
    // "…a box error on a windows vm. what do we need from them before escalating?": the statement says
    // what it is about, and the question's when-clause only when; failing that, the question whole
    const main = mainClause(text);
    const asked = main !== text ? [analyseQuestion(main, this.corrector), question] : [question];
    for (const form of asked) {
      const kinds = asksWhatToHandOver(form.text) ? handOverTerms(this.context.index, this.context.terms) : undefined;
      const about = this.answerQuestion(withTopic(form, topic, this.context.index, kinds), context);
      if (about.kind !== 'not_found') return { answer: about, borrowed };
    }
    return { answer: this.answerQuestion(question, context), borrowed };
  }

  /**
   * "What is the mail for support when I have problem with API calls, and what I must put inside the
   * mail?": a follow-up whose words the knowledge base knows are all words of the question before it
   * asks about that question's topic.
   */
  private namesNothingNew(question: Question, previous: string): boolean {
    const before = new Set(conceptsOf(previous).map((c) => c.term));
    const known = question.concepts.filter((c) => !isGeneric(c) && this.context.index.knows(c.term));
    return known.length > 0 && known.every((c) => before.has(c.term));
  }

  private answerOne(text: string, context: AskContext): Answer {
    return this.answerQuestion(analyseQuestion(text, this.corrector), context);
  }

  private answerQuestion(question: Question, context: AskContext): Answer {
    // "what do you need from me to look into it" names nothing the articles could be about
    if (!hasTopic(question.concepts)) return notFound();
    // "how do I reset my outlook password": steps for an action no article speaks of would be for another task
    if (unknownAction(question.text, this.context.index)) return notFound();
    // "is there a terraform provider?": whether a thing exists that no article names; a passage about
    // providers would read like a yes, while a fact asked for in other words ("is there a toll-free
    // number in the States?") still answers
    const asksAfterUnknown = unknownThing(question.text, this.context.index) !== null;
    const candidates: { from: string; answer: Answer }[] = [];
    for (const answerer of ANSWERERS) {
      if (asksAfterUnknown && answerer === passageAnswerer) continue;
      if (!answerer.matches(question)) continue;
      const answer = answerer.answer(question, this.context, context);
      if (answer) candidates.push({ from: answerer.name, answer });
    }
    // a fact-based answer is preferred over a passage of about the same confidence, and a question
    // worded for one kind of answer gets that kind: "how do I…" the whole procedure rather than one
    // of its steps, "what do I need before…" the prerequisites rather than the steps that follow them
    const asked = new Set(ANSWERERS.filter((a) => a.askedFor?.(question, this.context)).map((a) => a.name));
    // "we don't have a CLC account, how do we get one?": a passage asked for by the question's very
    // form (what to do without one) beats the "how do…" wording's claim for a whole procedure
    if (asked.has(passageAnswerer.name)) asked.delete(procedureAnswerer.name);
    const rank = (c: { from: string; answer: Answer }): number =>
      c.answer.confidence + (c.answer.kind === 'passage' ? 0 : STRUCTURED_PREFERENCE) + (asked.has(c.from) ? ASKED_FOR_PREFERENCE : 0);
    // "how do we move off CenturyLink?": the steps for moving in are no answer
    const leaving = asksToLeave(question.text);
    // "how long are the agent logs kept?", "is the line staffed 24/7?": where the logs are, or the
    // number, is no answer; only a candidate that states the time asked for is
    const time = timeAskedFor(question.text);
    const confident = candidates
      .filter((c) => c.answer.confidence >= CONFIDENCE_BAR && (!leaving || speaksOfLeaving(c.answer)) && (!time || time.test(c.answer.text)))
      .sort((a, b) => rank(b) - rank(a));
    const [best, ...rest] = confident;
    if (!best) return notFound();
    // two questions in one ("who do I call, and is there an email?"): answer both
    const second = rest.find((c) => c.from !== best.from && c.answer.kind !== 'passage' && best.answer.kind !== 'passage' && c.answer.confidence >= 0.7);
    if (!second) return best.answer;
    return merge([best.answer, second.answer], best.answer.kind, best.answer.suggestions);
  }
}

function notFound(): Answer {
  return makeAnswer(
    'not_found',
    "I couldn't find an answer to that in the support knowledge base. I can open a support ticket so an engineer can help.",
    [],
    0,
    [],
    ['Open a ticket', 'help'],
  );
}

/** Words worth correcting towards: places, clouds, scope items, article titles. */
function correctionVocabulary(articles: readonly ParsedArticle[], facts: Facts): string[] {
  const vocabulary = ['azure', 'amazon', 'microsoft', 'outage', 'critical', 'phone', 'email', 'ticket', 'support', 'scope', 'covered', 'patching', 'monitoring', 'reseller', 'windows', 'linux', 'agent'];
  for (const place of PLACE_NAMES) vocabulary.push(...place.name.split(' '));
  for (const scope of facts.scopes) for (const item of [...scope.inScope, ...scope.outOfScope]) vocabulary.push(...words(item));
  for (const article of articles) vocabulary.push(...words(article.header.title));
  // the words of the procedures' steps ("create", "connect", "migrate"): what how-to questions are worded with
  for (const procedure of facts.procedures) for (const step of procedure.steps) vocabulary.push(...words(step.plain));
  return vocabulary;
}
