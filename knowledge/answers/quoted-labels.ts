import { CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import type { Passage } from '../passages.js';
import type { PassageIndex } from '../search.js';
import { words } from '../text.js';
import { asksNextStep } from './next-step.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';
import type { Question } from './question.js';

/**
 * Customers quote what they see on screen: "I picked 'Use an existing Azure customer account'",
 * "what's the difference between 'Use an existing…' and 'Migrate my account…'?". When a quoted
 * label is the first cell of a table row (an option and what it means), the table explains it,
 * each option beside the others, better than any passage that merely shares its words.
 */
const QUOTED = /["'“‘]([^"“”‘’\n]{8,160}?)["'”’]/g;
/** Shorter quotes are words in passing ("the 'new' button"), not labels. */
const MIN_LABEL_WORDS = 3;

function quotedLabels(raw: string): string[] {
  return [...raw.matchAll(QUOTED)].map((m) => words(m[1]!).join(' ')).filter((label) => label.split(' ').length >= MIN_LABEL_WORDS);
}

const firstCell = (row: Passage): string => ` ${words(row.units[0]!.plain.split(' — ')[0]!).join(' ')} `;

/**
 * The table that names the labels the question quotes: the one whose rows' first cells hold the
 * most of them ("Migrate my account to CenturyLink" is an option for Azure and for AWS; "Use an
 * existing Azure customer account" says which), and among equals one of the cloud asked about.
 */
function tableNamed(q: Question, knowledge: KnowledgeContext): Passage[] {
  const labels = quotedLabels(q.raw);
  if (labels.length === 0) return [];
  let best: { rows: Passage[]; named: number; cloud: boolean } | null = null;
  for (const rows of tablesOf(knowledge.index)) {
    const named = labels.filter((label) => rows.some((row) => firstCell(row).includes(` ${label} `))).length;
    if (named === 0) continue;
    const cloud = q.clouds.length > 0 && cloudsNamed(rows[0]!.title, CLOUD_WORDS).some((c) => q.clouds.includes(c));
    if (!best || named > best.named || (named === best.named && cloud && !best.cloud)) best = { rows, named, cloud };
  }
  return best?.rows ?? [];
}

/** The rows of each table, gathered once per index (a table's rows share a group). */
const TABLES = new WeakMap<PassageIndex, Passage[][]>();

export function tablesOf(index: PassageIndex): Passage[][] {
  let tables = TABLES.get(index);
  if (!tables) {
    const byGroup = new Map<number, Passage[]>();
    for (const passage of index.passages) if (passage.row) byGroup.set(passage.group, [...(byGroup.get(passage.group) ?? []), passage]);
    tables = [...byGroup.values()];
    TABLES.set(index, tables);
  }
  return tables;
}

export const quotedLabelAnswerer: Answerer = {
  name: 'quoted-label',
  matches: (q) => quotedLabels(q.raw).length > 0,
  // a label quoted in a story that asks for the next step ("…picked 'Create a new Azure customer
  // account'. what's the next button?") tells where the customer is, not what is asked
  askedFor: (q, knowledge) => !asksNextStep(q.text) && tableNamed(q, knowledge).length > 0,
  answer(q, knowledge) {
    // the whole table: the option asked about beside the others
    const table = tableNamed(q, knowledge);
    const [first] = table;
    if (!first) return null;
    const rows = table.map((row) => `- ${knowledge.sources.links(row.units[0]!.markdown)}`).join('\n');
    return makeAnswer('passage', `*${first.heading}:*\n\n${rows}`, [knowledge.sources.ref(first.slug)], 0.85, [], ['Open a ticket', 'help']);
  },
};
