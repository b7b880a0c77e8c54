import type { LogLocationFact } from '../facts/types.js';
import { supportFacts, titleFit } from './article-fit.js';
import { makeAnswer } from './render.js';
import type { Answerer } from './types.js';

const LOG_WORDS = /\blogs?\b|\blogfile\b|\.log\b/;
const WHERE_WORDS = /\b(where|find|locate|location|path|folder|directory|get|grab|see|which file|reach|access|pull|open|view|read)\b/;
const OS_NAMES: [RegExp, string][] = [
  [/\bwindows\b|\brdp\b/, 'windows'],
  [/\blinux\b|\bubuntu\b|\bred ?hat\b|\bcentos\b|\bssh\b/, 'linux'],
];

const OS_LABELS: Record<string, string> = { windows: 'Windows', linux: 'Linux', macos: 'macOS', unix: 'Unix' };

/** Where the agent log is on each operating system. */
export const logLocationAnswerer: Answerer = {
  name: 'log-location',
  matches: (q) => LOG_WORDS.test(q.text) && (WHERE_WORDS.test(q.text) || OS_NAMES.some(([re]) => re.test(q.text))),
  answer(q, knowledge) {
    // one fact per operating system. The same section closes dozens of guides ("Contacting support"),
    // so a guide whose title shares the customer's words ("boxes") is no better a source: the one
    // to cite is an article about support, and among those the one whose title fits the question
    const better = (a: LogLocationFact, b: LogLocationFact): boolean => {
      const support = supportFacts(a.slug, knowledge) - supportFacts(b.slug, knowledge);
      return support !== 0 ? support > 0 : titleFit(q.concepts, a.slug, knowledge) > titleFit(q.concepts, b.slug, knowledge);
    };
    const unique = new Map<string, LogLocationFact>();
    for (const fact of knowledge.facts.logLocations) {
      const held = unique.get(fact.os);
      if (!held || better(fact, held)) unique.set(fact.os, fact);
    }
    if (unique.size === 0) return null;
    const wanted = OS_NAMES.filter(([re]) => re.test(q.text)).map(([, os]) => os);
    const chosen = wanted.length ? [...unique.values()].filter((f) => wanted.includes(f.os)) : [...unique.values()];
    const shown = chosen.length ? chosen : [...unique.values()];
    // the path is what was asked; how to reach the machine follows it in brackets
    const lines = shown.map((f) => `- **${OS_LABELS[f.os] ?? f.os}:** \`${f.path}\`${f.access ? ` (${f.access})` : ''}`);
    const context = shown.find((f) => f.context)?.context;
    const text = `${context ? knowledge.sources.links(context) : 'Where the agent log is:'}\n\n${lines.join('\n')}`;
    return makeAnswer('howto', text, [knowledge.sources.ref(shown[0]!.slug)], 0.88, shown.map((f) => `${f.os}: ${f.path}`), ['I have a box error', 'Open a ticket']);
  },
};
