import { MAX_QUESTION_CHARS } from '../knowledge/answers/question.js';

// the longest message read as a question is the domain's limit; the rest of a huge paste is ignored, not stored

export interface PreparedText {
  text: string;
  /** Original size in bytes when the message was cut, else null. */
  cutFromBytes: number | null;
}

/** Message text as the domain should see it: tags and control characters out, size bounded. */
export function prepareText(raw: string | undefined): PreparedText {
  const cleaned = (raw ?? '')
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= MAX_QUESTION_CHARS) return { text: cleaned, cutFromBytes: null };
  return { text: cleaned.slice(0, MAX_QUESTION_CHARS), cutFromBytes: Buffer.byteLength(raw ?? '') };
}
