import type { PhrasingContent, RootContent } from 'mdast';
import type { RichText } from './types.js';
import { resolveLink } from './links.js';

/**
 * Turns inline markdown (mdast phrasing content) into display markdown and plain search text.
 * Links between articles become `kb:slug` links, resolved when an answer is rendered; images
 * carry no facts and are dropped; inline HTML keeps its text.
 */
export function inlineText(nodes: readonly (PhrasingContent | RootContent)[], articleFile: string): RichText {
  const markdown: string[] = [];
  const plain: string[] = [];
  const visit = (node: PhrasingContent | RootContent): void => {
    switch (node.type) {
      case 'text':
        markdown.push(node.value);
        plain.push(node.value);
        break;
      case 'inlineCode':
        markdown.push(`\`${node.value}\``);
        plain.push(node.value);
        break;
      case 'strong':
      case 'emphasis':
      case 'delete': {
        const inner = inlineText(node.children, articleFile);
        const mark = node.type === 'strong' ? '**' : '';
        if (inner.markdown.trim()) markdown.push(`${mark}${inner.markdown.trim()}${mark} `);
        plain.push(` ${inner.plain} `);
        break;
      }
      case 'link': {
        const inner = inlineText(node.children, articleFile);
        const target = resolveLink(node.url, articleFile);
        const label = inner.plain.trim() || target.label;
        if (target.kind === 'ignore') {
          markdown.push(label);
        } else {
          markdown.push(`[${label}](${target.href})`);
        }
        // an autolink's label is its address already; a named link adds the address to the search text
        const extra = target.kind === 'web' && label !== node.url.trim() ? target.searchText : '';
        plain.push(` ${label} ${extra} `);
        break;
      }
      case 'break':
        markdown.push(' ');
        plain.push(' ');
        break;
      case 'html': {
        const stripped = htmlToText(node.value);
        markdown.push(stripped);
        plain.push(stripped);
        break;
      }
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) (node.children as (PhrasingContent | RootContent)[]).forEach(visit);
        else if ('value' in node && typeof node.value === 'string') {
          markdown.push(node.value);
          plain.push(node.value);
        }
    }
  };
  nodes.forEach(visit);
  return { markdown: tidy(markdown.join('')), plain: tidy(plain.join('')) };
}

/** Inline HTML (cells holding `<table>`, `<li>`, `<br>`) reduced to its text, with separators kept. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/tr|\/div|\/h\d)\b[^>]*>/gi, '; ')
    .replace(/<\/(td|th)>/gi, ' | ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ ([,.;:!?)])/g, '$1').trim();
}
