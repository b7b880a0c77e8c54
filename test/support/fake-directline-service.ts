import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local stand-in for the Direct Line service's token exchange: POST /v3/directline/tokens/generate
 * with `Authorization: Bearer <secret>` and `{ user: { id } }` answers
 * `{ conversationId, token, expires_in }`; a wrong secret gets 403. It records every call and can
 * be told to answer the next ones with a failure.
 */

export interface TokenCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export class FakeDirectLineService {
  readonly calls: TokenCall[] = [];
  /** the tokens handed out, in order */
  readonly issued: string[] = [];
  private readonly failures: number[] = [];
  private readonly server: Server;
  private port = 0;

  private constructor(private readonly secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // kept as text
        }
        this.calls.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
        const { status, answer } = this.answer(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, body);
        // restify patches http.ServerResponse for the whole process: writeHead, then end, never chained
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
  }

  static async start(secret: string): Promise<FakeDirectLineService> {
    const service = new FakeDirectLineService(secret);
    await new Promise<void>((resolve) => service.server.listen(0, '127.0.0.1', resolve));
    service.port = (service.server.address() as AddressInfo).port;
    return service;
  }

  /** DIRECT_LINE_ENDPOINT for the bot. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next `times` calls are answered with `status`. */
  failNext(status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(status);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(method: string, path: string, authorization: string | undefined, body: unknown): { status: number; answer: unknown } {
    const failure = this.failures.shift();
    if (failure !== undefined) return { status: failure, answer: { error: { code: 'ServiceError', message: 'scripted failure' } } };
    if (method !== 'POST' || path !== '/v3/directline/tokens/generate') return { status: 404, answer: { error: { code: 'NotFound', message: 'unknown path' } } };
    if (authorization !== `Bearer ${this.secret}`) return { status: 403, answer: { error: { code: 'BadArgument', message: 'invalid secret' } } };
    const user = (body as { user?: { id?: unknown } } | undefined)?.user;
    if (typeof user?.id !== 'string') return { status: 400, answer: { error: { code: 'BadArgument', message: 'user.id is required here' } } };
    const token = `service-token-${randomUUID()}`;
    this.issued.push(token);
    return { status: 200, answer: { conversationId: `conv-${randomUUID().slice(0, 8)}`, token, expires_in: 3600 } };
  }
}
