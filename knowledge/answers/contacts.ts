import type { EmailFact, PhoneFact } from '../facts/types.js';
import { REGION_NAMES } from '../regions.js';
import { terms } from '../text.js';
import type { RegionId } from '../types.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

const PHONE_WORDS = /\b(call|calling|phone|hotline|telephone|dial|ring|number to call|phone number|numbers?)\b/;
const URGENT_WORDS = /\b(outage|outages|critical|urgent|emergency|down|sev ?1|p1)\b/;
const REACH_WORDS = /\b(contact|reach|talk to|speak to|who)\b/;
const EMAIL_WORDS = /\b(e-?mail|email address|mail address|mailbox|write to)\b/;

/** Critical-outage phone numbers, for the customer's region when it is known. */
export const phoneAnswerer: Answerer = {
  name: 'contact-phone',
  matches: (q) => (PHONE_WORDS.test(q.text) && (URGENT_WORDS.test(q.text) || /\b(call|phone|hotline|telephone|dial)\b/.test(q.text) || q.place !== null)) ||
    (URGENT_WORDS.test(q.text) && REACH_WORDS.test(q.text)),
  answer(q, knowledge, context) {
    const phones = uniqueByRegion(knowledge.facts.phones, q.clouds[0] ?? null, knowledge);
    if (phones.length === 0) return null;
    const region: RegionId | undefined = q.place?.region ?? context.region;
    const match = region ? phones.find((p) => p.region === region) : undefined;
    if (match) {
      const where = q.place && q.place.name !== REGION_NAMES[match.region!].toLowerCase() ? ` (${titleCase(q.place.name)} is in ${REGION_NAMES[match.region!]})` : '';
      const text = `For a critical outage in **${REGION_NAMES[match.region!]}**${where}, call **${match.number}** for the fastest response.`;
      return makeAnswer('contact', text, [knowledge.sources.ref(match.slug)], 0.92, [`${match.label}: ${match.number}`], ['Show all outage numbers', 'Open a ticket']);
    }
    const lines = phones.map((p) => `- **${p.label}:** ${p.number}`);
    const text = `For a critical outage, call the number for your region for the fastest response:\n\n${lines.join('\n')}`;
    return makeAnswer('contact', text, [knowledge.sources.ref(phones[0]!.slug)], 0.9, phones.map((p) => `${p.label}: ${p.number}`), ['Open a ticket', 'How do I contact support by email?']);
  },
};

/** Support and integration e-mail addresses, the one whose purpose fits the question first. */
export const emailAnswerer: Answerer = {
  name: 'contact-email',
  matches: (q) => EMAIL_WORDS.test(q.text),
  answer(q, knowledge) {
    const byAddress = new Map<string, EmailFact>();
    for (const fact of knowledge.facts.emails) {
      const key = fact.address.toLowerCase();
      if (!byAddress.has(key)) byAddress.set(key, fact);
    }
    if (byAddress.size === 0) return null;
    const concepts = q.concepts.filter((c) => !/^(e?mail|contact|address)$/.test(c.term));
    const ranked = [...byAddress.values()]
      .map((fact) => ({ fact, coverage: knowledge.index.coverage(concepts, new Set(terms(fact.purposePlain))) }))
      .sort((a, b) => b.coverage - a.coverage);
    const [best, ...others] = ranked;
    const line = (fact: EmailFact): string => `**${fact.address}**: ${knowledge.sources.links(fact.purpose)}`;
    const rest = others.filter((o) => o.fact.address.toLowerCase() !== best!.fact.address.toLowerCase()).slice(0, 2);
    const text = [line(best!.fact), ...(rest.length ? ['', 'Other addresses:', ...rest.map((o) => `- ${line(o.fact)}`)] : [])].join('\n');
    return makeAnswer('contact', text, [knowledge.sources.ref(best!.fact.slug)], 0.85, [best!.fact.address], ['Who do I call for a critical outage?', 'Open a ticket']);
  },
};

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

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
