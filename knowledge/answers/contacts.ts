import type { EmailFact, PhoneFact } from '../facts/types.js';
import { placeTitle, REGION_NAMES, unservedPlaces } from '../regions.js';
import type { PlaceName } from '../regions.js';
import type { Concept } from '../search.js';
import { supportFacts, titleFit } from './article-fit.js';
import { makeAnswer } from './render.js';
import { terms } from '../text.js';
import type { Answerer, KnowledgeContext } from './types.js';

const PHONE_WORDS = /\b(call|calling|phone|phoning|hotline|telephone|dial|ring|line|numbers?)\b/;
/** "down" as in "the site is down", not "locking down the subnet" or "shut down a VM". */
const URGENT_WORDS = /\b(outage|outages|critical|urgent|emergency|(?<!\b(?:lock|locking|locked|shut|shutting|scale|scaling|scaled|turn|turning|wind|winding|narrow|narrowing|slow|slowing|step|stepping|write|writing|break|breaking|track|tracking)\s)down|sev ?1|p1)\b/;
const REACH_WORDS = /\b(contact|reach|talk to|speak to|who)\b/;
/** "what is the mail for write to support?": "mail" for an e-mail address, as many write it. */
const EMAIL_WORDS = /\be-?mails?\b|\bmail address\b|\b(?:the|a|which|what) mail\b/;
/** "which address do they send it to?", "which mailbox…": an address asked for without the word e-mail. */
const WHICH_ADDRESS = /\b(which|what) (e-?mail )?(address|mailbox|inbox)\b|\b(address|mailbox|inbox) (do|should|can|would) (i|we|they|you)\b/;
/** "email" as a way to reach someone, not "the migration email" as a thing. */
const EMAIL_INTENT = /\b(address|contact|reach|write|send|report|by e-?mail|who (can|do|should) (i|we)|which|what is (the|your)|is there|support|for)\b/;

/**
 * "not urgent at all… an email rather than calling?": the words of a call, said to rule one out;
 * and "a critical CVE", "a critical patch": critical, but no outage.
 */
const NO_CALL_WANTED = /\bcritical (?:cve|vulnerabilit\w*|security (?:fix|patch|update|issue)\w*|patch\w*|updates?|fix\w*|bug\w*)\b|\b(?:not|non|no|isn't|nothing)[\s-]+(?:(?:at all|really|very|too|that|so)\s+)?(?:urgent|critical|an emergency|emergency|an outage|outage)\b|\b(?:nothing|nothing's|nothing is|it's not|it is not|isn't|is not|not)\s+(?:actually\s+|really\s+)?down\b|\b(?:rather than|instead of|other than|without)\s+(?:a\s+)?(?:call|calling|phoning|phone)\w*/g;

/** "my API call keeps coming back with a 500": a call a program makes, no phone call. */
const PROGRAM_CALL = /\b(?:api|rest|http|https|sdk|cli|function|method|service|webhook|graphql|rpc)\s+call(?:s|ing)?\b/g;

/**
 * The question without the words that rule out an outage or a call ("nothing is down", "not
 * urgent"), and without calls that no one answers by phone ("an API call").
 */
function withoutNoCall(text: string): string {
  return text.replace(NO_CALL_WANTED, ' ').replace(PROGRAM_CALL, ' ');
}

/**
 * "how do I get in touch with support?", "what's the best way to reach you?": support asked for,
 * with no outage, is reached by e-mail. Only support (or "you", "someone") right after the verb:
 * "we can't reach our VMs, is that something support covers?" reaches no one. An address asked
 * for support ("what email do I write to for Cloud Application Manager support?") is support's own.
 */
const REACH_SUPPORT = /\b(?:get in touch with|reach|contact|talk to|speak (?:to|with)|get hold of|get ahold of)\s+(?:the\s+|your\s+)?(?:support(?:\s+team)?|you|you guys|your team|team|helpdesk|help desk|someone|somebody|anyone|an engineer|a person|a human)\b(?!\s+(?:to|for)\s+(?:an?\s+)?(?:outage|critical))|\bbest way to (?:reach|contact|get (?:in touch|hold))\b|\b(?:e-?mail|address|write to)\b[^.?!]{0,40}\bfor\s+(?:the\s+|your\s+)?(?:cloud application manager\s+|cam\s+)?support\b(?!\s+(?:plans?|tickets?|cases?|resources?))/;

/** Critical-outage phone numbers, for the customer's region when it is known. */
export const phoneAnswerer: Answerer = {
  name: 'contact-phone',
  matches: (q) => {
    const text = withoutNoCall(q.text);
    return (PHONE_WORDS.test(text) && (URGENT_WORDS.test(text) || /\b(call|phone|hotline|telephone|dial)\b/.test(text) || q.places.length > 0)) ||
      (URGENT_WORDS.test(text) && (REACH_WORDS.test(text) || q.places.length > 0));
  },
  answer(q, knowledge, context) {
    const phones = uniqueByRegion(knowledge.facts.phones, q.clouds[0] ?? null, knowledge);
    if (phones.length === 0) return null;
    const places = q.places.length ? q.places : context.region ? [{ name: REGION_NAMES[context.region].toLowerCase(), region: context.region }] : [];
    const matched = places
      .map((place) => ({ place, phone: phones.find((p) => p.region === place.region) }))
      .filter((m): m is { place: PlaceName; phone: PhoneFact } => m.phone !== undefined);
    if (matched.length > 0) {
      const lines = matched.map(({ place, phone }) => {
        const region = REGION_NAMES[phone.region!];
        const where = place.name !== region.toLowerCase() ? ` (${placeTitle(place.name)} is in ${region})` : '';
        return `For a critical outage in **${region}**${where}, call **${phone.number}**.`;
      });
      const text = `${lines.join('\n\n')}\n\nCalling is the fastest way to reach support in an outage.`;
      return makeAnswer('contact', text, [knowledge.sources.ref(matched[0]!.phone.slug)], 0.92, matched.map((m) => `${m.phone.label}: ${m.phone.number}`), ['Show all outage numbers', 'Open a ticket']);
    }
    const lines = phones.map((p) => `- **${p.label}:** ${p.number}`);
    // "what's the outage number for Latin America?": none is given there, and no region's number is its
    const unserved = places.length === 0 ? unservedPlaces(q.text)[0] : undefined;
    const lead = unserved
      ? `I couldn't find a critical-outage number for ${placeTitle(unserved)}: the support articles give one for each of these regions only.`
      : 'For a critical outage, call the number for your region for the fastest response:';
    const text = `${lead}\n\n${lines.join('\n')}`;
    return makeAnswer('contact', text, [knowledge.sources.ref(phones[0]!.slug)], 0.9, phones.map((p) => `${p.label}: ${p.number}`), ['Open a ticket', 'How do I contact support by email?']);
  },
};

/** "where do I send that request?": a request is sent to an address. */
const SEND_WHERE = /\b(where|who) (do|does|can|should|would|must) (i|we|they|the customer|customers|he|she) (send|submit|direct|forward|write to|reach out to|ask|contact|e-?mail|report)\b/;
/** How much of "where do I send <this>?" an address's purpose must name to be the answer. */
const MIN_PURPOSE_COVERAGE = 0.35;
/** "which e-mail addresses do you have?": every address, each with its use. */
const ASKS_FOR_ADDRESSES = /\baddresses\b|\be-?mails\b/;
const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const ADDRESSES = new RegExp(ADDRESS.source, 'g');

/** Support and integration e-mail addresses, the one whose purpose fits the question first. */
export const emailAnswerer: Answerer = {
  name: 'contact-email',
  matches: (q) => asksWhereToSend(q.text) || ADDRESS.test(q.text),
  // "…resources not on your list. who do we ask?": whom, not what the articles say about the resources
  askedFor: (q) => asksWhereToSend(q.text),
  answer(q, knowledge) {
    if (knowledge.facts.emails.length === 0) return null;
    // the words of reaching out say how, not what about; nor does an outage said not to be one
    const reaching = reachesSupport(q.text);
    const concepts = q.concepts.filter((c) => !/^(e?mail|contact|address|reach|out|send|submit|write|forward|ask)$/.test(c.term) && !(reaching && REACHING_TERMS.has(c.term)));
    const ranked = rankAddresses(knowledge.facts.emails, concepts, knowledge);
    const line = (fact: EmailFact): string => `**${fact.address}**: ${knowledge.sources.links(fact.purpose)}`;
    // "I have incident@… and cloudintegration@… in my notes, which is for what?": what each named one is for
    const named = [...new Set(q.text.match(ADDRESSES) ?? [])].map((address) => ranked.find((r) => r.fact.address.toLowerCase() === address.toLowerCase())).filter((r) => r !== undefined);
    if (named.length > 0) {
      const sources = [...new Set(named.map((r) => r.fact.slug))].map((slug) => knowledge.sources.ref(slug));
      return makeAnswer('contact', named.map((r) => line(r.fact)).join('\n\n'), sources, 0.93, named.map((r) => r.fact.address), ['Who do I call for a critical outage?', 'Open a ticket']);
    }
    // asked where to send something, not for an address: an address whose stated purpose is much of
    // that thing, as confident as it covers it
    const asked = askedForAddress(q.text) || reachesSupport(q.text);
    if (!asked && (ranked[0] === undefined || ranked[0].coverage < MIN_PURPOSE_COVERAGE)) return null;
    // a purpose the question barely touches ("…a weird layout bug. is there an email for this?") is
    // no reason to prefer an address: then the one most articles give, support's own, comes first
    // support named outright ("how do I get in touch with support?") is support's own address, with
    // the addresses for what the question touches on after it
    const clear = ranked[0]!.coverage >= MIN_PURPOSE_COVERAGE && !namesSupport(q.text);
    const best = clear ? ranked[0] : [...ranked].sort((a, b) => b.articles - a.articles)[0];
    // the other addresses in the order of how much their purposes touch the question
    const others = ranked.filter((r) => r !== best);
    const confidence = asked ? 0.93 : 0.6 + 0.3 * best!.coverage;
    // "what's the support e-mail?" wants that one address. Others follow when the question says
    // nothing of what it is for or asks for addresses in the plural (any), or touches on what they
    // are for without saying it clearly (those it touches on)
    const listAll = ranked[0]!.coverage === 0 || ASKS_FOR_ADDRESSES.test(q.text);
    const listed = listAll ? others : clear ? [] : others.filter((o) => o.coverage > 0);
    const rest = listed.slice(0, 2);
    const text = [line(best!.fact), ...(rest.length ? ['', 'Other addresses:', ...rest.map((o) => `- ${line(o.fact)}`)] : [])].join('\n');
    // asked outright for an e-mail address: that is the answer, ahead of anything the question touches on
    const sources = [...new Set([best!, ...rest].map((r) => r.fact.slug))].map((slug) => knowledge.sources.ref(slug));
    return makeAnswer('contact', text, sources, confidence, [best!.fact.address], ['Who do I call for a critical outage?', 'Open a ticket']);
  },
};

/** Whether the question asks where to send something, for an address outright, or how to reach support when nothing is down. */
export function asksWhereToSend(text: string): boolean {
  return sendsSomewhere(text) || askedForAddress(text);
}

/** "where do I send that request?", "who do we ask?", "how do I reach support?", not in an outage (that is a number to call). */
function sendsSomewhere(text: string): boolean {
  const calm = withoutNoCall(text);
  if (URGENT_WORDS.test(calm)) return false;
  return SEND_WHERE.test(calm) || reachesSupport(calm);
}

/** Words of "how do I get in touch with your support team?" that say how to reach, not what about. */
const REACHING_TERMS = new Set(terms('touch hold ahold team helpdesk desk someone somebody person human engineer best way no not nothing outage urgent emergency critical down'));

/** "who do I write to?": a person or mailbox asked for, where "where do I send the logs?" may want a place. */
const WHO_TO_WRITE = /\bwho (?:do|does|can|should|would|must) (?:i|we|they) (?:write to|e-?mail)\b/;

/** Support itself asked for, with nothing down: "how do I get in touch with support?", "best way to reach you?" */
function namesSupport(text: string): boolean {
  return reachesSupport(text) && REACH_SUPPORT.test(withoutNoCall(text));
}

/** "how do I get in touch with support?", "who do I write to?", with no outage and no call asked for. */
function reachesSupport(text: string): boolean {
  const calm = withoutNoCall(text);
  return (REACH_SUPPORT.test(calm) || WHO_TO_WRITE.test(calm)) && !URGENT_WORDS.test(calm) && !PHONE_WORDS.test(calm);
}

/** Asked outright for an address: "what's the support e-mail?", "which address do they send it to?" */
function askedForAddress(text: string): boolean {
  return (EMAIL_WORDS.test(text) && EMAIL_INTENT.test(text)) || WHICH_ADDRESS.test(text);
}

/**
 * One entry per address, best first. For each address, the article that states it for the purpose
 * closest to the question, and among equal purposes the article whose title fits the question best.
 * Two addresses given for the same purpose in the same words (an old one left in a few articles):
 * the one most articles give comes first, as the one support uses now.
 */
function rankAddresses(facts: readonly EmailFact[], concepts: readonly Concept[], knowledge: KnowledgeContext): { fact: EmailFact; coverage: number; articles: number }[] {
  const byAddress = new Map<string, { fact: EmailFact; coverage: number; fit: number; articles: number }>();
  for (const fact of facts) {
    const key = fact.address.toLowerCase();
    const coverage = knowledge.index.coverage(concepts, knowledge.terms.of(fact.purposePlain));
    const fit = titleFit(concepts, fact.slug, knowledge);
    const held = byAddress.get(key);
    if (!held) byAddress.set(key, { fact, coverage, fit, articles: 1 });
    else {
      held.articles++;
      const better = coverage !== held.coverage ? coverage > held.coverage : fit !== held.fit ? fit > held.fit : supportFacts(fact.slug, knowledge) > supportFacts(held.fact.slug, knowledge);
      if (better) Object.assign(held, { fact, coverage, fit });
    }
  }
  return [...byAddress.values()].sort((a, b) => b.coverage - a.coverage || b.articles - a.articles);
}

/** One number per region; the article for the cloud asked about is cited when there is one. */
function uniqueByRegion(phones: readonly PhoneFact[], cloud: string | null, knowledge: KnowledgeContext): PhoneFact[] {
  const preferred = cloud ? phones.filter((p) => knowledge.sources.ref(p.slug).title.toLowerCase().includes(cloud)) : [];
  const ordered = [...preferred, ...phones];
  const seen = new Set<string>();
  return ordered.filter((p) => {
    const key = p.region ?? p.label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
