/**
 * Opaque cursors for newest-first keyset paging. A cursor names the last ticket of a page by
 * its creation time and sequence, so the next page starts right after it even while new
 * tickets arrive (an offset would shift and repeat or skip tickets).
 */

/** A cursor that this store did not hand out, or that was damaged on the way; the API answers 400. */
export class BadCursorError extends Error {
  constructor(readonly cursor: string, reason: string) {
    super(`bad cursor: ${reason}`);
    this.name = 'BadCursorError';
  }
}

/** Where a page ended: the last ticket's creation time (normalised ISO) and sequence. */
interface CursorPosition {
  createdAt: string;
  seq: number;
}

/** The cursor for the page after `position`. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.seq]), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back.
 * @throws BadCursorError when it is not one that `encodeCursor` made
 */
export function decodeCursor(cursor: string): CursorPosition {
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder skips characters outside the alphabet; only an exact round trip is ours.
  if (cursor.length === 0 || bytes.toString('base64url') !== cursor) {
    throw new BadCursorError(cursor, 'not base64url');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BadCursorError(cursor, 'not a page position');
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new BadCursorError(cursor, 'not a page position');
  const [createdAt, seq] = decoded as unknown[];
  if (typeof createdAt !== 'string' || !isNormalisedInstant(createdAt)) {
    throw new BadCursorError(cursor, 'its time is not an ISO instant');
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    throw new BadCursorError(cursor, 'its sequence is not a positive integer');
  }
  return { createdAt, seq };
}

function isNormalisedInstant(value: string): boolean {
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}
