import type { LogLocationFact } from '../facts/types.js';
import { makeAnswer } from './render.js';
import type { Answerer } from './types.js';

const LOG_WORDS = /\blogs?\b|\blogfile\b|\.log\b/;
const WHERE_WORDS = /\b(where|find|locate|location|path|folder|directory|get|grab|see|which file)\b/;
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
    const unique = new Map<string, LogLocationFact>();
    for (const fact of knowledge.facts.logLocations) if (!unique.has(fact.os)) unique.set(fact.os, fact);
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
