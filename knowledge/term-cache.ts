import { enumerationTerms } from './kinds.js';
import { terms, words } from './text.js';

/**
 * Word sets of the knowledge base's own texts (fact sentences, steps, scope items), computed
 * once instead of on every question. Bounded: question texts pass through too. A set also holds
 * the kinds its text enumerates (kinds.ts), as the passage index does.
 */
export class TermCache {
  private readonly sets = new Map<string, ReadonlySet<string>>();

  constructor(private readonly limit = 20_000) {}

  of(text: string): ReadonlySet<string> {
    let set = this.sets.get(text);
    if (!set) {
      if (this.sets.size >= this.limit) this.sets.clear();
      set = new Set([...terms(text), ...enumerationTerms(words(text))]);
      this.sets.set(text, set);
    }
    return set;
  }
}
