import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Durability: the real bot process (`node dist/bot/main.js`, SQLite in DATA_DIR) is killed with
 * SIGKILL while a burst of customers confirm their tickets, then started again. Every filing
 * the bot confirmed is there, and redelivering the confirmations that got no answer (as a
 * channel does) files each of those once: in the end one ticket per customer, none twice.
 */

const CUSTOMERS = 24;
const TOKEN = 'durability-test-agent-token';
const run = spawnSync('npm', ['run', 'build', '--silent'], { encoding: 'utf8' });

let dataDir: string;
let port: number;
let bot: ChildProcess | null = null;

interface Reply {
  text: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: found } = probe.address() as { port: number };
      probe.close(() => resolve(found));
    });
  });
}

async function startBot(): Promise<void> {
  bot = spawn(process.execPath, ['dist/bot/main.js'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', AGENT_API_TOKENS: TOKEN, MicrosoftAppId: '', OUTBOX_POLL_MS: '60000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not become ready');
}

async function killBot(): Promise<void> {
  const child = bot;
  bot = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** One message; the bot's replies as text (cards by their fallback text), or null when the connection died. */
async function say(customer: number, activityId: string, text: string): Promise<Reply[] | null> {
  const activity = {
    type: 'message',
    id: activityId,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `customer-${customer}`, name: `Customer ${customer}` },
    recipient: { id: 'bot', name: 'Support Bot' },
    conversation: { id: `durability-${customer}` },
    deliveryMode: 'expectReplies',
    text,
  };
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    if (!response.ok) return null;
    const body = (await response.json()) as { activities?: { text?: string; attachments?: { content?: { fallbackText?: string } }[] }[] };
    return (body.activities ?? []).map((a) => ({ text: [a.text ?? '', ...(a.attachments ?? []).map((at) => at.content?.fallbackText ?? '')].join('\n') }));
  } catch {
    return null;
  }
}

/** What a customer types to the bot's last question, up to the final "File it?". */
function answerTo(question: string): string {
  if (/right\?/.test(question)) return 'yes';
  if (/how severe/i.test(question)) return '3';
  if (/which cloud/i.test(question)) return 'aws';
  if (/what kind of problem/i.test(question)) return 'box or deployment error';
  if (/in one line/i.test(question)) return 'Box deployment fails at the configure step';
  if (/describe what happens/i.test(question)) return 'Deploying the box stops at the configure step with exit code 1 since this morning.';
  if (/skip/i.test(question)) return 'skip';
  throw new Error(`no answer for: ${question}`);
}

/** Drives one customer's incident up to the confirmation question. */
async function draftIncident(customer: number): Promise<void> {
  let replies = await say(customer, `c${customer}-m0`, `Our AWS box deployment failed in Toronto for workspace ${customer}`);
  for (let turn = 1; turn < 15; turn++) {
    const last = replies?.at(-1)?.text ?? '';
    if (/File it\?/.test(last)) return;
    replies = await say(customer, `c${customer}-m${turn}`, answerTo(last));
  }
  throw new Error(`customer ${customer} never reached the confirmation`);
}

const confirmationId = (customer: number): string => `c${customer}-confirm`;
const numberIn = (replies: Reply[] | null): string | null => replies?.map((r) => r.text.match(/INC-\d{6,}/)?.[0]).find(Boolean) ?? null;

async function agentTickets(): Promise<{ number: string; customer: { userId: string } }[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/tickets?limit=200`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { tickets: { number: string; customer: { userId: string } }[] }).tickets;
}

beforeAll(async () => {
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
  dataDir = mkdtempSync(join(tmpdir(), 'durability-'));
  port = await freePort();
  await startBot();
}, 60_000);

afterAll(async () => {
  await killBot();
  rmSync(dataDir, { recursive: true, force: true });
});

test('SIGKILL during a burst of filings: every confirmed ticket survives, none is filed twice', async () => {
  for (let customer = 0; customer < CUSTOMERS; customer++) await draftIncident(customer);

  // the burst: every customer confirms at once; the process is killed once a few are answered
  const confirmed = new Map<number, string>();
  let answered = 0;
  let killing: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, customer) => {
      const number = numberIn(await say(customer, confirmationId(customer), 'yes'));
      if (number) confirmed.set(customer, number);
      if (++answered === 4) killing = killBot();
    }),
  );
  await killing;
  expect(confirmed.size).toBeGreaterThanOrEqual(4);
  expect(confirmed.size).toBeLessThan(CUSTOMERS);

  await startBot();
  const afterRestart = await agentTickets();
  for (const [customer, number] of confirmed) {
    expect(afterRestart.find((ticket) => ticket.number === number)?.customer.userId).toBe(`customer-${customer}`);
  }

  // the channel redelivers what got no answer, with the same activity ids
  for (let customer = 0; customer < CUSTOMERS; customer++) {
    if (confirmed.has(customer)) continue;
    const number = numberIn(await say(customer, confirmationId(customer), 'yes'));
    expect(number).not.toBeNull();
  }
  // and one confirmation that did get its answer is redelivered too: the same answer, nothing new filed
  const [again, itsNumber] = [...confirmed][0]!;
  expect(numberIn(await say(again, confirmationId(again), 'yes'))).toBe(itsNumber);

  const final = await agentTickets();
  const perCustomer = new Map<string, number>();
  for (const ticket of final) perCustomer.set(ticket.customer.userId, (perCustomer.get(ticket.customer.userId) ?? 0) + 1);
  expect(final).toHaveLength(CUSTOMERS);
  expect([...perCustomer.values()].every((count) => count === 1)).toBe(true);
}, 180_000);
