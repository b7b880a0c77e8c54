/**
 * Where JSON.parse stopped in a body that does not parse: line, column and an excerpt with a
 * caret, so the customer can find the mistake in what they pasted.
 */

export interface JsonSyntaxError {
  message: string;
  /** 1-based, counted within the body */
  line: number;
  /** 1-based, in UTF-16 code units like the editor columns people see */
  column: number;
  /** the offending line and a caret under the column */
  excerpt: string;
}

/**
 * Where JSON.parse stopped, as line, column and excerpt. The position comes from the engine's
 * message ("… at position N"); messages without one are either the input ending early, or an
 * unexpected token, for which a small scanner finds the spot.
 */
export function locateSyntaxError(text: string, engineMessage: string): JsonSyntaxError {
  const reported = /at position (\d+)/.exec(engineMessage);
  let position: number;
  if (reported) position = Number(reported[1]);
  else if (/end of JSON input/i.test(engineMessage)) position = text.length;
  else position = firstJsonErrorOffset(text);
  const contentEnd = text.trimEnd().length;
  const endsEarly = position >= contentEnd;
  // "the end" means just after the last thing written, not on a trailing blank line
  position = Math.min(position, contentEnd);

  let explanation = endsEarly ? 'the JSON ends too early; a closing quote, bracket or brace may be missing' : withoutPosition(engineMessage);
  const trailingComma = trailingCommaBefore(text, position);
  if (trailingComma !== undefined) {
    explanation = `trailing comma before '${text[position]}' (JSON does not allow one)`;
    // point at the comma: that is what the customer has to delete
    position = trailingComma;
  } else if (text[position] === "'") {
    explanation = 'a single quote, where JSON needs double quotes around names and strings';
  }

  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const line = countNewlines(text, lineStart) + 1;
  const column = position - lineStart + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  return {
    message: `The JSON body does not parse at line ${line}, column ${column}: ${explanation}.`,
    line,
    column,
    excerpt: caretExcerpt(lineText, column),
  };
}

/** The engine's words without the position and quoted source, which line, column and excerpt replace. */
function withoutPosition(engineMessage: string): string {
  return engineMessage.replace(/\s+in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*$/s, '');
}

function trailingCommaBefore(text: string, position: number): number | undefined {
  if (text[position] !== '}' && text[position] !== ']') return undefined;
  let before = position - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  return text[before] === ',' ? before : undefined;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

const EXCERPT_WIDTH = 80;

/** The line, cut to a window around the column when long (minified JSON), and a caret under it. */
function caretExcerpt(lineText: string, column: number): string {
  let start = 0;
  let end = lineText.length;
  if (lineText.length > EXCERPT_WIDTH) {
    start = Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, lineText.length - EXCERPT_WIDTH));
    end = start + EXCERPT_WIDTH;
  }
  const lead = start > 0 ? '…' : '';
  const shown = lead + lineText.slice(start, end) + (end < lineText.length ? '…' : '');
  // keep tabs in the padding so the caret lines up however tabs are displayed
  const padding = (lead + lineText.slice(start, column - 1)).replace(/[^\t]/g, ' ');
  return `${shown}\n${padding}^`;
}

/**
 * Offset of the first character that keeps `text` from being JSON, or text.length when it ends
 * too early. Only used when the engine's message has no position.
 */
function firstJsonErrorOffset(text: string): number {
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (char: string): boolean => {
    skipSpace();
    if (text[at] !== char) return false;
    at++;
    return true;
  };
  const string = (): boolean => {
    if (!expect('"')) return false;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return true;
      }
      if (char < ' ') return false;
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6)) : !'"\\/bfnrt'.includes(escape ?? 'x')) {
          at++;
          return false;
        }
        at += escape === 'u' ? 6 : 2;
      } else {
        at++;
      }
    }
    return false;
  };
  const literal = (word: string): boolean => {
    for (const char of word) {
      if (text[at] !== char) return false;
      at++;
    }
    return true;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): boolean => {
    skipSpace();
    const char = text[at];
    if (char === '{') return members('}', () => string() && expect(':') && value());
    if (char === '[') return members(']', value);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    NUMBER.lastIndex = at;
    if (!NUMBER.test(text)) return false;
    at = NUMBER.lastIndex;
    return true;
  };
  const members = (close: string, member: () => boolean): boolean => {
    at++;
    if (expect(close)) return true;
    for (;;) {
      if (!member()) return false;
      if (expect(close)) return true;
      if (!expect(',')) return false;
    }
  };

  try {
    if (!value()) return at;
  } catch (error) {
    // nesting deep enough to exhaust the stack: the end is as good a pointer as any
    if (error instanceof RangeError) return text.length;
    throw error;
  }
  skipSpace();
  return at;
}
