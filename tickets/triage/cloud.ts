import { CLOUD_WORDS, cloudsNamed, type CloudWords } from '../../knowledge/clouds.js';
import type { Cloud } from '../model.js';

/**
 * Which cloud the customer's resources run in, from the words used. Azure and AWS are named by
 * the knowledge base's own table; "other" adds the providers Partner Cloud Integration does not
 * sell (Google, VMware, ...), which still get a ticket but may be out of scope.
 */
const TRIAGE_CLOUD_WORDS: readonly CloudWords<Cloud>[] = [
  ...CLOUD_WORDS,
  ['other', /\bgcp\b|\bgoogle\b|\bvmware\b|\bvsphere\b|\boracle cloud\b|\bopenstack\b|\balibaba\b|\bibm cloud\b|\bon[- ]prem(?:ise|ises)?\b/i],
];

/** The cloud named first in the text, or null when none is named. */
export function inferCloud(text: string): Cloud | null {
  return cloudsNamed(text, TRIAGE_CLOUD_WORDS)[0] ?? null;
}
