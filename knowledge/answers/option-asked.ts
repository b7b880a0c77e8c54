import { CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import type { Passage } from '../passages.js';
import { terms } from '../text.js';
import { tablesOf } from './quoted-labels.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

/**
 * "We have never had Azure: which option do we pick?", "team b already pays Microsoft directly,
 * which provider option gets them under CenturyLink?": a choice among the options a guide's table
 * lays out, each with what it means. The row that fits the customer's situation comes first, with
 * the other options after it, so that a question about two situations is answered for both.
 */
const ASKS_WHICH_OPTION =
  /\b(?:which|what) (?:\w+ )?(?:option|choice|one)s?\b[^.?!]*\b(?:pick|choose|select|use|take|go with|gets?|puts?|moves?)\b|\b(?:which|what) (?:\w+ )?(?:option|choice)s? (?:is|are|should|would|do|does)\b|\bof the (?:\w+ )*(?:options|choices)\b[^.?!]*\b(?:which|what)\b/;

/**
 * "I picked Azure Resource Manager, which option do I choose after that?": the choice the next step
 * names, after a step the customer has taken, which the steps answer.
 */
const AFTER_A_STEP = /\b(?:after (?:that|this)|next|then)\W*$|\b(?:i|we|they) (?:picked|selected|clicked|chose|named|entered|typed|filled)\b/;

/** Words of the choosing itself, which say nothing about which option fits. */
const REQUEST_TERMS = new Set(terms('which what option options choice choices one pick choose select take go should would provider form'));
/** The share of what the question names that the best row (with its article's title) must hold. */
const MIN_ROW_FIT = 0.3;

interface OptionTable {
  slug: string;
  title: string;
  rows: Passage[];
}

/**
 * Tables of options: those with a row whose first cell a step of the guides quotes as what to
 * select ('Select the "Create a new Azure customer account" option'). Found once per index.
 */
const OPTION_TABLES = new WeakMap<object, OptionTable[]>();

function optionTables(knowledge: KnowledgeContext): OptionTable[] {
  let tables = OPTION_TABLES.get(knowledge.index);
  if (!tables) {
    const quotedInSteps = knowledge.facts.procedures.flatMap((procedure) => procedure.steps.map((step) => step.plain.toLowerCase()));
    tables = tablesOf(knowledge.index)
      .filter((rows) => rows.length >= 2 && rows.some((row) => quotedInSteps.some((step) => step.includes(`"${label(row).toLowerCase()}"`))))
      .map((rows) => ({ slug: rows[0]!.slug, title: rows[0]!.title, rows }));
    OPTION_TABLES.set(knowledge.index, tables);
  }
  return tables;
}

const label = (row: Passage): string => row.units[0]!.plain.split(' — ')[0]!.trim();
// a cell may carry its column's name ("Description: …")
const meaning = (row: Passage): string => (row.units[0]!.markdown.split(' — ')[1] ?? '').trim().replace(/^[^:*[\]]{1,40}:\s+/, '');

/** What the option is to achieve, said after the option word: "which choice gets it onto CenturyLink billing". */
const GOAL = /\b(?:option|choice|one)s?\b(.*)$/;

export const optionAnswerer: Answerer = {
  name: 'option',
  // "…picked Azure Resource Manager, which option do I choose after that?" asks for the next step
  matches: (q) => ASKS_WHICH_OPTION.test(q.text) && !AFTER_A_STEP.test(q.text),
  askedFor: (q) => ASKS_WHICH_OPTION.test(q.text) && !AFTER_A_STEP.test(q.text),
  answer(q, knowledge) {
    const asked = q.concepts.filter((c) => !REQUEST_TERMS.has(c.term));
    if (asked.length === 0) return null;
    // the goal weighs as much as the whole situation: "…pay Microsoft directly. which choice gets it
    // onto CenturyLink billing?" asks for the way onto CenturyLink billing, not the direct one
    const goalTerms = new Set(terms(GOAL.exec(q.text)?.[1] ?? ''));
    const goal = asked.filter((c) => goalTerms.has(c.term));
    let best: { table: OptionTable; row: Passage; fit: number } | null = null;
    for (const table of optionTables(knowledge)) {
      if (q.clouds.length > 0 && !cloudsNamed(table.title, CLOUD_WORDS).some((cloud) => q.clouds.includes(cloud))) continue;
      for (const row of table.rows) {
        const said = knowledge.terms.of(`${row.units[0]!.plain} ${table.title}`);
        const whole = knowledge.index.coverage(asked, said);
        const fit = goal.length > 0 ? (whole + knowledge.index.coverage(goal, said)) / 2 : whole;
        if (!best || fit > best.fit) best = { table, row, fit };
      }
    }
    if (!best || best.fit < MIN_ROW_FIT) return null;
    const { table, row } = best;
    const links = knowledge.sources.links.bind(knowledge.sources);
    const others = table.rows.filter((other) => other !== row).map((other) => `- **${label(other)}**: ${links(meaning(other))}`);
    const text = [`**${label(row)}**: ${links(meaning(row))}`, 'The other options:', others.join('\n')].join('\n\n');
    return makeAnswer('howto', text, [knowledge.sources.ref(table.slug)], Math.min(0.9, 0.3 + best.fit), [label(row)], ['Open a ticket']);
  },
};
