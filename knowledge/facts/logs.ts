import type { ParsedArticle } from '../types.js';
import type { LogLocationFact } from './types.js';
import { blocksOf } from './walk.js';

const OS_ITEM = /^\s*(linux|windows|macos|mac os|unix|ubuntu|red ?hat|centos)\b[^:]*:\s*(.+)$/i;
const LOG_PATH = /(?:[A-Za-z]:\\|\/)?[\w\\/.-]*\.log\b/;

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
      facts.push({ slug: article.slug, os: match[1]!.toLowerCase(), path: path[0], instruction: match[2]!.trim(), context });
    }
  }
  return facts;
}
