import { posix } from 'node:path';

export type LinkTarget =
  | { kind: 'article'; slug: string; href: string; label: string }
  | { kind: 'web'; href: string; label: string; searchText: string }
  | { kind: 'ignore'; label: string };

/**
 * Classifies a link found in an article. Relative links to `.md` files point at other articles
 * and resolve to their slug (the file name: articles move between folders, their names stay);
 * web and mail links are kept; anchors and other relative paths carry nothing a reader can open.
 */
export function resolveLink(url: string, articleFile: string): LinkTarget {
  const href = url.trim();
  if (/^mailto:/i.test(href)) {
    const address = href.slice('mailto:'.length).split('?')[0]!;
    return { kind: 'web', href, label: address, searchText: address };
  }
  if (/^https?:\/\//i.test(href)) {
    return { kind: 'web', href, label: href, searchText: href.replace(/^https?:\/\/(www\.)?/i, '') };
  }
  const path = safeDecode(href.split('#')[0]!.split('?')[0]!);
  if (path.toLowerCase().endsWith('.md')) {
    const resolved = posix.normalize(posix.join(posix.dirname(articleFile), path));
    const slug = posix.basename(resolved, posix.extname(resolved));
    return { kind: 'article', slug, href: `kb:${slug}`, label: slug };
  }
  return { kind: 'ignore', label: path };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // a stray % in a hand-written link: the raw text is the best reading of it
    return text;
  }
}
