import type { Attachment } from 'botbuilder';
import { decodeDataUrl, downloadAttachment, type DownloadResult } from '../tickets/evidence/download.js';
import { decodeEvidenceBytes } from '../tickets/evidence/index.js';
import type { EvidenceOptions } from './ports.js';

/**
 * Evidence files as the channels hand them over, read into text. Each channel has its own
 * shape: Teams sends a file as a download-info card with a pre-authorised SharePoint link, Web
 * Chat and Direct Line a `contentUrl`, the Emulator and some Web Chat setups a `data:` URL, and
 * a few clients put the text itself in `content`.
 */

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** One attachment, told apart by how its bytes are reached. */
export type EvidenceSource =
  | { kind: 'teams_file'; name: string; url: string }
  | { kind: 'content_url'; name: string; url: string }
  | { kind: 'data_url'; name: string; url: string }
  | { kind: 'inline'; name: string; text: string };

export type ReadResult = { ok: true; name: string; text: string } | { ok: false; name: string; message: string };

/**
 * The attachments that can carry evidence. Cards (the bot's own, echoed back) and the HTML copy
 * of the message text that Teams attaches to every message are not evidence and are left out.
 */
export function evidenceSources(attachments: readonly Attachment[] | undefined): EvidenceSource[] {
  const sources: EvidenceSource[] = [];
  (attachments ?? []).forEach((attachment, index) => {
    const name = attachment.name?.trim() || `attachment ${index + 1}`;
    const type = attachment.contentType ?? '';
    if (type === TEAMS_FILE) {
      const url = downloadUrlOf(attachment.content);
      if (url) sources.push({ kind: 'teams_file', name, url });
      return;
    }
    if (type.startsWith('application/vnd.microsoft.card.')) return;
    // Teams' HTML copy of the message: inline, nameless; an uploaded .html file has a name or a URL
    if (type === 'text/html' && !attachment.contentUrl && !attachment.name) return;
    if (attachment.contentUrl) {
      const url = attachment.contentUrl.trim();
      sources.push(/^data:/i.test(url) ? { kind: 'data_url', name, url } : { kind: 'content_url', name, url });
      return;
    }
    if (typeof attachment.content === 'string') sources.push({ kind: 'inline', name, text: attachment.content });
  });
  return sources;
}

function downloadUrlOf(content: unknown): string | null {
  if (typeof content !== 'object' || content === null) return null;
  const url = (content as { downloadUrl?: unknown }).downloadUrl;
  return typeof url === 'string' && url.trim() ? url.trim() : null;
}

/** The text of one source, or the sentence that tells the customer why it cannot be used (only the header hook may throw). */
export async function readSource(source: EvidenceSource, options: EvidenceOptions): Promise<ReadResult> {
  const bytes = await bytesOf(source, options);
  if (!bytes.ok) return { ok: false, name: source.name, message: bytes.message };
  const decoded = decodeEvidenceBytes(bytes.bytes, options.maxEvidenceBytes);
  return decoded.ok ? { ok: true, name: source.name, text: decoded.text } : { ok: false, name: source.name, message: decoded.message };
}

async function bytesOf(source: EvidenceSource, options: EvidenceOptions): Promise<DownloadResult> {
  switch (source.kind) {
    case 'inline':
      return { ok: true, bytes: new TextEncoder().encode(source.text), finalUrl: 'inline' };
    case 'data_url':
      // one byte over the evidence cap still decodes, so the customer hears the evidence limit's own advice
      return decodeDataUrl(source.url, options.maxEvidenceBytes + 1);
    case 'teams_file':
      // the download URL carries its own short-lived token: no header may go with it
      return downloadAttachment(source.url, options.download);
    case 'content_url':
      return downloadAttachment(source.url, options.download, (await options.attachmentHeaders?.(source.url)) ?? {});
  }
}
