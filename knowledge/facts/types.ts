import type { Cloud, RegionId, RichText } from '../types.js';

/** Facts are extracted by general rules from any article; each remembers where it came from. */
interface Sourced {
  slug: string;
}

export interface PhoneFact extends Sourced {
  region: RegionId | null;
  label: string;
  number: string;
}

export interface EmailFact extends Sourced {
  address: string;
  /** The sentence that says what the address is for (display markdown). */
  purpose: string;
  /** The same sentence as plain text, for matching questions. */
  purposePlain: string;
}

export interface ScopeFact extends Sourced {
  cloud: Cloud;
  inScope: string[];
  outOfScope: string[];
  /** Further out-of-scope conditions written as a sentence (accounts not covered, etc.). */
  outOfScopeNote: string | null;
  definition: string | null;
  /** Where to go for what platform-level support does not cover. */
  managedServices: string | null;
}

export interface LogLocationFact extends Sourced {
  os: string;
  path: string;
  /** The whole instruction, such as "SSH and locate the log at …". */
  instruction: string;
  /** How to reach the machine, the instruction less the path and the words leading to it ("connect over SSH"); may be empty. */
  access: string;
  /** The sentence that introduces the list (what to do with the log), display markdown. */
  context: string | null;
}

export interface ProcedureFact extends Sourced {
  heading: string;
  intro: RichText | null;
  steps: RichText[];
  /** What happens once the steps are done (a paragraph and list after them), if the article says. */
  outcome: RichText[];
}

/** What to have in place before following an article: its prerequisites list. */
export interface PrerequisiteFact extends Sourced {
  heading: string;
  items: RichText[];
}

export interface EligibilityFact extends Sourced {
  cloud: Cloud | null;
  sentence: RichText;
  /** What to do about the limit, when the text after it says ("…submit a ticket and we will review your case"). */
  recourse: RichText | null;
}

export interface Facts {
  phones: PhoneFact[];
  emails: EmailFact[];
  scopes: ScopeFact[];
  logLocations: LogLocationFact[];
  procedures: ProcedureFact[];
  prerequisites: PrerequisiteFact[];
  eligibility: EligibilityFact[];
}
