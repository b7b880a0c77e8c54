/**
 * The shapes that flow through the knowledge pipeline: file → parsed article → facts → answer.
 * Plain data only (JSON-serialisable), so parsed articles can be cached and moved between threads.
 */

/** An inline-formatted line of text: `markdown` keeps links as [label](url) for display, `plain` is for search. */
export interface RichText {
  markdown: string;
  plain: string;
}

export type Block =
  | { kind: 'paragraph'; text: RichText }
  | { kind: 'list'; ordered: boolean; start: number; items: RichText[] }
  | { kind: 'table'; header: string[]; rows: RichText[][] }
  | { kind: 'code'; text: string };

export interface Section {
  /** Heading text; the article's own title for the content before the first heading. */
  heading: string;
  /** Headings above this one, outermost first. */
  trail: string[];
  blocks: Block[];
}

export interface ArticleHeader {
  title: string;
  /** ISO date (YYYY-MM-DD) or null when the header has none or it cannot be read. */
  date: string | null;
  author: string;
  keywords: string[];
}

export interface ParsedArticle {
  /** File name without `.md`: the article's identity for links and citations. */
  slug: string;
  /** Path relative to the knowledge base folder. */
  file: string;
  header: ArticleHeader;
  sections: Section[];
  /** Links to other articles of the knowledge base, by slug. */
  links: string[];
  warnings: string[];
}

export type RegionId = 'us' | 'canada' | 'emea' | 'apac';
export type Cloud = 'azure' | 'aws';

export interface SourceRef {
  slug: string;
  title: string;
  file: string;
  /** Set only when a base URL for articles is configured. */
  url?: string;
}

export type AnswerKind = 'scope' | 'contact' | 'howto' | 'eligibility' | 'passage' | 'not_found';

/** What the knowledge base returns for a question; channels render it (cards, text). */
export interface Answer {
  kind: AnswerKind;
  /** Markdown text of the answer (lists, bold, links). */
  text: string;
  /** The facts the answer states, one per entry, for renderers that show them separately. */
  facts: string[];
  sources: SourceRef[];
  /** 0..1: how sure the knowledge base is that this answers the question. */
  confidence: number;
  /** Likely next questions. */
  suggestions: string[];
}
