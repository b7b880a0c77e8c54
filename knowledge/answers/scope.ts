import { clauses, mainClause, REFERS_BACK } from '../clauses.js';
import { conceptsOf, type Concept } from '../search.js';
import { askingPart } from './asking-part.js';
import type { Question } from './question.js';
import { comparison, LISTING_TERMS, listing, managedServices, onePerCloud } from './scope-lists.js';
import { PRICE_ASKED } from './wanted.js';
import { bestItems, closeTo, verdict, type ItemMatch } from './scope-verdict.js';
import type { Answerer, KnowledgeContext } from './types.js';

/*
 * Reading a scope question: whether it asks for a verdict on an item, for the whole list, for a
 * comparison of the clouds or for what Managed Services add; the answers are built in
 * scope-verdict.ts and scope-lists.ts.
 */

const SCOPE_WORDS = /\b(scope|cover|covers|covered|coverage|support|supports|supported|handle|handles|handled|responsible|responsibility|take care|look after|in charge|deals? with|dealing with|platform.level|part of (your|the|platform)?\s?(support|scope|service|coverage))\b/;
/** "the AWS support plan fee", "a support ticket": support as the name of a thing, asking nothing of it. */
const SUPPORT_AS_NOUN = /\bsupport (plans?|tickets?|cases?|teams?|numbers?|lines?|address(es)?|e-?mails?|fees?|contracts?|portal|site|pages?|requests?|staff|engineers?|hours)\b/g;
/** "include" and "offer" speak of scope only next to a scope word or a cloud. */
const SOFT_SCOPE_WORDS = /\b(include|includes|included|offer|offers|provide|provides|help with|do for)\b/;
/** "who handles…?", "who escalates to Microsoft?" (question.ts reads dealing with a vendor so): whose job it is. */
const WHO_DOES = /\bwho (handles|deals with|escalates|takes care|is responsible|looks after|covers)\b/;
/** A verdict answers a yes/no question, a "who handles" question, or one that names the scope outright. */
const VERDICT_FORM = new RegExp([
  // "azure sub mgmt - does CTL platform-level support handle that?": a dash before the question too
  /(^|[.?!;,]\s*|\s[-–—]+\s*|\band\s+|\bbut\s+|\bso\s+)(is|are|does|do|can|could|will|would|should|am|did|has|have)\b/.source,
  // "…, it include also the billing?", "aws billing + estimates, platform support handles those?": a
  // question in the form of a statement
  /\b(include|includes|cover|covers|handle|handles|deal with|deals with|take care of|takes care of)\b[^.?!]*\?\s*$/.source,
  // "aws console users - u create those?": the question asked without its "do"
  /(^|[.?!;,]\s*|\s[-–—]+\s*)(you|u|ctl|centurylink)( guys)? \w+\b[^.?!]*\?/.source,
  /\bsomething (you|your|centurylink)\b/.source,
  // not "how often do you bill us?", "when do you…", "what (exactly) do you need from me?": asked
  // how, when, why or what, not whether
  /(?<!\b(?:how (?:often|long|much|many|soon|quickly)|when|why|where|what|which)(?:\s+(?:exactly|else|info|information|details|data|kind of \w+))?\s+)\b(is|are|does|do|can|could|will|would)\s+(you|u|your|centurylink|ctl|it|that|this|they|those|these|there|the|platform)\b/.source,
  WHO_DOES.source,
  /\b(covered|in scope|out of scope|outside( of)?( the)? scope|included|part of (it|that|this|your|the|what))\b/.source,
  // "we would like to know whether change management falls under platform-level support"; "we're
  // trying to figure out if keeping an eye on our instances is part of what you cover"
  /\bwhether\b|\b(know|figure out|find out|check|wondering|wonder|confirm|tell me|see) if\b/.source,
  // "that's not part of platform-level support, right?": a statement asked to be confirmed
  /,\s*(right|correct|yes|no|true|is it|is that right)\s*\?/.source,
].join('|'));
/** A question whose subject is the provider asks what it does: "will centurylink escalate it?" */
const PROVIDER_DOES = /\b(is|are|does|do|can|could|will|would)\s+(you|u|your|ur|centurylink|ctl|support)\b/;
/**
 * Support's own staff asking for a customer: "do we escalate to Microsoft for the customer?", "can
 * we help a cust sort out their IAM policies?". "We" is the provider when the customer is someone
 * else; a customer's own "do we have to…" is not this.
 */
const STAFF_ASKS = /\b(?:is|are|does|do|can|could|will|would|should)\s+we\b[^.?!]*\bfor\s+(?:the|a|our|this|that)\s+(?:customer|client)s?\b|\b(?:can|could|do|will|would|should)\s+we\s+(?:help|support|assist)\s+(?:a|the|our|this|that)\s+(?:customer|client)s?\b/;
/**
 * "does that mean you guys patch our servers now?", "can one of your engineers RDP into our boxes?":
 * the provider doing one of the things support might do.
 */
const PROVIDER_ACTS = /\b(you|u|ur|your|centurylink|ctl)\b(?:\s+(?:guys|folks|people|team|engineers?|staff|techs?|support|ops))?(?:\s+(?:will|would|can|could|do|does|should|might|may))?(?:\s+(?:just|also|still|actually|even|then|now|really|ever))?\s+(?:patch|monitor|manage|handle|run|fix|administer|rdp|ssh|sort|chase|escalate|deal|help|take over|look after|look into|review|approve|configure|maintain|troubleshoot|support|cover|create|set up|provision|add|make|perform|apply|install|take care)\w*\b/;
/** "X isn't covered… where do we go if we want it?": the verdict, with where the item is offered. */
const WANTS_IT_ANYWAY = /\b(where|who|how)\b[^.?!]*\b(go|get|buy|turn|contact|ask|order|purchase)\b|\bwant (that|it|this|them)\b/;
/** "is X something you guys do?" */
const SOMETHING_YOU_DO = /\bsomething (you|u|your|centurylink)\b/;
/** "patching on our boxes - is that you guys or us?", "is that on us or on you?", "is it your job?", "subscription mgmt - ours or not?" */
const YOU_OR_US = /\b(you|u|centurylink|ctl)( guys| folks)?,? or (on )?(us|we|me|ourselves|myself)\b|\b(us|we|me),? or (on )?(you|u|centurylink|ctl)\b|\b(your|ur) (job|responsibility|side)\b|\bor (whether |if )?(that|it|this) (is|will be|would be|falls) (on us|on our side|our (job|responsibility|problem))\b|\b(?:ours|yours|mine),? or (?:not|yours|ours|mine|theirs)\b|\b(?:us|we),? or (?:on )?(?:them|the customer|the client)\b/;
/** "what do we still have to do ourselves?", "what stays with us?", "do we have to patch our own VMs?": what support leaves to the customer. */
const CUSTOMER_SIDE = /\b(do|handle|manage|cover|take care of|look after|patch|monitor|maintain|update|fix|run)\b[^.?!]*\b(ourselves|ourself|myself|our own|my own)\b|\b(stays?|remains?|left) (with|to|for) (us|me)\b|\b(are|am) (we|i) (still )?responsible\b/;
const LIST_WORDS = /\b(what|which|list|everything|all|anything)\b|\bscope\??$/;
/** What is left out, also when the negation stands apart from its verb ("what doesn't aws support cover?"). */
const OUT_WORDS = new RegExp([
  /\b(out of scope|outside|exclude|excluded|excludes|excluding|exclusions?)\b/.source,
  /\b(not|never)\b[^.?!]*\b(cover|covers|covered|include|includes|included|support|supports|supported|handle|handles|handled|scope|part of|do)\b/.source,
].join('|'));
/** "what does managed services add?", "what do managed services include?": the tier above platform-level support. */
const MANAGED_SERVICES = /\bmanaged\s+services?\b/;
const COMPARE_WORDS = /\b(differ|difference|different|compare|comparison|versus|vs|both|same)\b/;
/** Share of a question an in-scope item must name to be what the question asks about. */
const ITEM_SHARE = 0.4;


/** Is X in scope for a cloud; what is in and out of scope; how the two clouds differ. */
export const scopeAnswerer: Answerer = {
  name: 'scope',
  matches: () => true,
  // "what stays with us?" is worded for the list of what support leaves out, ahead of a passage
  // that only shares its words ("must always stay with the account")
  askedFor: (q) => CUSTOMER_SIDE.test(q.text),
  answer(question, knowledge) {
    const scopes = knowledge.facts.scopes;
    if (scopes.length === 0) return null;
    const q = withoutOtherwise(question);
    // "…add devs to the aws management console - is creating console users something you cover?": the
    // items the asking part names come before those of the story around it
    const part = askingPart(q.text);
    const fromPart = asksOfSupport(part) ? bestItems(conceptsOf(part), scopes, knowledge) : [];
    // "our AWS charges look way off. is that something your team deals with?": "that" is what the
    // story before it names
    const story = fromPart.length === 0 && REFERS_BACK.test(part) && asksOfSupport(part) ? (clauses(q.text).at(-1)?.statement ?? '') : '';
    const fromStory = story ? bestItems(conceptsOf(story), scopes, knowledge) : [];
    const matches = fromPart.length ? fromPart : fromStory.length ? fromStory : bestItems(q.concepts, scopes, knowledge);
    const leftOut = OUT_WORDS.test(q.text) || CUSTOMER_SIDE.test(q.text);
    const scopeWords = speaksOfScope(q.text) || leftOut || (SOFT_SCOPE_WORDS.test(q.text) && q.clouds.length > 0);
    // an item named in passing ('…take over billing and support…') is not what a long question asks,
    // and a question that asks nothing of support ("will the charges be itemized on the invoice?")
    // wants the article's words about the item, not a verdict on it
    const asksOfProvider = scopeWords || PROVIDER_DOES.test(q.text) || STAFF_ASKS.test(q.text) || PROVIDER_ACTS.test(q.text) || WHO_DOES.test(q.text) || SOMETHING_YOU_DO.test(q.text) || YOU_OR_US.test(q.text);
    // "who is patching our instances - you or us?" asks whose job it is, as a yes/no question does
    const askedAs = VERDICT_FORM.test(q.text.trim()) || YOU_OR_US.test(q.text) || STAFF_ASKS.test(q.text) || (matches.length > 0 && !matches[0]!.inScope && WANTS_IT_ANYWAY.test(q.text));
    const namedAsked = matches === fromStory || !matches[0]?.inScope || itemShare(q, closeTo(matches), knowledge) >= ITEM_SHARE;
    // "do you mark up what Microsoft charges?" asks a price, which no scope item is
    if (matches.length > 0 && asksOfProvider && askedAs && namedAsked && !PRICE_ASKED.test(q.text)) {
      const answer = verdict(q, matches, knowledge);
      if (answer) return answer;
    }
    if (MANAGED_SERVICES.test(q.text)) return managedServices(q, scopes, knowledge);
    // "aws support exclusions?": what is left out, asked for without a "what"
    if (!scopeWords || (!LIST_WORDS.test(q.text) && !COMPARE_WORDS.test(q.text) && !leftOut)) return null;
    // "what Azure resources does it support" asks about resources, not for the scope list; a sentence
    // that asks nothing ("…our procurement team wants it in writing") does not narrow the request
    const listed = asksOfSupport(part) ? conceptsOf(part) : q.concepts;
    // ("the two lists": a number weighs nothing, and says nothing about what is asked)
    if (listed.some((c) => knowledge.index.knows(c.term) && !LISTING_TERMS.has(c.term) && knowledge.index.weight(c) > 0)) return null;
    // a knowledge base may hold two copies of a cloud's scope article: one list per cloud
    const perCloud = onePerCloud(scopes);
    const asked = q.clouds.length ? perCloud.filter((s) => q.clouds.includes(s.cloud)) : perCloud;
    // "what we do vs what you cover" on one cloud compares the customer's part with support's, not the clouds
    if ((COMPARE_WORDS.test(q.text) && q.clouds.length !== 1) || asked.length > 1) return comparison(perCloud, knowledge, leftOut);
    return listing(asked, leftOut, knowledge);
  },
};


/**
 * "will you escalate it to AWS, or do I have to open a case with them myself?": the other way the
 * customer offers is what happens if support does not; it names nothing support is asked about.
 */
const OTHERWISE = /,?\s+or\s+(?:do|does|should|must|would|will|can|is|are|have)\s+(?:i|we|they|that|it|this)\b[^?]*\??\s*$/;

function withoutOtherwise(q: Question): Question {
  const text = q.text.replace(OTHERWISE, '?');
  return text === q.text || !/[a-z]/.test(text) ? q : { ...q, text, concepts: conceptsOf(text) };
}


/**
 * How much of what the question asks (its known words, less cloud and scope words) the items
 * name: in the whole message, or in the part of it that asks what support does (`asking-part.ts`),
 * whichever is more.
 */
function itemShare(q: Question, named: readonly ItemMatch[], knowledge: KnowledgeContext): number {
  const itemTerms = new Set(named.flatMap((match) => match.key.split(' ')));
  const share = (concepts: readonly Concept[]): number =>
    // "chase" is no word of the articles, but its alternative "escalate" is; "acct" is an account
    knowledge.index.coverage(concepts.filter((c) => c.alternatives.some((term) => knowledge.index.knows(term)) && !c.alternatives.some((term) => LISTING_TERMS.has(term))), itemTerms);
  const part = askingPart(q.text);
  if (!asksOfSupport(part)) return share(q.concepts);
  // "will you take it up with Microsoft if there's a problem your team can't solve?": the if-clause
  // says in which case, the main clause what is asked
  return Math.max(share(q.concepts), share(conceptsOf(part)), share(conceptsOf(mainClause(part))));
}


/** Only a part that asks what support does counts: "can we sign up for centurylink-billed azure?" names billing, but asks about signing up. */
function asksOfSupport(part: string): boolean {
  return speaksOfScope(part) || PROVIDER_DOES.test(part) || PROVIDER_ACTS.test(part) || WHO_DOES.test(part);
}

function speaksOfScope(text: string): boolean {
  return SCOPE_WORDS.test(text.replace(SUPPORT_AS_NOUN, ' ')) || CUSTOMER_SIDE.test(text);
}

