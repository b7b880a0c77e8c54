/**
 * Articles link to each other by folder path, spaces and all: `[x](../Core Concepts/providers.md)`.
 * CommonMark ends a bare link destination at the first space, so such a link is not a link at all
 * and its raw markdown would reach answers. A destination written `<…>` may hold spaces, so those
 * destinations are wrapped before parsing. Only path- or address-shaped destinations are touched
 * (`[note](see below)` is prose, not a link), and neither is a destination followed by a title
 * (`[x](a.md "Title")`, already valid) nor anything in fenced code or an inline code span.
 */
export function bracketSpacedDestinations(text: string): string {
  if (!text.includes('](')) return text;
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== null) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      return line.replace(CODE_SPAN_OR_DESTINATION, (match, codeSpan: string | undefined, destination: string | undefined) =>
        codeSpan !== undefined || destination === undefined || !needsBrackets(destination) ? match : `](<${destination}>)`);
    })
    .join('\n');
}

/** An inline code span (kept as written), or `](destination)` with the destination trimmed. */
const CODE_SPAN_OR_DESTINATION = /(`+)[^`]*?\1|\]\([ \t]*([^()<>\n]*?)[ \t]*\)/g;

function needsBrackets(destination: string): boolean {
  if (!/\s/.test(destination)) return false;
  // `url "title"` and `url 'title'` are a destination and a title, valid as they are
  if (/^\S+\s+("[^"]*"|'[^']*')$/.test(destination)) return false;
  const pathShaped = destination.includes('/') || /\.[A-Za-z0-9]{1,5}([#?]\S*)?$/.test(destination);
  return pathShaped && !/^["']/.test(destination);
}
