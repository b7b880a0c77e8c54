/**
 * The revision of what `parseArticle` produces. Parsed articles are cached on disk under a key
 * that includes it (parse-cache.ts), so a cache filled by an older pipeline is never read back.
 *
 * BUMP IT BY HAND whenever the same file would parse to different data: any change to the output
 * of front-matter.ts, conflict-markers.ts, link-destinations.ts, screenshot-breaks.ts, markdown.ts, sections.ts,
 * inline-text.ts, links.ts, parse-article.ts or types.ts, and any upgrade of gray-matter, unified,
 * remark-parse, micromark, mdast-util-gfm or a micromark-extension-gfm-* package that changes a
 * parse. test/knowledge/loader.test.ts holds a fingerprint of the output for a sample article and
 * fails until this number is bumped with it.
 */
// 4: bare addresses (`www.…`, `https://…`, `name@example.com`) are found in the parsed text, not
// by the GFM tokenizer (markdown.ts). Same links in every article of the knowledge base; elsewhere
// an address can end where emphasis or code starts inside it, escapes and entities in it are
// decoded, and `http://host` without a dot in the host is no longer a link.
export const PARSE_REVISION = 4;

/** Mixed into every cache key. */
export const PARSE_PIPELINE_VERSION = `parse-article/${PARSE_REVISION}`;
