import type { Answer } from './types.js';

/**
 * The most recent answers by question. Support questions repeat ("who do I call for an
 * outage?"), and an answer depends only on the question and the knowledge base, which does
 * not change while the process runs. Least recently used entries go first.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Answer>();

  constructor(private readonly capacity: number) {}

  get(key: string): Answer | undefined {
    const answer = this.entries.get(key);
    if (answer) {
      // move to the back: most recently used
      this.entries.delete(key);
      this.entries.set(key, answer);
    }
    return answer;
  }

  set(key: string, answer: Answer): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, answer);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
