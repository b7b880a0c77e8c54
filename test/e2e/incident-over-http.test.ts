import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { agentCall, Customer, startBot, ticketNumberIn, type RunningBot } from '../support/bot-client.js';
import { FakeConnector } from '../support/fake-connector.js';

/**
 * The whole product over real HTTP on loopback: restify, CloudAdapter in local mode, the
 * dialogs, the bundled knowledge base, a real SQLite file, the agents' REST API and the outbox
 * delivering to a local stand-in for the Bot Connector. The customer types as customers do
 * and reads each reply to decide what to send next.
 */

const TOKEN = 'e2e-agent-token-0123456789abcdef';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const JWT_SIGNATURE = JWT.split('.')[2]!;
const PASSWORD = 'hunter2';
const LOG_TOKEN = 'abcd1234efgh5678ijkl';

const API_REQUEST = [
  'POST /services/instances HTTP/1.1',
  'Host: cam.example.com',
  `Authorization: Bearer ${JWT}`,
  'Content-Type: application/json',
  '',
  `{"name": "web-frontend", "provider": "azure", "accessKeyId": "${AWS_KEY}", "password": "${PASSWORD}"}`,
].join('\n');

const AGENT_LOG = [
  '2024-05-01 10:00:00,123 INFO Starting ElasticBox agent 5.2.1',
  `2024-05-01 10:00:00,456 INFO Connecting to https://cam.example.com with token=${LOG_TOKEN}`,
  '2024-05-01 10:00:01,000 INFO Downloading box scripts for web-frontend',
  '2024-05-01 10:00:05,789 ERROR Deployment of box web-frontend failed: install.sh exited with code 2',
  'Traceback (most recent call last):',
  '  File "/opt/elasticbox/agent/runner.py", line 212, in run_script',
  '    raise ScriptError(result.returncode)',
  'elasticbox.agent.ScriptError: exit code 2',
  '2024-05-01 10:00:06,000 INFO Retrying in 30 s',
  '2024-05-01 10:00:36,100 ERROR Could not reach instance i-0abc123 on port 22: connection timed out',
  '2024-05-01 10:00:37,000 INFO Agent stopped',
].join('\n');

/** How a customer answers each question the incident flow may ask; the evidence answers differ per scenario. */
const COMMON_ANSWERS: [RegExp, string][] = [
  [/Which cloud/, 'Azure'],
  [/right\?/, 'yes'],
  [/Which support region/, 'EMEA'],
  [/How severe/, '3'],
  [/In one line/, 'Deployment fails'],
  [/Describe what happens/, 'I deployed the box from the portal and it stopped half way with an error.'],
  [/file it anyway/, 'yes'],
  [/What came back\?/, 'HTTP/1.1 500 Internal Server Error\n\n{"message": "instance quota exceeded"}'],
  [/Which HTTP method and endpoint/, 'POST /services/instances'],
  [/Anything else support should see/, 'skip'],
  [/Attach elasticbox-agent\.log|Send the log again/, 'skip'],
  [/File it\?|Shall I try to file it again/, 'yes'],
];

describe('an incident over HTTP, from the first message to the agent', () => {
  let bot: RunningBot;
  let connector: FakeConnector;
  let knowledge: KnowledgeBase;
  let files: Server;
  let filesUrl: string;
  const customer = (): Customer => new Customer(bot.url, connector.url);

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    knowledge.warmUp();
    connector = await FakeConnector.start();
    bot = await startBot({ AGENT_API_TOKENS: TOKEN }, knowledge);
    // web chat's attachment store: serves the customer's log file over plain http on loopback
    files = createServer((req, res) => {
      // restify patches http.ServerResponse (its writeHead returns nothing), so no chaining here
      const found = req.url === '/attachments/elasticbox-agent.log';
      res.writeHead(found ? 200 : 404, { 'content-type': 'text/plain' });
      res.end(found ? AGENT_LOG : '');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await new Promise<void>((resolve) => (files ? files.close(() => resolve()) : resolve()));
  });

  it('files a critical Azure outage in London: the number first, secrets removed and said so', async () => {
    const alice = customer();
    const turns = await alice.converse(
      'Our Azure production VMs in London are all down, I need to open a critical ticket',
      [[/What kind of problem/, 'API call issue'], [/Paste the API request/, API_REQUEST], ...COMMON_ANSWERS],
      /Filed INC-/,
    );
    expect(turns[0]!.status).toBe(200);
    expect(turns[0]!.texts[0]).toContain('00800 72884743');

    const summary = turns.find((turn) => turn.all.includes('Here is the ticket I will file'))!;
    expect(summary.all).toMatch(/Removed before saving: .*1 bearer token.*1 AWS access key.*1 secret field/);
    for (const secret of [AWS_KEY, PASSWORD, JWT, JWT_SIGNATURE]) expect(JSON.stringify(turns.map((turn) => turn.activities))).not.toContain(secret);

    const number = ticketNumberIn(turns[turns.length - 1]!);
    const { status, json: ticket } = await agentCall(bot.url, TOKEN, `/api/tickets/${number}`);
    expect(status).toBe(200);
    expect(ticket).toMatchObject({ number, region: 'emea', severity: 1, cloud: 'azure', category: 'api_call', queue: 'emea', critical: true });
    const stored = JSON.stringify(ticket);
    for (const secret of [AWS_KEY, PASSWORD, JWT, JWT_SIGNATURE]) expect(stored).not.toContain(secret);
    expect(stored).toContain('[REDACTED:aws-access-key]');
  });

  it('reads a box error log from Toronto attached as a web chat file, keeping its errors and not its token', async () => {
    const bob = customer();
    const attachment = { contentType: 'text/plain', name: 'elasticbox-agent.log', contentUrl: `${filesUrl}/attachments/elasticbox-agent.log` };
    const turns = await bob.converse(
      'box deployment failed in Toronto this morning, the instance never came up',
      [[/Attach elasticbox-agent\.log/, { text: '', attachments: [attachment] }], ...COMMON_ANSWERS.filter(([question]) => !/Which cloud/.test(question.source)), [/Which cloud/, 'AWS']],
      /Filed INC-/,
    );
    expect(turns.some((turn) => turn.all.includes("You're in Canada, right?"))).toBe(true);
    const number = ticketNumberIn(turns[turns.length - 1]!);
    const { json: ticket } = await agentCall(bot.url, TOKEN, `/api/tickets/${number}`);
    expect(ticket).toMatchObject({ region: 'canada', queue: 'canada', cloud: 'aws', category: 'box_error' });
    const evidence = ticket.evidence as { kind: string; fileName?: string; findings: string[] }[];
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ kind: 'agent_log', fileName: 'elasticbox-agent.log' });
    const findings = evidence[0]!.findings.join('\n');
    expect(findings).toContain('Deployment of box web-frontend failed: install.sh exited with code 2');
    expect(findings).toContain('Could not reach instance i-0abc123 on port 22');
    expect(JSON.stringify(ticket)).not.toContain(LOG_TOKEN);
  });

  it('files once when the channel redelivers the confirmation with the same activity id', async () => {
    const carol = customer();
    const turns = await carol.converse('box deployment failed in Frankfurt and the agent log is full of errors', COMMON_ANSWERS.filter(([q]) => !/File it/.test(q.source)), /File it\?/);
    expect(turns[turns.length - 1]!.last).toContain('File it?');

    const first = await carol.send('yes', 'confirm-once');
    const number = ticketNumberIn(first);
    // the redelivery gets the answer the first delivery got, and the bot does not take the turn again
    const again = await carol.send('yes', 'confirm-once');
    expect(again.status).toBe(200);
    expect(again.all).toBe(first.all);
    expect(ticketNumberIn(again)).toBe(number);

    // the same draft again, confirmed by a new activity: the ticket already filed is named
    const resent = await carol.converse('box deployment failed in Frankfurt and the agent log is full of errors', COMMON_ANSWERS, /already filed|Filed INC-/);
    expect(resent[resent.length - 1]!.all).toContain(`That was already filed as ${number}.`);

    const { json } = await agentCall(bot.url, TOKEN, '/api/tickets?limit=200');
    const mine = (json.tickets as { number: string; customer: { conversation: { conversationId: string } } }[]).filter((ticket) => ticket.customer.conversation.conversationId === carol.conversationId);
    expect(mine.map((ticket) => ticket.number)).toEqual([number]);
  });

  it('tells the customer in their conversation when an agent acknowledges, and refuses a stale version', async () => {
    const dave = customer();
    const turns = await dave.converse('box deployment failed in Frankfurt, the agent log shows errors', COMMON_ANSWERS, /Filed INC-/);
    const number = ticketNumberIn(turns[turns.length - 1]!);

    const acknowledged = await agentCall(bot.url, TOKEN, `/api/tickets/${number}/actions`, { action: 'acknowledge', agent: 'Dana', version: 1 });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.json).toMatchObject({ number, status: 'acknowledged', version: 2 });

    await bot.app.notifier.drain();
    const notice = await connector.waitFor((call) => call.method === 'POST' && call.conversationId === dave.conversationId && /\/activities$/.test(call.path));
    expect(notice.path).toBe(`/v3/conversations/${encodeURIComponent(dave.conversationId)}/activities`);
    expect((notice.body as { text?: string }).text).toBe(`Your ticket ${number} was acknowledged by support.`);

    const stale = await agentCall(bot.url, TOKEN, `/api/tickets/${number}/actions`, { action: 'acknowledge', agent: 'Dana', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'version_conflict', currentVersion: 2 });
  });

  describe('with the database down', () => {
    let down: RunningBot;
    beforeAll(async () => {
      down = await startBot({ AGENT_API_TOKENS: TOKEN }, knowledge);
      await down.db.close();
    });
    afterAll(() => down?.close());

    it('still answers questions and says plainly that tickets cannot be filed now', async () => {
      const erin = new Customer(down.url, connector.url);
      const question = await erin.send('who do I call in Singapore for an outage?');
      expect(question.status).toBe(200);
      expect(question.all).toContain('+65 6768 8099');

      const ticket = await erin.send('open a ticket');
      expect(ticket.status).toBe(200);
      expect(ticket.all).toMatch(/cannot file or continue a ticket/);
      expect(ticket.all).not.toMatch(/Error|stack|at .*\.js|database|not open|SQLITE/i);
    });
  });
});
