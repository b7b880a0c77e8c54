import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_ATTACHMENT_HOSTS,
  decodeDataUrl,
  downloadAttachment,
  isAllowedHost,
  isForbiddenAddress,
  type DownloadPolicy,
  type DownloadResult,
} from '../../tickets/evidence/download.js';
import { vetUrl, type ResolveAll } from '../../tickets/evidence/vet-url.js';

const LOG_LINE = '2024-05-01T10:00:00Z ERROR agent: could not reach the metadata service\n';

// A local file server with one route per behaviour under test.
class TestServer {
  readonly server: http.Server;
  // Settles when the server sees the connection of /chunked-forever closed by the client.
  chunkedClosed: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor() {
    this.server = http.createServer((request, response) => this.route(request, response));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.timers.forEach((timer) => clearInterval(timer));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private route(request: http.IncomingMessage, response: http.ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    switch (path) {
      case '/agent.log':
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(LOG_LINE);
        return;
      case '/host':
        response.end(request.headers.host ?? '');
        return;
      case '/echo-auth':
        response.end(request.headers.authorization ?? '');
        return;
      case '/big-declared':
        response.writeHead(200, { 'content-length': '5000' });
        response.end('x'.repeat(5000));
        return;
      case '/chunked-forever':
        return this.writeForever(response);
      case '/no-answer':
        return; // never answers: the connection stays open until the client gives up
      case '/stalls-mid-body':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('first line\n');
        return;
      case '/hop-1':
        return this.redirect(response, 302, '/hop-2');
      case '/hop-2':
        return this.redirect(response, 307, `${this.origin}/agent.log`);
      case '/to-metadata':
        return this.redirect(response, 302, 'http://169.254.169.254/latest/meta-data/');
      case '/to-localhost-auth':
        return this.redirect(response, 302, `http://localhost:${this.port}/echo-auth`);
      case '/loop':
        return this.redirect(response, 301, '/loop');
      default:
        response.writeHead(404);
        response.end('not found');
    }
  }

  private redirect(response: http.ServerResponse, status: number, location: string): void {
    response.writeHead(status, { location });
    response.end();
  }

  // Sends 1 KB chunks with no Content-Length until the client hangs up, or 10 MB at most.
  private writeForever(response: http.ServerResponse): void {
    this.chunkedClosed = new Promise((resolve) => response.on('close', () => resolve()));
    response.writeHead(200, { 'content-type': 'text/plain' });
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed || sent >= 10_000) {
        clearInterval(timer);
        this.timers.delete(timer);
        response.end();
        return;
      }
      response.write('y'.repeat(1024));
      sent++;
    }, 2);
    this.timers.add(timer);
  }
}

const server = new TestServer();

function localPolicy(overrides: Partial<DownloadPolicy> = {}): DownloadPolicy {
  return { maxBytes: 1000, timeoutMs: 5000, allowedHosts: DEFAULT_ATTACHMENT_HOSTS, allowLoopback: true, ...overrides };
}

function expectFailure(result: DownloadResult, code: string): Extract<DownloadResult, { ok: false }> {
  if (result.ok) throw new Error(`expected ${code}, got a download of ${result.bytes.length} bytes`);
  expect(result.code).toBe(code);
  expect(result.message).toMatch(/\.$/);
  return result;
}

function text(result: DownloadResult): string {
  if (!result.ok) throw new Error(`expected a download, got ${result.code}: ${result.message}`);
  return Buffer.from(result.bytes).toString('utf8');
}

beforeAll(async () => {
  await server.start();
});

afterAll(async () => {
  await server.stop();
});

describe('downloading from a loopback server', () => {
  it('downloads the file in local mode', async () => {
    const result = await downloadAttachment(`${server.origin}/agent.log`, localPolicy());
    expect(text(result)).toBe(LOG_LINE);
    expect(result).toMatchObject({ contentType: 'text/plain; charset=utf-8', finalUrl: `${server.origin}/agent.log` });
  });

  it('refuses loopback when local mode is off', async () => {
    const result = await downloadAttachment(`${server.origin}/agent.log`, localPolicy({ allowLoopback: false }));
    expect(expectFailure(result, 'address_not_allowed').message).toContain('127.0.0.1');
  });

  it('refuses a file whose Content-Length is over the cap', async () => {
    const result = await downloadAttachment(`${server.origin}/big-declared`, localPolicy());
    expect(expectFailure(result, 'too_large').message).toContain('1000 bytes');
  });

  it('stops reading a chunked body at the cap and closes the connection', async () => {
    const result = await downloadAttachment(`${server.origin}/chunked-forever`, localPolicy({ maxBytes: 20_000 }));
    expectFailure(result, 'too_large');
    await server.chunkedClosed;
  });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    const result = await downloadAttachment(`${server.origin}/no-answer`, localPolicy({ timeoutMs: 300 }));
    expectFailure(result, 'timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('times out a body that stalls halfway', async () => {
    const result = await downloadAttachment(`${server.origin}/stalls-mid-body`, localPolicy({ timeoutMs: 300 }));
    expect(expectFailure(result, 'timeout').message).toContain('300 ms');
  });

  it('follows a chain of redirects', async () => {
    const result = await downloadAttachment(`${server.origin}/hop-1`, localPolicy());
    expect(text(result)).toBe(LOG_LINE);
    expect(result).toMatchObject({ finalUrl: `${server.origin}/agent.log` });
  });

  it('refuses a redirect to the cloud metadata endpoint', async () => {
    const result = await downloadAttachment(`${server.origin}/to-metadata`, localPolicy());
    expect(expectFailure(result, 'address_not_allowed').message).toContain('169.254.169.254');
  });

  it('gives up on a redirect loop', async () => {
    const result = await downloadAttachment(`${server.origin}/loop`, localPolicy({ maxRedirects: 2 }));
    expect(expectFailure(result, 'too_many_redirects').message).toContain('2 times');
  });

  it('reports an HTTP error with its status, without echoing the query', async () => {
    const result = expectFailure(
      await downloadAttachment(`${server.origin}/missing?tempauth=secret-token`, localPolicy()),
      'http_error',
    );
    expect(result.status).toBe(404);
    expect(result.message).toContain('404');
    expect(result.message).not.toContain('secret-token');
    expect(result.message).not.toContain('/missing');
  });

  it('resolves a name itself and still sends the name as Host', async () => {
    const result = await downloadAttachment(`http://localhost:${server.port}/host`, localPolicy());
    expect(text(result)).toBe(`localhost:${server.port}`);
  });

  it('refuses an allow-listed name that resolves to a loopback address', async () => {
    const policy = localPolicy({ allowLoopback: false, allowedHosts: ['localhost'] });
    const result = await downloadAttachment(`https://localhost:${server.port}/agent.log`, policy);
    expectFailure(result, 'address_not_allowed');
  });

  it('sends the caller headers to the original origin only', async () => {
    const headers = { authorization: 'Bearer bot-token' };
    expect(text(await downloadAttachment(`${server.origin}/echo-auth`, localPolicy(), headers))).toBe('Bearer bot-token');
    expect(text(await downloadAttachment(`${server.origin}/to-localhost-auth`, localPolicy(), headers))).toBe('');
  });
});

describe('refusing before any connection', () => {
  it('refuses other schemes', async () => {
    expectFailure(await downloadAttachment('ftp://smba.trafficmanager.net/agent.log', localPolicy()), 'scheme_not_allowed');
  });

  it('refuses plain http to a public host', async () => {
    expectFailure(await downloadAttachment('http://smba.trafficmanager.net/agent.log', localPolicy()), 'scheme_not_allowed');
  });

  it('refuses hosts that are not on the allowlist', async () => {
    const result = await downloadAttachment('https://evil.example.com/x?sig=abc', localPolicy());
    expect(expectFailure(result, 'host_not_allowed').message).toContain('evil.example.com');
    expect(result.ok || result.message.includes('sig=abc')).toBe(false);
  });

  it('refuses a private IP literal even when it is allow-listed', async () => {
    const result = await downloadAttachment('https://10.0.0.5/x', localPolicy({ allowedHosts: ['10.0.0.5'] }));
    expectFailure(result, 'address_not_allowed');
  });

  it('refuses loopback written as IPv4-mapped IPv6', async () => {
    const url = `http://[::ffff:127.0.0.1]:${server.port}/agent.log`;
    expectFailure(await downloadAttachment(url, localPolicy({ allowLoopback: false })), 'address_not_allowed');
  });

  it('refuses loopback written as a bare number', async () => {
    const url = `http://2130706433:${server.port}/agent.log`;
    expectFailure(await downloadAttachment(url, localPolicy({ allowLoopback: false })), 'address_not_allowed');
  });

  it('refuses text that is not a URL', async () => {
    expectFailure(await downloadAttachment('not a url', localPolicy()), 'bad_url');
  });
});

describe('vetting a URL against what its name resolves to', () => {
  // Answers for DNS, so a *.localhost name can resolve anywhere
  const resolvingTo =
    (...addresses: string[]): ResolveAll =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const vet = (url: string, resolve: ResolveAll, overrides: Partial<DownloadPolicy> = {}) =>
    vetUrl(new URL(url), localPolicy(overrides), new AbortController().signal, resolve);

  it('takes a *.localhost name in local mode when it resolves to loopback only', async () => {
    expect(await vet('http://bot.localhost:3978/agent.log', resolvingTo('127.0.0.1', '::1'))).toMatchObject({ ok: true, host: 'bot.localhost' });
  });

  it.each([
    ['a public address', ['93.184.216.34']],
    ['a public address besides loopback', ['127.0.0.1', '93.184.216.34']],
    ['a private address', ['10.0.0.5']],
  ])('refuses a *.localhost name that resolves to %s', async (_what, addresses) => {
    for (const url of ['http://evil.localhost/agent.log', 'https://evil.localhost/agent.log', 'https://localhost/agent.log']) {
      expect(await vet(url, resolvingTo(...addresses))).toMatchObject({ ok: false, code: 'address_not_allowed', message: expect.stringContaining('localhost') });
    }
  });

  it('still takes an allow-listed name that resolves to a public address', async () => {
    const result = await vet('https://files.example.com/agent.log', resolvingTo('93.184.216.34'), { allowedHosts: ['files.example.com'] });
    expect(result).toMatchObject({ ok: true, addresses: [{ address: '93.184.216.34', family: 4 }] });
  });
});

describe('data URLs', () => {
  it('decodes base64', () => {
    const result = decodeDataUrl(`data:text/plain;base64,${Buffer.from(LOG_LINE).toString('base64')}`, 1000);
    expect(text(result)).toBe(LOG_LINE);
    expect(result).toMatchObject({ contentType: 'text/plain', finalUrl: 'data:text/plain;base64' });
  });

  it('decodes percent-encoded text and defaults the media type', () => {
    const result = decodeDataUrl('data:,ERROR%20agent%3A%20timeout%0A', 1000);
    expect(text(result)).toBe('ERROR agent: timeout\n');
    expect(result).toMatchObject({ contentType: 'text/plain;charset=US-ASCII' });
  });

  it('refuses a payload over the cap', () => {
    expectFailure(decodeDataUrl(`data:text/plain;base64,${Buffer.alloc(2000).toString('base64')}`, 1000), 'too_large');
    expectFailure(decodeDataUrl(`data:text/plain,${'z'.repeat(1001)}`, 1000), 'too_large');
  });

  it('refuses malformed data URLs', () => {
    expectFailure(decodeDataUrl('data:text/plain;base64', 1000), 'bad_url');
    expectFailure(decodeDataUrl('data:;base64,not*base64', 1000), 'bad_url');
  });

  it('is what downloadAttachment does with a data URL', async () => {
    expect(text(await downloadAttachment('data:,hello', localPolicy({ allowLoopback: false })))).toBe('hello');
  });
});

describe('the address classifier', () => {
  it.each([
    ['8.8.8.8', false],
    ['52.166.139.91', false],
    ['10.0.0.5', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['224.0.0.251', true],
    ['255.255.255.255', true],
    ['2606:4700:4700::1111', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fe80::1%eth0', true],
    ['fd12:3456:789a::1', true],
    ['fc00::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:169.254.169.254', true],
    ['::ffff:10.1.2.3', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a9fe:a9fe', true],
    ['2002:c0a8:0101::1', true],
    ['[::1]', true],
    ['not-an-address', true],
  ])('%s is forbidden: %s', (ip, forbidden) => {
    expect(isForbiddenAddress(ip, false)).toBe(forbidden);
  });

  it.each([
    ['127.0.0.1', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['10.0.0.5', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
  ])('in local mode %s is forbidden: %s', (ip, forbidden) => {
    expect(isForbiddenAddress(ip, true)).toBe(forbidden);
  });
});

describe('the host allowlist', () => {
  it.each([
    ['smba.trafficmanager.net', true],
    ['SMBA.trafficmanager.net.', true],
    ['evil.trafficmanager.net', false],
    ['contoso-my.sharepoint.com', true],
    ['sharepoint.com', false],
    ['evilsharepoint.com', false],
    ['europe.directline.botframework.com', true],
    ['botframework.com.evil.example', false],
  ])('%s is allowed by default: %s', (host, allowed) => {
    expect(isAllowedHost(host, DEFAULT_ATTACHMENT_HOSTS)).toBe(allowed);
  });
});
