import { CLOUD_PRODUCT_NAMES } from '../clouds.js';
import { terms } from '../text.js';

/**
 * Scope items compared across clouds: each cloud's article names its own product in its items
 * ("AWS Billing", "Azure Billing"), so an item is matched and compared without that name.
 */

const NAMES = Object.values(CLOUD_PRODUCT_NAMES).flat().sort((a, b) => b.length - a.length).map((name) => name.replace(/\s+/g, '\\s+')).join('|');
/** Any cloud's product name, with an "(AWS)" that spells it out again right after it. */
const PRODUCT_NAME = new RegExp(`\\b(${NAMES})\\b(\\s*\\((?:${NAMES})\\))?`, 'gi');
/** The same as a word of the item's prose, not inside an address such as portal.azure.com. */
const PRODUCT_NAME_WORD = new RegExp(`(?<![\\w./-])(${NAMES})(\\s*\\((?:${NAMES})\\))?\\s+`, 'gi');
/** Words in scope items that say nothing about what is covered. */
const ITEM_NOISE = new Set(terms('issues regarding through cloud application manager providers provider partner arm via normal also'));

const keys = new Map<string, string[]>();
const KEY_MEMO_LIMIT = 10_000;

/** The words an item is matched and compared by: its own, less product names and filler. */
export function itemKey(item: string): string[] {
  const known = keys.get(item);
  if (known) return known;
  const text = item.replace(/https?:\/\//g, '').replace(PRODUCT_NAME, ' ');
  const key = [...new Set(terms(text))].filter((t) => !ITEM_NOISE.has(t));
  if (keys.size >= KEY_MEMO_LIMIT) keys.clear();
  keys.set(item, key);
  return key;
}

/** Two items, of one cloud or two, that are the same thing. */
export function sameItem(a: string, b: string): boolean {
  return itemKey(a).join(' ') === itemKey(b).join(' ');
}

/** The clouds' vendors, named as a party in an item ("Escalations to Microsoft"), not as its product. */
const VENDOR_TERMS = new Set(terms('microsoft amazon'));

/**
 * Two items of two clouds that play the same part, each naming its own cloud's vendor:
 * "Escalations to Amazon Web Services" and "Escalations to Microsoft". Not the same item (the
 * party differs), but what a question about one asks of the other cloud.
 */
export function sameRole(a: string, b: string): boolean {
  const roleOf = (item: string): string => itemKey(item).filter((term) => !VENDOR_TERMS.has(term)).join(' ');
  const role = roleOf(a);
  return role.length > 0 && role === roleOf(b);
}

/** "AWS Billing" in a line about both clouds reads "Billing". */
export function withoutCloudName(item: string): string {
  const stripped = item.replace(PRODUCT_NAME_WORD, '').trim();
  // a name taken from the front leaves a lower-case word there; an address stays as written
  return stripped === item ? item : stripped.charAt(0).toUpperCase() + stripped.slice(1);
}
