import type { IncomingMessage } from 'node:http';

/**
 * A light per-IP limit on handing out web chat tokens: at most `perMinute` per client address in
 * each minute (0: no limit). Windows are fixed minutes; at most `maxClients` addresses are
 * remembered (the oldest windows are forgotten first).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 10_000,
  ) {}

  /** null when the request may go on; otherwise the seconds until it may be tried again. */
  retryAfter(req: IncomingMessage): number | null {
    if (this.perMinute === 0) return null;
    const now = this.now();
    const key = req.socket.remoteAddress ?? 'unknown';
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= 60_000) {
      this.windows.delete(key);
      this.forgetOld(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.perMinute) return null;
    return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  }

  /** Windows are kept in the order they started: the ones over are at the front. */
  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start < 60_000 && this.windows.size < this.maxClients) break;
      this.windows.delete(key);
    }
  }
}
