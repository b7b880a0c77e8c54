import type { ParsedArticle } from '../types.js';
import type { LogLocationFact } from './types.js';
import { blocksOf } from './walk.js';

const OS_ITEM = /^\s*(linux|windows|macos|mac os|unix|ubuntu|red ?hat|centos)\b[^:]*:\s*(.+)$/i;
const LOG_PATH = /(?:[A-Za-z]:\\|\/)?[\w\\/.-]*\.log\b/;
/**
 * Words that only lead up to the path ("; the log is at", "and locate the log at", "to open
 * the file in"): what is left before them says how to reach the machine.
 */
const LEADS_TO_PATH = new Set('at in under from is are can be found located lives sits the its your log logs file agent elasticbox locate find open see read view check and to then'.split(' '));

/** List items such as `Linux: SSH and locate the log at /var/log/…/x.log`. */
export function extractLogLocations(article: ParsedArticle): LogLocationFact[] {
  const facts: LogLocationFact[] = [];
  for (const { block, previous } of blocksOf(article)) {
    if (block.kind !== 'list') continue;
    const context = previous?.kind === 'paragraph' ? previous.text.markdown : null;
    for (const item of block.items) {
      const match = OS_ITEM.exec(item.plain);
      const path = match ? LOG_PATH.exec(match[2]!) : null;
      if (!match || !path) continue;
      const instruction = match[2]!.trim();
      facts.push({ slug: article.slug, os: match[1]!.toLowerCase(), path: path[0], instruction, access: accessOf(instruction, path[0]), context });
    }
  }
  return facts;
}

/**
 * "connect over SSH; the log is at /x.log" → "connect over SSH". What comes after the path
 * ("and attach it") is about the log, not the machine, so it counts only when nothing comes
 * before ("/x.log (over SSH)").
 */
export function accessOf(instruction: string, path: string): string {
  const at = instruction.indexOf(path);
  if (at < 0) return instruction;
  const before = withoutLeadIn(instruction.slice(0, at));
  if (before) return before;
  return instruction.slice(at + path.length).replace(/^[\s;,:.(`-]+|[\s.;,`)]+$/g, '');
}

function withoutLeadIn(text: string): string {
  const words = text.replace(/[`(]+\s*$/, '').trim().split(/\s+/).filter(Boolean);
  while (words.length > 0) {
    const last = words[words.length - 1]!;
    const bare = last.toLowerCase().replace(/[^a-z]/g, '');
    if (bare && !LEADS_TO_PATH.has(bare)) break;
    words.pop();
  }
  return words.join(' ').replace(/[\s;,:-]+$/, '');
}
