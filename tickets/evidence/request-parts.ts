/**
 * The shape every pasted request is taken apart into (JSON body, raw HTTP request or curl
 * command), and the header handling shared by requests and responses.
 */

export type ApiRequestFormat = 'json' | 'http' | 'curl' | 'text';

/** What the three request shapes have in common once taken apart. */
export interface RequestParts {
  format: ApiRequestFormat;
  method?: string;
  url?: string;
  headers: Record<string, string>;
  bodyText?: string;
  /** curl's `-d @file`: the body was in a file the customer did not paste */
  bodyFile?: string;
  notes: string[];
}

const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):(.*)$/;

/**
 * Header lines up to the blank line, then the body. A line that is not a header also ends the
 * headers: people often drop the blank line when pasting.
 */
export function splitHeaders(lines: readonly string[], start: number): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  let index = start;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index++;
      break;
    }
    const header = HEADER_LINE.exec(line);
    if (!header) break;
    addHeader(headers, header[1]!, header[2]!.trim());
  }
  return { headers, body: lines.slice(index).join('\n') };
}

export function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  // a repeated header means the values joined by commas (RFC 9110, 5.3)
  if (existing !== undefined) headers[existing] = `${headers[existing]}, ${value}`;
  else headers[name] = value;
}

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Index of the first line with something on it, or -1: where a pasted request or response starts. */
export function firstNonBlankLine(lines: readonly string[]): number {
  return lines.findIndex((line) => line.trim() !== '');
}

/** Whether a Content-Type names JSON (application/json, application/problem+json, ...). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return /json/i.test(contentType ?? '');
}

/** Whether a body is meant as JSON: it starts like JSON, or its Content-Type says so. */
export function looksLikeJson(body: string, contentType: string | undefined): boolean {
  return /^\s*[[{]/.test(body) || isJsonContentType(contentType);
}
