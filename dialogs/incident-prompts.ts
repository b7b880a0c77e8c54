import type { Choice, FoundChoice, PromptValidator, PromptValidatorContext } from 'botbuilder-dialogs';
import type { Category, Cloud, Region, Severity } from '../tickets/model.js';
import { inferCategory } from '../tickets/triage/category.js';
import { inferCloud } from '../tickets/triage/cloud.js';
import { inferSeverity, SEVERITY_DEFINITIONS } from '../tickets/triage/severity.js';

/**
 * The questions the incident dialog asks and how typed answers are read. Each choice has
 * buttons and the words people type instead ("amazon", "europe", "sev 2"); when none of those
 * match, the domain's own readers get a go (so "Frankfurt" is EMEA and "prod is down" is 1).
 */

export interface ChoiceOption<T> {
  id: T;
  /** the button title */
  label: string;
  synonyms: readonly string[];
}

export const CLOUD_OPTIONS: readonly ChoiceOption<Cloud>[] = [
  { id: 'azure', label: 'Azure', synonyms: ['azure', 'microsoft', 'microsoft azure', 'ms azure'] },
  { id: 'aws', label: 'AWS', synonyms: ['aws', 'amazon', 'amazon web services', 'ec2'] },
  { id: 'other', label: 'Other', synonyms: ['other', 'another', 'something else', 'gcp', 'google', 'vmware', 'none'] },
];

export const REGION_OPTIONS: readonly ChoiceOption<Region>[] = [
  { id: 'us', label: 'US', synonyms: ['us', 'usa', 'u.s.', 'united states', 'america', 'states'] },
  { id: 'canada', label: 'Canada', synonyms: ['canada', 'canadian'] },
  { id: 'emea', label: 'EMEA', synonyms: ['emea', 'europe', 'eu', 'uk', 'middle east', 'africa'] },
  { id: 'apac', label: 'Asia Pacific', synonyms: ['apac', 'asia', 'pacific', 'asia pacific', 'asia-pacific', 'australia', 'japan', 'singapore'] },
];

const severityWords = (level: Severity, names: string[]): string[] => [String(level), `sev ${level}`, `sev${level}`, `severity ${level}`, `p${level}`, ...names];

export const SEVERITY_OPTIONS: readonly ChoiceOption<Severity>[] = [
  { id: 1, label: '1 Critical', synonyms: severityWords(1, ['critical', 'crit', 'outage']) },
  { id: 2, label: '2 High', synonyms: severityWords(2, ['high', 'major']) },
  { id: 3, label: '3 Normal', synonyms: severityWords(3, ['normal', 'medium', 'moderate']) },
  { id: 4, label: '4 Low', synonyms: severityWords(4, ['low', 'minor']) },
];

export const CATEGORY_OPTIONS: readonly ChoiceOption<Category>[] = [
  { id: 'api_call', label: 'API call issue', synonyms: ['api', 'api call', 'request', 'endpoint'] },
  { id: 'box_error', label: 'Box or deployment error', synonyms: ['box', 'deployment', 'deploy', 'instance', 'agent'] },
  { id: 'portal_access', label: 'Portal access or users', synonyms: ['portal', 'login', 'log in', 'access', 'users', 'sso'] },
  { id: 'billing', label: 'Billing', synonyms: ['billing', 'invoice', 'bill', 'charge'] },
  { id: 'other', label: 'Other', synonyms: ['other', 'something else'] },
];

/** Region names as sentences use them: "You're in EMEA", "the United States". */
export const REGION_LABELS: Readonly<Record<Region, string>> = { us: 'the US', canada: 'Canada', emea: 'EMEA', apac: 'Asia Pacific' };

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = Object.fromEntries(CATEGORY_OPTIONS.map((option) => [option.id, option.label])) as Record<Category, string>;

export const CLOUD_LABELS: Readonly<Record<Cloud, string>> = { azure: 'Azure', aws: 'AWS', other: 'another cloud' };

/** The prompt's choices: buttons titled with the label, recognised by label and synonyms. */
export function choicesOf<T>(options: readonly ChoiceOption<T>[]): Choice[] {
  return options.map((option) => ({
    value: option.label,
    synonyms: [...option.synonyms],
    action: { type: 'imBack', title: option.label, value: option.label },
  }));
}

/** The option a recognised choice stands for. */
export function pick<T>(options: readonly ChoiceOption<T>[], found: FoundChoice): T {
  const option = options[found.index] ?? options.find((candidate) => candidate.label === found.value);
  if (!option) throw new Error(`choice ${found.value} is not one of the options`);
  return option.id;
}

/**
 * Accepts what the choice recogniser found, else what `fallback` reads from the text. The
 * fallback's answer replaces the recognised value, which is what the prompt returns.
 */
export function choiceValidator<T>(options: readonly ChoiceOption<T>[], fallback: (text: string) => T | null): PromptValidator<FoundChoice> {
  return async (prompt: PromptValidatorContext<FoundChoice>) => {
    if (prompt.recognized.succeeded) return true;
    const read = fallback(prompt.context.activity.text ?? '');
    const index = options.findIndex((option) => option.id === read);
    const option = options[index];
    if (read === null || !option) return false;
    prompt.recognized.succeeded = true;
    prompt.recognized.value = { value: option.label, index, score: 1 };
    return true;
  };
}

export const readCloud = (text: string): Cloud | null => inferCloud(text);
export const readSeverity = (text: string): Severity | null => inferSeverity(text);
export const readCategory = (text: string): Category | null => inferCategory(text);

const YES = /^(?:y|yes|yep|yup|yeah|yea|sure|ok|okay|correct|right|that's right|affirmative|indeed|of course|please do|go ahead|do it|file it)\b/i;
const NO = /^(?:n|no|nope|nah|not really|wrong|incorrect|don't|do not|no thanks)\b/i;

/** Yes/no in the words the confirm recogniser misses ("yep, that's it"), whatever the client's locale. */
export const confirmValidator: PromptValidator<boolean> = async (prompt) => {
  if (prompt.recognized.succeeded) return true;
  const text = (prompt.context.activity.text ?? '').trim();
  const answer = YES.test(text) ? true : NO.test(text) ? false : null;
  if (answer === null) return false;
  prompt.recognized.succeeded = true;
  prompt.recognized.value = answer;
  return true;
};

/** Text with something in it: an empty message or a lone attachment is asked again. */
export const nonEmptyText: PromptValidator<string> = async (prompt) => Boolean(prompt.recognized.succeeded && prompt.recognized.value?.trim());

const CANCEL = /^(?:cancel|stop|quit|exit|abort|never ?mind|forget it|cancel (?:it|that|the ticket))[\s.!]*$/i;

/** True when the whole message asks to stop filing. */
export function isCancel(text: string | undefined): boolean {
  return CANCEL.test((text ?? '').trim());
}

const SKIP = /^(?:skip|no|none|nothing|n\/a|na|done|no thanks|not now|nope)[\s.!]*$/i;

/** True when the customer passes on an optional step. */
export function isSkip(text: string | undefined): boolean {
  return SKIP.test((text ?? '').trim());
}

export const QUESTIONS = {
  cloud: 'Which cloud are the affected resources in?',
  regionChoice: 'Which support region are you in?',
  regionFromText: (region: Region) => `You're in ${REGION_LABELS[region]}, right?`,
  regionFromClient: (region: Region) => `Your settings suggest ${REGION_LABELS[region]}, right?`,
  severity: () =>
    `How severe is it?\n\n${([1, 2, 3, 4] as const).map((level) => `- **${level}** ${SEVERITY_DEFINITIONS[level]}`).join('\n')}`,
  category: 'What kind of problem is it?',
  summary: 'In one line, what is the problem?',
  description: 'Describe what happens: what you did, what you expected, and what you see instead (error messages help).',
  retryChoice: 'Please pick one of the buttons, or type it.',
  retryYesNo: 'Please answer yes or no (or type cancel).',
  retryText: 'Please type a few words (or type cancel).',
} as const;
