import type { Answer, AnswerKind, ParsedArticle, SourceRef } from '../types.js';

/** Article lookup and link rendering shared by every answerer. */
export class Sources {
  private readonly bySlug: Map<string, ParsedArticle>;

  constructor(articles: readonly ParsedArticle[], private readonly baseUrl: string | null) {
    this.bySlug = new Map(articles.map((a) => [a.slug, a]));
  }

  ref(slug: string): SourceRef {
    const article = this.bySlug.get(slug);
    const ref: SourceRef = { slug, title: article?.header.title ?? slug, file: article?.file ?? `${slug}.md` };
    if (this.baseUrl) ref.url = `${this.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(slug)}`;
    return ref;
  }

  has(slug: string): boolean {
    return this.bySlug.has(slug);
  }

  /** `[label](kb:slug)` → a link to the article when a base URL is set, else the label alone. */
  links(markdown: string): string {
    return markdown.replace(/\[([^\]]*)\]\(kb:([^)]+)\)/g, (_m, label: string, slug: string) =>
      this.baseUrl && this.bySlug.has(slug) ? `[${label}](${this.ref(slug).url})` : label);
  }
}

export function makeAnswer(kind: AnswerKind, text: string, sources: SourceRef[], confidence: number, facts: string[], suggestions: string[]): Answer {
  const unique = sources.filter((s, i) => sources.findIndex((o) => o.slug === s.slug) === i);
  return { kind, text, facts, sources: unique, confidence, suggestions };
}
