import type { IncomingMessage } from 'node:http';

/** The client went away before its body arrived: nothing failed here, and nobody is left to answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client closed the connection before its body arrived');
    this.name = 'ClientGone';
  }
}

/**
 * A request body read by a route itself (after its own checks, such as the token, rather than by
 * a server-wide parser): the bytes, or null when there were more than `maxBytes`. Past the limit
 * the rest is drained, not kept, so the client still hears the route's 413.
 * @throws ClientGone when the connection ends before the body does
 */
export async function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  // a body read earlier (by a server-wide body parser) would leave this wait unanswered for ever
  if (req.readableEnded) throw new Error('the request body was consumed before the route could read it');
  return new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    let ended = false;
    req.once('end', () => {
      ended = true;
      resolve(size > maxBytes ? null : Buffer.concat(chunks));
    });
    // a connection reset before 'end' is the client going away. 'close' follows every request,
    // so after 'end' it means nothing, and no error is built for it (its stack costs a turn ~10 µs)
    const gone = (): void => {
      if (!ended) reject(new ClientGone());
    };
    req.once('error', gone);
    req.once('close', gone);
  });
}
