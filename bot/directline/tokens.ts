import { randomBytes } from 'node:crypto';

/**
 * The local Direct Line's tokens: random strings bound to one conversation and one user, valid
 * for 30 minutes (refreshing hands out a new one; the old one stays valid until it expires), and
 * single-use stream tickets for the WebSocket URL, so that the bearer token never sits in a URL.
 * Kept in memory; at most `maxTokens` are remembered (the oldest are forgotten first).
 */

export interface Grant {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

export interface TokenStoreOptions {
  /** token lifetime (default 30 minutes) */
  ttlMs?: number;
  /** stream ticket lifetime (default 5 minutes) */
  streamTicketTtlMs?: number;
  /** tokens remembered at most (default 10,000) */
  maxTokens?: number;
  now?: () => number;
}

export const TOKEN_TTL_MS = 30 * 60 * 1000;
const STREAM_TICKET_TTL_MS = 5 * 60 * 1000;
const MAX_TOKENS = 10_000;

export const randomId = (bytes: number): string => randomBytes(bytes).toString('base64url');
/** A user id for a web chat visitor: `dl_` marks ids the token issuer chose, which the client cannot forge. */
export const visitorId = (): string => `dl_${randomId(12)}`;

export type TokenCheck = { ok: true; grant: Grant } | { ok: false; reason: 'unknown' | 'expired' };

export class TokenStore {
  private readonly tokens = new Map<string, Grant>();
  private readonly streamTickets = new Map<string, { conversationId: string; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly streamTicketTtlMs: number;
  private readonly maxTokens: number;
  private readonly now: () => number;

  constructor(options: TokenStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? TOKEN_TTL_MS;
    this.streamTicketTtlMs = options.streamTicketTtlMs ?? STREAM_TICKET_TTL_MS;
    this.maxTokens = options.maxTokens ?? MAX_TOKENS;
    this.now = options.now ?? Date.now;
  }

  /** A new token for the user in the conversation; `expiresIn` in seconds. */
  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    this.prune();
    const token = randomId(32);
    this.tokens.set(token, { conversationId, userId, expiresAt: this.now() + this.ttlMs });
    return { token, expiresIn: Math.floor(this.ttlMs / 1000) };
  }

  check(token: string | undefined): TokenCheck {
    if (token === undefined) return { ok: false, reason: 'unknown' };
    const grant = this.tokens.get(token);
    if (grant === undefined) return { ok: false, reason: 'unknown' };
    if (grant.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, grant };
  }

  /** Seconds left on a valid token. */
  secondsLeft(grant: Grant): number {
    return Math.max(0, Math.floor((grant.expiresAt - this.now()) / 1000));
  }

  /** A single-use ticket for opening the conversation's WebSocket stream. */
  streamTicket(conversationId: string): string {
    const now = this.now();
    for (const [ticket, entry] of this.streamTickets) {
      if (entry.expiresAt > now && this.streamTickets.size < this.maxTokens) break;
      this.streamTickets.delete(ticket);
    }
    const ticket = randomId(24);
    this.streamTickets.set(ticket, { conversationId, expiresAt: now + this.streamTicketTtlMs });
    return ticket;
  }

  /** Uses up the ticket; true when it was valid for this conversation. */
  redeemStreamTicket(ticket: string | null, conversationId: string): boolean {
    if (ticket === null) return false;
    const entry = this.streamTickets.get(ticket);
    if (entry === undefined) return false;
    this.streamTickets.delete(ticket);
    return entry.conversationId === conversationId && entry.expiresAt > this.now();
  }

  /** Tokens are kept in the order they were issued, all with the same lifetime: expired ones are at the front. */
  private prune(): void {
    const now = this.now();
    for (const [token, grant] of this.tokens) {
      if (grant.expiresAt > now && this.tokens.size < this.maxTokens) break;
      this.tokens.delete(token);
    }
  }
}
