/**
 * A Retry-After header in milliseconds from `nowMs`: delta-seconds (decimals too, which some
 * throttling gateways send) or an HTTP date (a past date is 0). null when absent or unreadable.
 *
 * Not capped here: the notifier caps every receiver's wish in one place (retryAfterOf).
 * Shared by the webhook and the Teams deliverers so that both read the header the same way.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  const text = header?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const ms = Math.round(Number(text) * 1000);
    return Number.isFinite(ms) ? ms : null;
  }
  // every HTTP date form names its month (and day) in letters; without this guard Date.parse
  // reads things like "-1" or "1.5.2" as dates and the wait silently becomes 0
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
