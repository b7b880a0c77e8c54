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
  // "moving", "moved" stem to "mov", not to "move"
  moving: ['move', 'migrate', 'transfer'],
  transfer: ['migrate', 'move'],
  migrate: ['transfer', 'move'],
  bring: ['migrate', 'transfer'],
  invoice: ['bill', 'charge', 'line', 'item'],
  bill: ['invoice', 'charge'],
  // "is it all lumped together or broken out per VM?": one aggregated line, or items
  lump: ['aggregate', 'single'],
  // "rolled up or a separate line per VM?"
  roll: ['aggregate', 'single'],
  // "roll out a config change in a maintenance window": changes planned and made on a schedule
  // are what the articles call change management
  maintenance: ['change', 'management'],
  separate: ['line', 'item'],
  together: ['aggregate', 'single'],
  itemize: ['line', 'item'],
  breakdown: ['line', 'item'],
  charge: ['bill', 'invoice', 'usage'],
  cost: ['pricing', 'price', 'charge'],
  fee: ['cost', 'charge', 'price'],
  // "how often do you bill us?": how frequently, said as a period
  often: ['monthly', 'month', 'weekly', 'daily'],
  frequently: ['monthly', 'month', 'weekly', 'daily'],
  // "a projected end-of-month figure for our spend, from a script": the estimated totals, via API
  projected: ['estimate', 'estimated'],
  projection: ['estimate', 'estimated'],
  forecast: ['estimate', 'estimated'],
  spend: ['usage', 'cost', 'charge'],
  spending: ['usage', 'cost', 'charge'],
  figure: ['total', 'amount'],
  script: ['api'],
  // "is there a way to query this month's spend?": asked of a system, not a person
  query: ['api'],
  // "drop-down" is two words to the index
  dropdown: ['drop', 'menu'],
  // "what will the charges be called on the bill?" (read as "labeled"): a line item is labeled or named
  label: ['named', 'name'],
  labeled: ['named', 'name'],
  // "a running total of this month's spend so far": what has accumulated to date
  running: ['accumulated', 'date'],
  programmatically: ['api'],
  programmatic: ['api'],
  price: ['pricing'],
  // "we negotiated our own rates with Microsoft": an agreement with the vendor on pricing
  rate: ['price', 'pricing'],
  rates: ['price', 'pricing'],
  negotiate: ['agreement'],
  negotiated: ['agreement'],
  contract: ['agreement'],
  contracted: ['agreement'],
  ea: ['agreement'],
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
  // the kinds of IaaS resource, as customers name them: "our disks and vnets"
  disk: ['storage'],
  disks: ['storage'],
  blob: ['storage'],
  vnet: ['network'],
  vnets: ['network'],
  subnet: ['network'],
  subnets: ['network'],
  nsg: ['network'],
  networking: ['network'],
  ubuntu: ['free', 'operatingsystem'],
  debian: ['free', 'operatingsystem'],
  centos: ['free', 'operatingsystem'],
  fedora: ['free', 'operatingsystem'],
  suse: ['free', 'operatingsystem'],
  distro: ['free', 'operatingsystem'],
  os: ['operatingsystem'],
  oses: ['operatingsystem'],
  operatingsystem: ['os'],
  // "do you mark up Azure prices, or is it the same as list?": the articles' "consistent with whatever
  // price our partners sell", their "partner list pricing"
  same: ['consistent', 'match'],
  // "how our resources are configured": their configuration
  configured: ['configuration', 'configure'],
  // "reorganise the subscriptions we have": managing them
  reorganise: ['manage', 'management'],
  reorganize: ['manage', 'management'],
  rearrange: ['manage', 'management'],
  // "do the daily administration like a sysadmin would": remote administration
  sysadmin: ['remote', 'administration'],
  // "our trial / sandbox CenturyLink Cloud account": what the articles call a demo account
  trial: ['demo'],
  sandbox: ['demo'],
  // "POST to the instances endpoint": an API call
  endpoint: ['api'],
  // "a new admin login made for him": created
  made: ['create'],
  // "need his console login killed": the user removed
  kill: ['remove', 'delete', 'permission'],
  disable: ['remove', 'delete', 'permission'],
  revoke: ['remove', 'delete', 'permission'],
  // "how can we hire CenturyLink to do design work?": contracting with it
  hire: ['contract', 'engagement'],
  // "design and build our Azure setup", "an architect": design and implementation work
  build: ['implement', 'implementation'],
  architect: ['design'],
  architecture: ['design'],
  // "watch our VMs and act when alerts fire": monitoring
  watch: ['monitor'],
  alert: ['monitor'],
  email: ['mail', 'contact'],
  mail: ['email', 'contact'],
  admin: ['administrator'],
  administrator: ['admin'],
  permission: ['access', 'role', 'permit', 'allow'],
  access: ['permission', 'reach'],
  // "how do I reach the agent log?": get at it, as the articles' "locate" and "access" say
  reach: ['access', 'locate', 'contact'],
  easiest: ['simplest', 'easy', 'simple'],
  simplest: ['easiest', 'easy', 'simple'],
  easy: ['simple'],
  simple: ['easy'],
  recommend: ['advise', 'suggest'],
  advise: ['recommend', 'suggest'],
  suggest: ['recommend', 'advise'],
  signup: ['sign', 'up'],
  setup: ['set', 'up'],
  reseller: ['resell'],
  resell: ['reseller'],
  partner: ['partnership'],
  cancel: ['delete', 'remove'],
  delete: ['remove'],
  remove: ['delete'],
  see: ['visible', 'view', 'show', 'shown'],
  missing: ['see', 'visible'],
  agreement: ['terms'],
  terms: ['agreement', 'conditions'],
  usage: ['consumption', 'charge'],
  monthly: ['month'],
  mtd: ['month', 'date'],
  log: ['logs'],
  include: ['scope', 'cover', 'send', 'attach'],
  administer: ['administration', 'remote'],
  // logging in to a customer's machine to work on it is remote administration
  rdp: ['remote', 'administration'],
  ssh: ['remote', 'administration'],
  cam: ['cloud', 'application', 'manager'],
  org: ['organization'],
  organisation: ['organization'],
  company: ['organization', 'customer'],
  markup: ['price', 'pricing', 'consistent', 'match'],
  marked: ['price', 'pricing'],
  // "who sets up their logins?": the console user's creation
  login: ['credentials', 'user'],
  password: ['credentials'],
  approve: ['administrator'],
  ready: ['wait', 'minute'],
  // "it's just sitting there loading": the articles say how long to wait
  loading: ['wait', 'minute'],
  stuck: ['wait', 'minute'],
  spinning: ['wait', 'minute'],
  hanging: ['wait', 'minute'],
  current: ['existing'],
  // "the old partner", "our previous provider": the articles' "existing partnership"
  old: ['existing'],
  previous: ['existing'],
  existing: ['current'],
  // articles spell out "Amazon Web Services" where customers type "AWS", and the other way round
  aws: ['amazon'],
  amazon: ['aws'],
  ec2: ['aws', 'amazon', 'instance'],
  s3: ['aws', 'amazon', 'storage'],
  bug: ['issue', 'problem', 'error'],
  involve: ['escalate', 'escalation'],
  // "do you raise it with AWS?", "do you chase Amazon?": escalations to the vendor
  raise: ['escalate', 'escalation'],
  chase: ['escalate', 'escalation'],
  involved: ['escalate', 'escalation'],
  problem: ['issue', 'error'],
  issue: ['problem', 'error'],
  error: ['issue', 'problem'],
  // "it keeps failing", "the deploy failed": the articles speak of an error or a problem
  fail: ['error', 'problem', 'issue'],
  failure: ['error', 'problem', 'issue'],
  report: ['send', 'contact'],
  clouds: ['azure', 'amazon'],
  cloud: ['azure', 'amazon'],
  cover: ['scope', 'include'],
  // chat abbreviations of the articles' words
  mgmt: ['management'],
  mgt: ['management'],
  config: ['configuration', 'configure'],
  // "aws certified ops people looking over our setup": the operations staff's configuration review
  ops: ['operation', 'operations'],
  env: ['environment'],
  prod: ['production'],
  acct: ['account'],
  sub: ['subscription'],
  subs: ['subscription'],
  perms: ['permission'],
  creds: ['credentials'],
  cred: ['credentials'],
  clc: ['centurylink'],
  ctl: ['centurylink'],
  // an Azure customer account is a tenant in Microsoft's words
  tenant: ['account'],
  permit: ['allow', 'permission'],
  permitted: ['allow', 'permission'],
  allow: ['permit'],
  additional: ['other', 'extra'],
  extra: ['additional', 'other'],
  // "tied to a different partner": the articles' "already partnered with another provider"
  tied: ['partner', 'associate', 'link'],
  // "our prices are different from your page": the articles' "agreements which differ from what is shown"
  different: ['another', 'other', 'differ'],
  difference: ['differ'],
  another: ['other', 'different'],
  rhel: ['redhat', 'linux'],
  // "manage our subscriptions": the scope item "Subscription management"
  manage: ['management'],
  organise: ['management', 'manage'],
  organize: ['management', 'manage'],
  // "switch to you", "switch it over to CenturyLink": the articles' move or migration
  switch: ['change', 'migrate'],
  modify: ['change'],
  alter: ['change'],
  deploy: ['deployment'],
  deployment: ['deploy'],
  // the articles have the customer "select" what a form offers
  choose: ['select', 'option'],
  pick: ['select', 'option'],
};

/** stem → stems that count as the same concept (the stem itself first). */
const EXPANSIONS = new Map<string, string[]>(
  Object.entries(RAW).map(([word, alternatives]) => [stem(word), [stem(word), ...alternatives.map(stem)]]),
);

export function expand(term: string): string[] {
  return EXPANSIONS.get(term) ?? [term];
}
