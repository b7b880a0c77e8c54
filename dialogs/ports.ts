import type { TurnContext } from 'botbuilder';
import type { OutagePhone, ScopeCheck } from '../knowledge/incident-facts.js';
import type { Cloud as KnowledgeCloud, RegionId } from '../knowledge/types.js';
import type { DownloadPolicy } from '../tickets/evidence/download.js';
import type { Ticket, TicketDraft, TranscriptTurn } from '../tickets/model.js';
import type { QuestionAnswerer } from './routes.js';

/*
 * What the dialogs need from the rest of the product, as small interfaces: the dialogs call
 * the domain through these and never see a store, a database or the knowledge base's insides.
 */

/** A customer as the ticket desk knows them: their channel and their id in it. */
export interface CustomerIdentity {
  channel: string;
  userId: string;
}

/** The part of the ticket service the dialogs use (TicketService implements it). */
export interface TicketDesk {
  /** Files the draft once per activity key (and once per identical draft for a while). */
  open(draft: TicketDraft, request: { activityKey: string }): Promise<{ ticket: Ticket; created: boolean }>;
  /** The customer's own tickets, newest first. */
  listForCustomer(customer: CustomerIdentity, limit: number): Promise<Ticket[]>;
  /** The ticket when it is this customer's; undefined otherwise. */
  getForCustomer(number: string, customer: CustomerIdentity): Promise<Ticket | undefined>;
}

/** What filing an incident needs from the knowledge base (KnowledgeBase implements it). */
export interface IncidentKnowledge {
  /** Regions and clouds named in the text, spelling corrected, in the order written. */
  placesIn(text: string): { regions: RegionId[]; clouds: KnowledgeCloud[] };
  /** The critical-outage number of a region. */
  outagePhone(region: RegionId, cloud: KnowledgeCloud | null): OutagePhone | null;
  /** Whether platform-level support covers the described problem. */
  scopeOf(text: string, cloud: KnowledgeCloud | null): ScopeCheck;
}

/** The recent turns of the conversation, redacted (TranscriptRecorder implements it). */
export interface TranscriptSource {
  recent(context: TurnContext): Promise<TranscriptTurn[]>;
}

/** Headers for fetching an attachment URL, e.g. the bot's token for the Bot Connector. */
export type AttachmentHeaders = (url: string) => Promise<Record<string, string>>;

/** How evidence attachments are fetched and read. */
export interface EvidenceOptions {
  /** Where attachments may be downloaded from, how large and how slow they may be. */
  download: DownloadPolicy;
  /** Largest evidence file read, in bytes (inline and data: attachments included). */
  maxEvidenceBytes: number;
  /** Headers for attachment `contentUrl` downloads; none when not given. */
  attachmentHeaders?: AttachmentHeaders;
}

/** Everything the incident dialog is built from. */
export interface IncidentDialogOptions extends EvidenceOptions {
  knowledge: IncidentKnowledge;
  tickets: TicketDesk;
  transcript: TranscriptSource;
  /** Told when filing fails (for the log); the customer is told by the dialog. */
  onFilingError?: (error: unknown) => void;
}

/** Everything the main dialog is built from: the knowledge base answers questions and helps file incidents. */
export interface MainDialogOptions extends IncidentDialogOptions {
  knowledge: QuestionAnswerer & IncidentKnowledge;
}
