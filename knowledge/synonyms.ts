import { stem } from './text.js';

/**
 * Query expansion: words customers use for what the articles say in other words. Each entry
 * maps a customer's word to the article words that count as the same concept. Kept general
 * (support vocabulary), never tied to one article.
 */
const RAW: Record<string, string[]> = {
  long: ['wait', 'minute'],
  take: ['wait', 'minute'],
  time: ['wait', 'minute'],
  move: ['migrate', 'transfer'],
  transfer: ['migrate', 'move'],
  migrate: ['transfer', 'move'],
  bring: ['migrate', 'transfer'],
  invoice: ['bill', 'charge', 'line', 'item'],
  bill: ['invoice', 'charge'],
  charge: ['bill', 'invoice', 'usage'],
  cost: ['pricing', 'price', 'charge'],
  price: ['pricing'],
  pricing: ['price'],
  show: ['appear'],
  appear: ['show'],
  outage: ['critical'],
  down: ['outage', 'critical'],
  urgent: ['critical'],
  emergency: ['critical'],
  hotline: ['call', 'phone'],
  phone: ['call'],
  vm: ['virtual', 'machine', 'instance'],
  vms: ['virtual', 'machine', 'instance'],
  server: ['instance', 'virtual', 'machine'],
  ubuntu: ['free', 'operating', 'system'],
  debian: ['free', 'operating', 'system'],
  centos: ['free', 'operating', 'system'],
  fedora: ['free', 'operating', 'system'],
  suse: ['free', 'operating', 'system'],
  distro: ['free', 'operating', 'system'],
  os: ['operating', 'system'],
  email: ['mail', 'contact'],
  mail: ['email', 'contact'],
  admin: ['administrator'],
  administrator: ['admin'],
  permission: ['access', 'role'],
  access: ['permission'],
  signup: ['sign', 'up'],
  setup: ['set', 'up'],
  reseller: ['resell'],
  resell: ['reseller'],
  partner: ['partnership'],
  cancel: ['delete', 'remove'],
  delete: ['remove'],
  remove: ['delete'],
  see: ['visible', 'view'],
  missing: ['see', 'visible'],
  agreement: ['terms'],
  terms: ['agreement', 'conditions'],
  usage: ['consumption', 'charge'],
  monthly: ['month'],
  mtd: ['month', 'date'],
  log: ['logs'],
  include: ['scope', 'cover', 'send', 'attach'],
  problem: ['issue', 'error'],
  issue: ['problem', 'error'],
  error: ['issue', 'problem'],
  report: ['send', 'contact'],
  need: ['send', 'attach'],
  clouds: ['azure', 'amazon'],
  cloud: ['azure', 'amazon'],
  cover: ['scope', 'include'],
};

/** stem → stems that count as the same concept (the stem itself first). */
const EXPANSIONS = new Map<string, string[]>(
  Object.entries(RAW).map(([word, alternatives]) => [stem(word), [stem(word), ...alternatives.map(stem)]]),
);

export function expand(term: string): string[] {
  return EXPANSIONS.get(term) ?? [term];
}
