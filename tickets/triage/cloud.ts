import type { Cloud } from '../model.js';

/**
 * Which cloud the customer's resources run in, from the words used. "other" covers the
 * providers Partner Cloud Integration does not sell (Google, VMware, ...), which still get a
 * ticket but may be out of scope.
 */
const CLOUD_WORDS: readonly [Cloud, RegExp][] = [
  ['azure', /\bazure\b|\bmicrosoft\b|\bms cloud\b/i],
  ['aws', /\baws\b|\bamazon\b|\bec2\b|\bs3\b/i],
  ['other', /\bgcp\b|\bgoogle\b|\bvmware\b|\bvsphere\b|\boracle cloud\b|\bopenstack\b|\balibaba\b|\bibm cloud\b|\bon[- ]prem(?:ise|ises)?\b/i],
];

/** The cloud named first in the text, or null when none is named. */
export function inferCloud(text: string): Cloud | null {
  const found = CLOUD_WORDS.map(([cloud, pattern]) => ({ cloud, at: text.search(pattern) }))
    .filter((candidate) => candidate.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found[0]?.cloud ?? null;
}
