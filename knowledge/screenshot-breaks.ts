/**
 * Real articles put a screenshot between two steps of a procedure, on its own line, and go on
 * with the next number on the line right after it:
 *
 *     4. In the Provider drop-down, select "Microsoft Azure"
 *
 *       ![Provider](images/new-provider.png)
 *     5. Name the provider
 *
 * In CommonMark a list that does not start at 1 cannot interrupt a paragraph, so "5." and every
 * step after it become more lines of the screenshot's paragraph, and the procedure ends at step 4.
 * A blank line after such a screenshot line makes the steps a list again (sections.ts then joins
 * the two parts of the procedure). Only a line that is nothing but an image, followed by a
 * numbered line, is touched; nothing in fenced code.
 */
const IMAGE_ONLY_LINE = /^\s*(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>)\s*$/i;
const NUMBERED_LINE = /^ {0,3}\d{1,3}[.)][ \t]/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function separateStepsFromScreenshots(text: string): string {
  if (!text.includes('](') && !/<img\b/i.test(text)) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) fenced = !fenced;
    out.push(line);
    const next = lines[i + 1];
    if (!fenced && next !== undefined && IMAGE_ONLY_LINE.test(line) && NUMBERED_LINE.test(next)) out.push('');
  }
  return out.join('\n');
}
