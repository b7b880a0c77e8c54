import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { webChatBundlePath } from '../../bot/webchat/assets.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { agentCall, startBot, type RunningBot } from '../support/bot-client.js';
import { FakeDirectLineService } from '../support/fake-directline-service.js';
import { FAILED_DEPLOYMENT_LOG } from '../support/agent-log.js';

/**
 * The customer's web chat page, as served by the bot (GET /webchat and its files), and then
 * in a real browser: Debian's Chromium driven by playwright-core against the whole app on
 * loopback (local mode, its local Direct Line, a real SQLite file, the bundled knowledge base).
 * The customer asks a question, files a box-error ticket answering the bot's questions by
 * typing and clicking, uploads elasticbox-agent.log through the paper clip, and sees the
 * agent's acknowledgement arrive in the open chat. Screenshots go to test-output/webchat/.
 */

/*
 * The page.evaluate callbacks run in the browser. The project compiles without the DOM library,
 * so the little of the DOM they touch is declared here, for this file only.
 */
interface BrowserElement {
  innerText: string;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelector(selector: string): BrowserElement | null;
}
declare const document: {
  documentElement: { scrollWidth: number };
  body: { scrollWidth: number };
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): ArrayLike<BrowserElement> & Iterable<BrowserElement>;
};
declare const window: { innerWidth: number };
declare function getComputedStyle(element: unknown): { backgroundColor: string };

// WEBCHAT_TEST_CHROMIUM: another Chromium binary (or a missing path, to see the suite skip itself)
const CHROMIUM = process.env.WEBCHAT_TEST_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const SHOTS = join('test-output', 'webchat');
const TOKEN = 'e2e-agent-token-webchat-0123456789';
const PLANTED_SECRET = 'planted-secret-value-123';
const PHONE = { width: 375, height: 812 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const AGENT_LOG = FAILED_DEPLOYMENT_LOG;

if (!HAVE_CHROMIUM) console.warn(`webchat-browser: ${CHROMIUM} is not installed, so the browser tests are skipped (apt-get install chromium)`);

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
  knowledge.warmUp();
});

describe('GET /webchat and its files', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ AGENT_API_TOKENS: TOKEN }, knowledge);
  });
  afterAll(() => bot?.close());

  const page = async (): Promise<{ res: Response; html: string; csp: Map<string, string[]> }> => {
    const res = await fetch(`${bot.url}/webchat`);
    const html = await res.text();
    const csp = new Map((res.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as [string, string[]];
    }));
    return { res, html, csp };
  };

  it('serves the branded, accessible, phone-ready page with nothing from other origins and no inline code', async () => {
    const { res, html } = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Cloud Support</title>');
    expect(html).toMatch(/<h1[^>]*>Cloud Support<\/h1>/);
    expect(html).toMatch(/<section id="webchat"[^>]* aria-label="Chat with Cloud Support"/);
    expect(html).toMatch(/role="status"/);
    expect(html).toMatch(/role="alert"/);

    // everything from this origin: no absolute or protocol-relative URL anywhere in the page
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(?:src|href)="\/\//i);
    const sources = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(sources).toEqual([
      'data:,',
      expect.stringMatching(/^\/webchat\/webchat-page\.css\?v=[0-9a-f]{16}$/),
      expect.stringMatching(/^\/webchat\/webchat\.js\?v=[0-9a-f]{16}$/),
      expect.stringMatching(/^\/webchat\/webchat-page\.js\?v=[0-9a-f]{16}$/),
    ]);
    // no inline script or style, no inline event handlers
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // local mode: the page talks to this origin's own Direct Line
    expect(html).not.toContain('directline-domain');
  });

  it('sends a Content-Security-Policy of this origin only, with a fresh style nonce per response that the page script carries', async () => {
    const first = await page();
    const second = await page();
    const { csp, html } = first;
    const host = new URL(bot.url).host;

    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{24})'$/.exec(csp.get('style-src')?.[1] ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]);
    expect(csp.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`, 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    const all = [...csp.values()].flat().join(' ');
    expect(all).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);

    expect(html).toContain(`<script src="/webchat/webchat-page.js?v=`);
    expect(html).toMatch(new RegExp(`<script src="/webchat/webchat-page\\.js\\?v=[0-9a-f]+" nonce="${nonce!.replace(/[+/]/g, '\\$&')}" defer>`));
    expect(second.csp.get('style-src')?.[1]).not.toBe(`'nonce-${nonce}'`);
  });

  it('keeps a Host header that is not a plain host out of the policy', async () => {
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(`${bot.url}/webchat`, { headers: { host: "evil.example; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(csp).not.toContain('evil');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' blob:;");
  });

  it('serves botframework-webchat from node_modules with an ETag, long caching on the versioned URL and gzip', async () => {
    const { html } = await page();
    const path = /src="(\/webchat\/webchat\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const bundle = readFileSync(webChatBundlePath());
    expect(webChatBundlePath()).toMatch(/node_modules\/botframework-webchat\/dist\/webchat\.js$/);

    const plain = await fetch(`${bot.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(Buffer.from(await plain.arrayBuffer()).equals(bundle)).toBe(true);

    const zipped = await fetch(`${bot.url}${path}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(bundle.length / 2);
    // fetch inflates it: the same bytes
    expect(Buffer.from(await zipped.arrayBuffer()).equals(bundle)).toBe(true);
    expect(zipped.headers.get('etag')).toBe(etag.replace(/"$/, '-gz"'));

    const again = await fetch(`${bot.url}${path}`, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    // the unversioned URL works too, and revalidates
    const unversioned = await fetch(`${bot.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(unversioned.status).toBe(200);
    expect(unversioned.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(unversioned.headers.get('etag')).toBe(etag);
  });

  it("serves the page's own script and stylesheet, which hold no secret and call only this origin", async () => {
    const { html } = await page();
    const script = /src="(\/webchat\/webchat-page\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const styles = /href="(\/webchat\/webchat-page\.css\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const js = await fetch(`${bot.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await js.text();
    expect(source).toContain("fetch('/api/directline/token'");
    expect(source).toContain("location.origin + '/v3/directline'");
    expect(source).toContain('webSocket: true');
    expect(source).toContain('hideUploadButton: false');
    expect(source).toContain("botAvatarInitials: 'CS'");
    expect(source).toContain("userAvatarInitials: 'You'");
    expect(source).not.toMatch(/https?:\/\/|secret/i);
    const css = await fetch(`${bot.url}${styles}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toMatch(/@import|url\(/);
  });
});

/** Everything the browser received from the bot: page, files, JSON answers and stream frames. */
interface Traffic {
  requests: string[];
  bodies: string[];
  frames: string[];
  problems: string[];
  /** waits for the response bodies still being read */
  settled(): Promise<void>;
}

function watch(page: Page): Traffic {
  const reading: Promise<unknown>[] = [];
  const traffic: Traffic = { requests: [], bodies: [], frames: [], problems: [], settled: async () => void (await Promise.all(reading)) };
  page.on('request', (request) => traffic.requests.push(request.url()));
  page.on('response', (response) => {
    reading.push(
      response.body().then(
        (body) => traffic.bodies.push(`${response.url()}\n${body.toString('utf8')}`),
        // a redirect or a failed request has no body
        () => undefined,
      ),
    );
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => traffic.frames.push(String(frame.payload)));
    socket.on('framesent', (frame) => traffic.frames.push(String(frame.payload)));
  });
  page.on('pageerror', (error) => traffic.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) traffic.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  return traffic;
}

const describeBrowser = HAVE_CHROMIUM ? describe : describe.skip;
const browserSuite = HAVE_CHROMIUM ? 'web chat in Chromium' : `web chat in Chromium (skipped: ${CHROMIUM} is not installed)`;

describeBrowser(browserSuite, () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch(LAUNCH);
  });
  afterAll(() => browser?.close());

  describe('against the whole bot with its local Direct Line', () => {
    let bot: RunningBot;
    let context: BrowserContext;
    let page: Page;
    let traffic: Traffic;

    beforeAll(async () => {
      bot = await startBot({ AGENT_API_TOKENS: TOKEN }, knowledge);
      // a phone: 375 px wide, the page's viewport meta honoured
      context = await browser.newContext({ viewport: PHONE, isMobile: true, locale: 'en-US' });
      page = await context.newPage();
      traffic = watch(page);
    });
    afterAll(async () => {
      await context?.close();
      await bot?.close();
    });

    const transcript = (): Promise<string> => page.locator('#webchat').innerText();
    const waitForTranscript = async (pattern: RegExp, timeout = 20_000): Promise<string> => {
      await page.waitForFunction(
        ([source, flags]) => new RegExp(source!, flags).test(document.querySelector('#webchat')?.innerText ?? ''),
        [pattern.source, pattern.flags],
        { timeout, polling: 100 },
      );
      return transcript();
    };
    const sendBox = () => page.locator('[data-id="webchat-sendbox-input"]');
    const say = async (text: string): Promise<void> => {
      await sendBox().fill(text);
      await sendBox().press('Enter');
    };
    const noHorizontalScroll = async (): Promise<void> => {
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]);
      expect(widths).toEqual([PHONE.width, PHONE.width, PHONE.width]);
    };
    /** Screenshots once the transcript has scrolled its last activity into view, above the send box. */
    const shot = async (name: string): Promise<string> => {
      await page.waitForFunction(
        () => {
          const items = document.querySelectorAll('.webchat__basic-transcript__activity');
          const last = items[items.length - 1];
          const sendBox = document.querySelector('.webchat__send-box');
          return last !== undefined && sendBox !== null && last.getBoundingClientRect().bottom <= sendBox.getBoundingClientRect().top + 1;
        },
        undefined,
        { timeout: 10_000, polling: 100 },
      );
      // the smooth scroll has ended when nothing moves between two frames
      await page.waitForTimeout(400);
      const path = join(SHOTS, name);
      // a file left by an earlier run must not pass for this one
      rmSync(path, { force: true });
      await page.screenshot({ path });
      return path;
    };

    /** The bot's activities after the customer's last one, once nothing new has arrived for a moment. */
    const botReplies = async (after: number, timeout = 20_000): Promise<{ count: number; text: string }> => {
      const deadline = Date.now() + timeout;
      let last = { count: -1, text: '', fromBot: false };
      let stableSince = Date.now();
      while (Date.now() < deadline) {
        const now = await page.evaluate(() => {
          const items = [...document.querySelectorAll('.webchat__basic-transcript__activity')];
          const lastItem = items[items.length - 1];
          const fromBot = lastItem !== undefined && lastItem.querySelector('.webchat__stacked-layout--from-user') === null;
          return { count: items.length, text: lastItem?.innerText ?? '', fromBot };
        });
        if (now.count !== last.count || now.text !== last.text) stableSince = Date.now();
        last = now;
        if (now.count > after && now.fromBot && Date.now() - stableSince >= 1000) return { count: now.count, text: now.text };
        await page.waitForTimeout(150);
      }
      throw new Error(`the bot did not answer; the transcript reads:\n${await transcript()}`);
    };
    const activityCount = (): Promise<number> => page.locator('.webchat__basic-transcript__activity').count();

    /** Presses the suggested action with this title when the bot offers one, else types the words. */
    const pick = async (title: string): Promise<void> => {
      const button = page.locator('.webchat__suggested-actions').getByRole('button', { name: title, exact: true });
      if (await button.count()) await button.first().click();
      else await say(title);
    };

    it('renders the branded chat, with its landmarks and an upload button', async () => {
      await page.goto(`${bot.url}/webchat`);
      await expect(page.title()).resolves.toBe('Cloud Support');
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
      await page.getByRole('heading', { level: 1, name: 'Cloud Support' }).waitFor();
      await page.getByRole('region', { name: 'Chat with Cloud Support' }).waitFor();
      await sendBox().waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.getByRole('button', { name: /upload file/i }).count()).toBe(1);
      expect(await page.locator('input[type="file"]').count()).toBe(1);
      expect(await page.getByRole('button', { name: /^send$/i }).count()).toBe(1);
      await expect(page.locator('.bar').evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe('rgb(11, 92, 173)');
      await noHorizontalScroll();
    });

    it('answers a question with the number and the article it comes from', async () => {
      const question = 'who do I call in Singapore for an outage?';
      const expected = knowledge.answer(question);
      const title = expected.sources[0]!.title;
      await say(question);
      const text = await waitForTranscript(/\+65 6768 8099/);
      expect(text).toContain(question);
      await waitForTranscript(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      // the customer's bubble carries the "You" avatar, the bot's "CS"
      expect(await page.locator('.webchat__initialsAvatar__initials').allInnerTexts()).toEqual(expect.arrayContaining(['CS', 'You']));
      const avatar = page.locator('.webchat__initialsAvatar:not(.webchat__initialsAvatar--fromUser)').first();
      await expect(avatar.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe('rgb(11, 92, 173)');
      await noHorizontalScroll();
      const path = await shot('1-answer.png');
      expect(isPng(path)).toBe(true);
    });

    let number = '';
    it('files a box-error ticket from Toronto, the agent log uploaded through the paper clip', async () => {
      let seen = await activityCount();
      await say('box deployment failed in Toronto');
      let uploaded = false;
      for (let turn = 0; turn < 14; turn++) {
        const reply = await botReplies(seen);
        const filed = /Filed (INC-\d+)/.exec(await transcript());
        if (filed) {
          number = filed[1]!;
          break;
        }
        const question = reply.text;
        if (/Which cloud/.test(question)) await pick('AWS');
        else if (/Canada, right\?/.test(question)) await pick('Yes');
        else if (/How severe/.test(question)) await pick('3 Normal');
        else if (/What kind of problem/.test(question)) await pick('Box or deployment error');
        else if (/In one line/.test(question)) await say('Box deployment fails in Toronto');
        else if (/Describe what happens/.test(question)) await say('I deployed the web-frontend box from the portal and it stopped half way with an error.');
        else if (/Attach elasticbox-agent\.log/.test(question)) {
          // the widget's own file input, behind the paper clip: the file goes as soon as it is chosen
          await page.locator('input[type="file"]').setInputFiles({ name: 'elasticbox-agent.log', mimeType: 'text/plain', buffer: Buffer.from(AGENT_LOG) });
          await page.locator('.webchat__stacked-layout--from-user', { hasText: 'elasticbox-agent.log' }).waitFor({ timeout: 10_000 });
          uploaded = true;
        } else if (/Anything else support should see/.test(question)) await say('skip');
        else if (/File it\?/.test(question)) await pick('Yes');
        else throw new Error(`no answer for the bot's question:\n${question}`);
        seen = reply.count;
      }
      expect(uploaded).toBe(true);
      expect(number).toMatch(/^INC-\d+$/);
      const text = await transcript();
      expect(text).toContain('elasticbox-agent.log');
      await noHorizontalScroll();
      expect(isPng(await shot('2-ticket.png'))).toBe(true);

      const { json: ticket } = await agentCall(bot.url, TOKEN, `/api/tickets/${number}`);
      expect(ticket).toMatchObject({ region: 'canada', queue: 'canada', cloud: 'aws', category: 'box_error', severity: 3 });
      const evidence = ticket.evidence as { kind: string; fileName?: string; findings: string[] }[];
      expect(evidence).toEqual([expect.objectContaining({ kind: 'agent_log', fileName: 'elasticbox-agent.log' })]);
      expect(evidence[0]!.findings.join('\n')).toContain('Deployment of box web-frontend failed: install.sh exited with code 2');
    }, 120_000);

    it("shows the agent's acknowledgement in the open chat", async () => {
      expect(number).not.toBe('');
      const acknowledged = await agentCall(bot.url, TOKEN, `/api/tickets/${number}/actions`, { action: 'acknowledge', agent: 'Dana', version: 1 });
      expect(acknowledged.status).toBe(200);
      await bot.app.notifier.drain();
      await waitForTranscript(new RegExp(`Your ticket ${number} was acknowledged by support\\.`));
      await noHorizontalScroll();
      expect(isPng(await shot('3-proactive-update.png'))).toBe(true);
    }, 60_000);

    it('loaded nothing from another origin, broke no CSP rule and threw nothing', async () => {
      await traffic.settled();
      const origin = new URL(bot.url).origin;
      const foreign = traffic.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(origin.replace(/^http/, 'ws')) && !/^(?:data|blob):/.test(url));
      expect(foreign).toEqual([]);
      expect(traffic.problems).toEqual([]);
      expect(traffic.frames.length).toBeGreaterThan(0);
    });
  });

  it('says plainly in the page when no conversation can be started, and offers to try again', async () => {
    const bot = await startBot({}, knowledge);
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    try {
      const page = await context.newPage();
      let calls = 0;
      await page.route('**/api/directline/token', (route) => {
        calls++;
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable"}' });
      });
      await page.goto(`${bot.url}/webchat`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toMatch(/could not start.*503.*try again/is);
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.waitForFunction(() => document.querySelector('[role="alert"]:not([hidden])') !== null);
      expect(calls).toBe(2);
    } finally {
      await context.close();
      await bot.close();
    }
  });

  describe('with a Direct Line secret', () => {
    let fake: FakeDirectLineService;
    let bot: RunningBot;
    beforeAll(async () => {
      fake = await FakeDirectLineService.start(PLANTED_SECRET);
      bot = await startBot({ DIRECT_LINE_SECRET: PLANTED_SECRET, DIRECT_LINE_ENDPOINT: fake.url }, knowledge);
    });
    afterAll(async () => {
      await bot?.close();
      await fake?.close();
    });

    it('exchanges it for a token on the server, and the browser never sees it', async () => {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true });
      try {
        const page = await context.newPage();
        const traffic = watch(page);
        const token = page.waitForResponse((response) => response.url().endsWith('/api/directline/token'));
        await page.goto(`${bot.url}/webchat`);
        const answer = await token;
        expect(answer.status()).toBe(200);
        const body = (await answer.json()) as { token?: unknown };
        expect(body.token).toBe(fake.issued[0]);
        // the bot asked the Direct Line service with the secret, the browser only got the token
        expect(fake.calls.map((call) => call.headers.authorization)).toContain(`Bearer ${PLANTED_SECRET}`);
        await page.waitForLoadState('networkidle');
        await traffic.settled();
        const served = await fetch(`${bot.url}/webchat`);
        const source = await served.text();
        // the page talks to that Direct Line service, and its policy allows exactly that one more origin
        expect(source).toContain(`<meta name="directline-domain" content="${fake.url}/v3/directline">`);
        expect(served.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://${new URL(bot.url).host} wss://${new URL(bot.url).host} ${fake.url} ws://${new URL(fake.url).host} blob:;`);
        for (const seen of [source, await page.content(), ...traffic.bodies, ...traffic.frames]) expect(seen).not.toContain(PLANTED_SECRET);
        expect(traffic.bodies.length).toBeGreaterThanOrEqual(4);
        expect(traffic.requests.join('\n')).not.toContain(PLANTED_SECRET);
      } finally {
        await context.close();
      }
    });
  });
});

function isPng(path: string): boolean {
  if (!existsSync(path)) return false;
  const bytes = readFileSync(path);
  return bytes.length > 1000 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

