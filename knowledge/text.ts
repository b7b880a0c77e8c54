/**
 * Word-level text handling shared by fact extraction and search: normalising, tokenising,
 * stemming and stopwords. Small and deterministic, so query and index always agree.
 */

/** Only texts with an apostrophe can hold these; most article text has none. */
const APOSTROPHE_CONTRACTIONS: [RegExp, string][] = [
  [/\bcan[’']t\b/g, 'cannot'],
  [/\bwon[’']t\b/g, 'will not'],
  [/\b(\w+)n[’']t\b/g, '$1 not'],
  [/\b(\w+)[’']re\b/g, '$1 are'],
  [/\b(\w+)[’']ve\b/g, '$1 have'],
  [/\b(\w+)[’']ll\b/g, '$1 will'],
  [/\b(\w+)[’']d\b/g, '$1 would'],
  [/\bi[’']m\b/g, 'i am'],
  [/\b(what|where|who|how|that|it|there|here)[’']s\b/g, '$1 is'],
  [/[’']s\b/g, ''],
];

/** The same, typed without the apostrophe, as chat users do. */
const BARE_CONTRACTIONS: [RegExp, string][] = [
  [/\b(dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|wouldnt|couldnt|shouldnt)\b/g, '$1_not'],
  [/\b(do|does|did|is|are|was|were|have|has|would|could|should)nt_not\b/g, '$1 not'],
  [/\bcant\b/g, 'cannot'],
  [/\bwont\b/g, 'will not'],
  [/\b(what|that|where|who|how)s\b/g, '$1 is'],
];

/**
 * Chat shorthand, spelled out: "cn u help", "wat email", "hw do i", "our acct", "subscription
 * mgmt", "a cust". Articles never write these, so spelling them out everywhere only meets the
 * question with the articles' words. "u" only standing alone, never the "u" of "u.s.".
 */
const SHORTHAND: [RegExp, string][] = [
  [/(?<![\w.])u(?![\w.])/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bcn\b/g, 'can'],
  [/\b(?:wat|wht|wot)\b/g, 'what'],
  [/\bhw\b/g, 'how'],
  [/\b(?:whr|wher|whre)\b/g, 'where'],
  [/\baccts\b/g, 'accounts'],
  [/\bacct\b/g, 'account'],
  [/\b(?:mgmt|mgt)\b/g, 'management'],
  [/\bcusts\b/g, 'customers'],
  [/\bcust\b/g, 'customer'],
  [/\b(?:pls|plz)\b/g, 'please'],
  // a real word typed for another, so no spelling correction catches it: "IAM polices"
  [/\bpolices\b/g, 'policies'],
];
const SHORTHAND_WORD = /(?<![\w.])u(?![\w.])|\b(?:ur|cn|wat|wht|wot|hw|whr|wher|whre|accts?|mgmt|mgt|custs?|pls|plz|polices)\b/;

const BARE_CONTRACTION_WORD = /\b(dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|wouldnt|couldnt|shouldnt|cant|wont|whats|thats|wheres|whos|hows)\b/;

/** Letters with an accent or other mark, spelled apart: "é" becomes "e" and a combining mark. */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_ASCII = /[^ -~\s]/;

/**
 * Lower case, straight quotes, accents dropped ("Montréal" is Montreal), contractions and chat
 * shorthand spelled out, "operating system" as one word.
 */
export function normalise(text: string): string {
  let out = text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  if (NOT_ASCII.test(out)) out = out.normalize('NFD').replace(COMBINING_MARKS, '');
  if (out.includes("'")) for (const [pattern, replacement] of APOSTROPHE_CONTRACTIONS) out = out.replace(pattern, replacement);
  if (BARE_CONTRACTION_WORD.test(out)) for (const [pattern, replacement] of BARE_CONTRACTIONS) out = out.replace(pattern, replacement);
  if (SHORTHAND_WORD.test(out)) for (const [pattern, replacement] of SHORTHAND) out = out.replace(pattern, replacement);
  // one idea in two words: "free operating systems" must not meet "operations staff" word by word
  if (out.includes('operating')) out = out.replace(OPERATING_SYSTEM, 'operatingsystem');
  // "a provider designed to transfer an account" says what it is for; "design our Azure setup" is design work
  if (out.includes('designed')) out = out.replace(DESIGNED_FOR, 'meant $1');
  return out;
}

const DESIGNED_FOR = /\b(?:been |is |are |was |were )?designed (to|for)\b/g;

const OPERATING_SYSTEM = /\boperating[\s-]+systems?\b/g;

/** Words of a text, lower-cased: letters and digits, split at every other character. */
export function words(text: string): string[] {
  return normalise(text).match(/[a-z0-9]+/g) ?? [];
}

export const STOPWORDS = new Set(
  ('a an and are as at be been being but by can could did do does doing done for from had has have having how i if in into ' +
    'is it its me my mine of on or our ours please should so some such than that the their them then there these they this ' +
    'those to too us was we were what when where which while who whom why will with would you your yours am also any all ' +
    'about after before just get got go going need needs want wants like know tell let lets may might must shall ' +
    'hi hello hey thanks thank ok okay im id ive dont cant one way someone anyone something anything much many very ' +
    'again able via per vs here now still yet most few several far ' +
    // prepositions of the same sort as "via": "azure through you" is about azure, not "through"
    'through thru across onto upon during over against ' +
    // chat filler: says nothing about what is asked
    'guys guy boss pls plz u ur ok okay honestly actually exactly really stuff thing things bit anyway basically maybe ' +
    'kind sort lot lots etc thx asap btw fyi folks people someone somebody sure well yes yeah yep nope lol ever up help ' +
    // "our situation is kinda unusual", "resellers normally can't": hedges, not what is asked about
    'kinda sorta normally usually typically ' +
    // "his login", "her replacement": someone in the story, not what is asked about
    'he him his she her hers').split(' '),
);

/**
 * A light suffix-stripping stemmer (Porter-like, without its full rule set): enough to make
 * "patching", "patched" and "patches" meet, and "creation", "created" and "create".
 */
export function stem(word: string): string {
  let known = stems.get(word);
  if (known === undefined) {
    known = stemWord(word);
    // words repeat endlessly in articles and questions; the vocabulary is bounded in practice
    if (stems.size >= STEM_MEMO_LIMIT) stems.clear();
    stems.set(word, known);
  }
  return known;
}

const stems = new Map<string, string>();
const STEM_MEMO_LIMIT = 100_000;

function stemWord(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}ate`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/** Content words of a text, stemmed, stopwords removed, in order (duplicates kept). */
export function terms(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w)).map(stem);
}
