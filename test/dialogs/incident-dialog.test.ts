import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { SupportBot } from '../../bot/support-bot.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { TRANSCRIPT_TURNS, TranscriptRecorder } from '../../dialogs/transcript.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import type { DownloadPolicy } from '../../tickets/evidence/download.js';
import type { Ticket, TicketDraft } from '../../tickets/model.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { TicketService } from '../../tickets/service.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import { TranscriptLog } from '../../tickets/transcript-log.js';

/** Everything a reply shows: its text, its cards' content and its buttons. */
function visible(activity: Partial<Activity>): string {
  const cards = (activity.attachments ?? []).map((attachment) => JSON.stringify(attachment.content));
  const buttons = (activity.suggestedActions?.actions ?? []).map((action) => `[${action.title}]`);
  return [activity.text ?? '', ...cards, ...buttons].join('\n');
}

/** A reply check: the reply shows every fragment. */
const says =
  (...fragments: (string | RegExp)[]) =>
  (activity: Partial<Activity>): void => {
    for (const fragment of fragments) {
      if (typeof fragment === 'string') expect(visible(activity)).toContain(fragment);
      else expect(visible(activity)).toMatch(fragment);
    }
  };

const SECRETS = ['AKIAIOSFODNN7EXAMPLE', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw', 'hunter2'];
const API_REQUEST = [
  'POST https://api.example.com/services/instances HTTP/1.1',
  `Authorization: Bearer ${SECRETS[1]}`,
  'Content-Type: application/json',
  '',
  `{"name": "web", "accessKey": "${SECRETS[0]}", "password": "${SECRETS[2]}"}`,
].join('\n');

const LOG_TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const logText = (box: string): string =>
  [
    '2024-05-01 10:00:00,123 INFO Starting agent',
    `2024-05-01 10:00:01,456 ERROR Deployment of box ${box} failed: exit code 2`,
    `2024-05-01 10:00:02,000 INFO Retrying with token=${LOG_TOKEN}`,
    `2024-05-01 10:00:03,000 ERROR Could not reach instance ${box}-1`,
  ].join('\n');

/** The replies the test did not assert, oldest first. */
function drainReplies(adapter: TestAdapter): Partial<Activity>[] {
  const replies: Partial<Activity>[] = [];
  for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) replies.push(reply);
  return replies;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('IncidentDialog transcripts', () => {
  let knowledge: KnowledgeBase;
  let dataDir: string;
  let db: SqliteDatabase;
  let tickets: TicketService;
  let memory: Record<string, unknown>;
  let storage: MemoryStorage;
  let transcripts: TranscriptLog;
  let logServer: Server;
  let logUrl: string;
  let logRequests: IncomingHttpHeaders[];

  const policy = (): DownloadPolicy => ({ maxBytes: 1024 * 1024, timeoutMs: 5000, allowedHosts: [], allowLoopback: true });

  const makeAdapter = (): TestAdapter => {
    const conversationState = new ConversationState(storage);
    const transcript = new TranscriptRecorder(transcripts);
    const dialog = new MainDialog({
      knowledge,
      tickets,
      transcript,
      download: policy(),
      maxEvidenceBytes: 1024 * 1024,
      attachmentHeaders: async () => ({ authorization: 'Bearer bot-token-for-the-connector' }),
    });
    const bot = new SupportBot(conversationState, dialog);
    return new TestAdapter(async (context) => bot.run(context)).use(transcript);
  };

  const stored = async (): Promise<Ticket[]> => (await db.tickets.list({ limit: 50 })).tickets;

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    // loads the word list the spelling corrector uses, so no turn waits for it (replies are awaited 3 s at most)
    knowledge.warmUp();
    logServer = createServer((request, response) => {
      logRequests.push(request.headers);
      // restify, loaded by other suites in the same worker, patches writeHead to return nothing: no chaining
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(logText('served'));
    });
    await new Promise<void>((resolve) => logServer.listen(0, '127.0.0.1', resolve));
    logUrl = `http://127.0.0.1:${(logServer.address() as AddressInfo).port}/agent.log`;
  });
  afterAll(() => new Promise<void>((resolve) => logServer.close(() => resolve())));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'incident-dialog-'));
    db = openSqliteDatabase(join(dataDir, 'support.db'));
    tickets = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING });
    memory = {};
    storage = new MemoryStorage(memory as Record<string, string>);
    transcripts = new TranscriptLog(db.transcripts, { keep: TRANSCRIPT_TURNS });
    logRequests = [];
  });
  afterEach(async () => {
    await transcripts.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files a critical Azure outage in EMEA, giving the phone number first and keeping no secret', async () => {
    await makeAdapter()
      .send('Our Azure production VMs in London are all down, I need to open a critical ticket')
      .assertReply(says('critical outage', 'Call 00800 72884743 now for EMEA', 'Source: ', 'partner-cloud-integration-azure-support.md'))
      .assertReply(says("You're in EMEA, right?", '[Yes]', '[No]'))
      .send('yes')
      .assertReply(says('What kind of problem', '[API call issue]', '[Box or deployment error]'))
      .send('API call issue')
      .assertReply(says('Paste the API request'))
      .send(API_REQUEST)
      .assertReply(says('What came back?'))
      .send('HTTP/1.1 500 Internal Server Error\n\n{"message": "instance quota exceeded"}')
      .assertReply((activity) => {
        says('Azure', 'EMEA', 'Severity', '1 (Critical)', 'Our Azure production VMs in London are all down', 'POST /services/instances')(activity);
        expect(activity.text).toContain('Removed before saving: 1 bearer token, 1 AWS access key, 1 secret field');
        expect(activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
        for (const secret of SECRETS) expect(visible(activity)).not.toContain(secret);
      })
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says('Filed INC-000001 (severity 1, EMEA queue).'))
      .startTest();

    const [ticket, ...others] = await stored();
    expect(others).toHaveLength(0);
    expect(ticket).toMatchObject({ number: 'INC-000001', region: 'emea', severity: 1, cloud: 'azure', category: 'api_call', queue: 'emea', critical: true });
    expect(ticket!.evidence.map((item) => item.kind)).toEqual(['request_body', 'text']);
    expect(ticket!.evidence[1]!.findings.join('\n')).toContain('500');
    expect(ticket!.customer).toMatchObject({ channel: 'test', userId: 'user1', conversation: { conversationId: 'Convo1', botId: 'bot' } });
    expect(ticket!.transcript[0]).toMatchObject({ from: 'customer', text: 'Our Azure production VMs in London are all down, I need to open a critical ticket' });
    expect(ticket!.transcript[1]).toMatchObject({ from: 'bot', text: expect.stringContaining('00800 72884743') });
    expect(ticket!.transcript.some((turn) => turn.from === 'customer' && turn.text.includes('[REDACTED:aws-access-key]'))).toBe(true);
    // dialog state and the transcript are persisted too
    await transcripts.flush();
    const storedTranscript = await db.transcripts.recent('test/conversations/Convo1', 100);
    expect(storedTranscript.length).toBeGreaterThanOrEqual(4);
    for (const secret of SECRETS) {
      expect(JSON.stringify(ticket)).not.toContain(secret);
      expect(JSON.stringify(memory)).not.toContain(secret);
      expect(JSON.stringify(storedTranscript)).not.toContain(secret);
    }
  });

  it('gives every region\'s outage number at once when a critical outage names no place, then the chosen one', async () => {
    await makeAdapter()
      .send('production is down and nobody can log in')
      .assertReply(says('critical outage', '1-888-638-6771', '1-866-296-5335', '00800 72884743', '+65 6768 8099', 'Source: '))
      .assertReply(says('Which cloud'))
      .send('Azure')
      .assertReply(says('Which support region'))
      .send('canda')
      .assertReply('For Canada the critical-outage number is 1-866-296-5335.')
      .assertReply(says('Anything else support should see'))
      .send('stop')
      .assertReply('Cancelled, nothing was filed.')
      .startTest();
  });

  it('reads agent logs from Toronto as inline content, a data: URL and a Teams file on a local server', async () => {
    await makeAdapter()
      .send('box deployment failed in Toronto this morning, the instance never came up')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud', '[AWS]'))
      .send('AWS')
      .assertReply(says("You're in Canada, right?"))
      .send('yep')
      .assertReply(says('/var/log/elasticbox/elasticbox-agent.log', 'C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent.log'))
      .assertReply(says('Attach elasticbox-agent.log'))
      .send({
        text: 'here are the logs',
        attachments: [
          { contentType: 'text/plain', name: 'inline-agent.log', content: logText('inline') },
          { contentType: 'text/plain', name: 'data-agent.log', contentUrl: `data:text/plain;base64,${Buffer.from(logText('data')).toString('base64')}` },
          { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'elasticbox-agent.log', content: { downloadUrl: logUrl, fileType: 'log' } },
        ],
      })
      .assertReply(says('Canada', 'AWS', 'Box or deployment error', 'Deployment of box inline failed', 'Removed before saving: 3 secret fields'))
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says('Filed INC-000001 (severity 3, Canada queue).'))
      .startTest();

    const [ticket] = await stored();
    expect(ticket).toMatchObject({ region: 'canada', cloud: 'aws', category: 'box_error', severity: 3, queue: 'canada' });
    expect(ticket!.evidence.map((item) => [item.kind, item.fileName])).toEqual([
      ['agent_log', 'inline-agent.log'],
      ['agent_log', 'data-agent.log'],
      ['agent_log', 'elasticbox-agent.log'],
    ]);
    for (const [index, box] of ['inline', 'data', 'served'].entries()) {
      const evidence = ticket!.evidence[index]!;
      expect(evidence.findings.join('\n')).toContain(`Deployment of box ${box} failed`);
      expect(evidence.findings.join('\n')).toContain(`Could not reach instance ${box}-1`);
      expect(evidence.content).toContain('[REDACTED:');
      expect(evidence.redactions).toEqual({ 'secret-field': 1 });
    }
    expect(JSON.stringify(ticket)).not.toContain(LOG_TOKEN);
    // a Teams download URL carries its own token: the connector's header must not go with it
    expect(logRequests).toHaveLength(1);
    expect(logRequests[0]!.authorization).toBeUndefined();
  });

  it('points at the line and column of malformed JSON and accepts the fixed request', async () => {
    await makeAdapter()
      .send('my API call returns 400 when I create an instance')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send('azure')
      .assertReply(says('Which support region', '[US]', '[Canada]', '[EMEA]', '[Asia Pacific]'))
      .send('EMEA')
      .assertReply(says('Paste the API request'))
      .send('{"name": "web",\n  "size": 2,,\n  "region": "eu"\n}')
      .assertReply(says('line 2, column 13', 'Expected double-quoted property name', '"size": 2,,\n            ^', 'type **skip**'))
      .assertReply(says('Paste the corrected request'))
      .send('{"name": "web",\n  "size": 2,\n  "region": "eu"\n}')
      .assertReply(says('Which HTTP method and endpoint'))
      .send('POST /services/instances')
      .assertReply(says('What came back?'))
      .send('skip')
      .assertReply(says('Called: POST /services/instances', 'JSON body with 3 fields'))
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says('Filed INC-000001 (severity 3, EMEA queue).'))
      .startTest();

    const [ticket] = await stored();
    expect(ticket!.evidence).toHaveLength(1);
    expect(ticket!.evidence[0]).toMatchObject({ kind: 'request_body', content: '{"name": "web",\n  "size": 2,\n  "region": "eu"\n}' });
  });

  it('reads the cloud in the first message as it reads a typed answer: Microsoft Teams is not Azure, MS cloud is', async () => {
    await makeAdapter()
      .send('From Microsoft Teams: box deployment failed in Frankfurt')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send('our MS cloud')
      .assertReply(says("You're in EMEA, right?"))
      .send('stop')
      .assertReply('Cancelled, nothing was filed.')
      .startTest();
    await makeAdapter()
      .send('Our MS cloud boxes fail to deploy in Frankfurt')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says("You're in EMEA, right?"))
      .send('stop')
      .assertReply('Cancelled, nothing was filed.')
      .startTest();
  });

  it('refuses a binary attachment with a clear message and lets the customer skip', async () => {
    await makeAdapter()
      .send('box deployment failed in Frankfurt')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send('Azure')
      .assertReply(says("You're in EMEA, right?"))
      .send('yes')
      .assertReply(says('Describe what happens'))
      .send('The deployment of our web box stops half way with an error in the portal.')
      .assertReply(says('elasticbox-agent.log'))
      .assertReply(says('Attach elasticbox-agent.log'))
      .send({ text: 'screenshot', attachments: [{ contentType: 'image/png', name: 'screen.png', contentUrl: `data:image/png;base64,${PNG.toString('base64')}` }] })
      .assertReply(says('screen.png', 'That file looks binary (a PNG image)', 'elasticbox-agent.log'))
      .assertReply(says('Send the log again'))
      .send('skip')
      .assertReply(says('box deployment failed in Frankfurt'))
      .assertReply(says('File it?'))
      .send('no')
      .assertReply('Nothing was filed.')
      .startTest();
    expect(await stored()).toHaveLength(0);
  });

  it.each([
    ['the cloud question', ['open a ticket'], 'Which cloud', 'cancel'],
    ['the region confirmation', ['box deployment failed in Frankfurt', 'aws'], "You're in EMEA, right?", 'never mind'],
    ['the agent log', ['box deployment failed in Frankfurt and the agent log is full of errors', 'aws', 'yes'], 'Attach elasticbox-agent.log', 'stop'],
    ['the final confirmation', ['box deployment failed in Frankfurt and the agent log is full of errors', 'aws', 'yes', 'skip'], 'File it?', 'Quit'],
  ])('cancels at %s and handles the next message as a new turn', async (_step, messages, lastPrompt, cancel) => {
    const adapter = makeAdapter();
    for (const message of messages) await adapter.send(message).startTest();
    // the replies on the way are checked by the other tests; here, that the cancel comes at that prompt
    const replies = drainReplies(adapter);
    expect(visible(replies[replies.length - 1]!)).toContain(lastPrompt);
    await adapter
      .send(cancel)
      .assertReply('Cancelled, nothing was filed.')
      .send('who do I call in Frankfurt for an outage?')
      .assertReply(says('00800 72884743'))
      .startTest();
    expect(await stored()).toHaveLength(0);
  });

  it('names Patching and Managed Services for out-of-scope work and files nothing when told no', async () => {
    await makeAdapter()
      .send('I need to open a ticket: we need you to patch our Azure VMs monthly')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which support region'))
      .send('europe')
      .assertReply(says('How severe', 'Critical: production is down', '[2 High]'))
      .send('4')
      .assertReply(says('What kind of problem'))
      .send('Other')
      .assertReply(says('**Patching** is outside platform-level support', 'Managed Services'))
      .assertReply(says('file it anyway'))
      .send('no')
      .assertReply(says('nothing was filed'))
      .startTest();
    expect(await stored()).toHaveLength(0);
  });

  it('files out-of-scope work anyway when the customer says yes, and records that', async () => {
    await makeAdapter()
      .send('I need to open a ticket: we need you to patch our Azure VMs monthly')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which support region'))
      .send('EMEA')
      .assertReply(says('How severe'))
      .send('4 Low')
      .assertReply(says('What kind of problem'))
      .send('other')
      .assertReply(says('Patching'))
      .assertReply(says('file it anyway'))
      .send('yes')
      .assertReply(says('Anything else support should see'))
      .send('skip')
      .assertReply(says('outside platform-level support (Patching), filed anyway'))
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says('Filed INC-000001 (severity 4, EMEA queue).'))
      .startTest();
    const [ticket] = await stored();
    expect(ticket!.scope).toEqual({ verdict: 'out', item: 'Patching', filedAnyway: true });
  });

  it.each([
    ['amazon', 'europe', 'sev 2', { cloud: 'aws', region: 'emea', severity: 2 }, 'EMEA'],
    ['aws', 'apac', 'high', { cloud: 'aws', region: 'apac', severity: 2 }, 'Asia Pacific'],
    ['Azure', 'US', '2 High', { cloud: 'azure', region: 'us', severity: 2 }, 'US'],
    ['microsoft', 'Frankfurt', '3', { cloud: 'azure', region: 'emea', severity: 3 }, 'EMEA'],
    ['Other', 'canda', 'critical', { cloud: 'other', region: 'canada', severity: 1 }, 'Canada'],
  ] as const)('accepts typed answers and buttons: %p, %p, %p', async (cloud, region, severity, expected, queue) => {
    let flow = makeAdapter()
      .send('our users get access denied in the portal')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send(cloud)
      .assertReply(says('Which support region'))
      .send(region)
      .assertReply(says('How severe'))
      .send(severity);
    if (expected.severity === 1) flow = flow.assertReply(says('critical outage', 'Call 1-866-296-5335 now for Canada'));
    await flow
      .assertReply(says('Anything else support should see'))
      .send('Users see "Access denied" after signing in with SSO.')
      .assertReply(says('Portal access or users', `${expected.severity} (`))
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says(`Filed INC-000001 (severity ${expected.severity}, ${queue} queue).`))
      .startTest();
    const [ticket] = await stored();
    expect(ticket).toMatchObject({ ...expected, category: 'portal_access' });
    expect(ticket!.evidence).toEqual([{ kind: 'text', content: 'Users see "Access denied" after signing in with SSO.', findings: [], redactions: {} }]);
  });

  it('files once when the confirmation is redelivered, and names the same ticket when the draft is resent', async () => {
    const adapter = makeAdapter();
    await adapter
      .send('box deployment failed in Frankfurt and the agent log is full of errors')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send('azure')
      .assertReply(says("You're in EMEA, right?"))
      .send('yes')
      .assertReply(says('elasticbox-agent.log'))
      .assertReply(says('Attach elasticbox-agent.log'))
      .send('skip')
      .assertReply(says('Here is the ticket'))
      .assertReply(says('File it?'))
      .startTest();
    // the state as it was before the confirmation, as after a crash that lost the turn's save
    const beforeConfirm = structuredClone(memory);
    const restore = (): void => {
      for (const key of Object.keys(memory)) delete memory[key];
      Object.assign(memory, structuredClone(beforeConfirm));
    };
    const confirm = (id: string): Partial<Activity> => ({ type: 'message', text: 'yes', id });

    await adapter.send(confirm('confirm-1')).assertReply(says('Filed INC-000001')).startTest();
    restore();
    await adapter.send(confirm('confirm-1')).assertReply('That was already filed as INC-000001. Type **status of INC-000001** to see where it is.').startTest();
    restore();
    await adapter.send(confirm('confirm-2')).assertReply(says('already filed as INC-000001')).startTest();
    expect(await stored()).toHaveLength(1);
  });

  it('resumes from storage with a new bot instance mid-conversation', async () => {
    await makeAdapter()
      .send('box deployment failed in Toronto this morning, the instance never came up')
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .startTest();
    // a restart: new state, dialog and bot objects; only the storage is shared
    await makeAdapter()
      .send('azure')
      .assertReply(says("You're in Canada, right?"))
      .startTest();
    await makeAdapter()
      .send('yes')
      .assertReply(says('elasticbox-agent.log'))
      .assertReply(says('Attach elasticbox-agent.log'))
      .send('skip')
      .assertReply(says('Azure', 'Canada'))
      .assertReply(says('File it?'))
      .send('yes')
      .assertReply(says('Filed INC-000001 (severity 3, Canada queue).'))
      .startTest();
    expect(await stored()).toHaveLength(1);
  });

  it('keeps the last 20 turns in the transcript, redacted and cut to 500 characters', async () => {
    const recorder = new TranscriptRecorder(transcripts);
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(`echo ${context.activity.text ?? ''}`);
    }).use(recorder);
    for (let turn = 1; turn <= 12; turn++) await adapter.send(`message ${turn} password=hunter2 ${'x'.repeat(600)}`).startTest();
    let recent: Awaited<ReturnType<TranscriptRecorder['recent']>> = [];
    await new TestAdapter(async (context) => {
      recent = await recorder.recent(context);
    }).send('done').startTest();
    expect(recent).toHaveLength(20);
    expect(recent[0]).toMatchObject({ from: 'customer', text: expect.stringMatching(/^message 3 /) });
    expect(recent[recent.length - 1]).toMatchObject({ from: 'bot', text: expect.stringMatching(/^echo message 12 /) });
    for (const turn of recent) {
      expect(turn.text.length).toBeLessThanOrEqual(500);
      expect(turn.text).not.toContain('hunter2');
    }
  });

  it("shows only the customer's own tickets", async () => {
    const draft = (userId: string, summary: string): TicketDraft => ({
      severity: 3,
      region: 'emea',
      cloud: 'azure',
      category: 'box_error',
      summary,
      description: summary,
      scope: { verdict: 'unknown' },
      evidence: [],
      customer: { channel: 'test', userId, conversation: { channelId: 'test', serviceUrl: 'https://test.com', conversationId: 'Convo1' } },
      transcript: [],
    });
    await tickets.open(draft('user1', 'Deployment of web box fails'), { activityKey: 'seed-1' });
    await tickets.open(draft('someone-else', 'Billing page is blank'), { activityKey: 'seed-2' });
    const other = { id: 'someone-else', name: 'Other customer' };

    await makeAdapter()
      .send('my tickets')
      .assertReply((activity) => {
        says('INC-000001', 'severity 3', 'new', 'Deployment of web box fails')(activity);
        expect(visible(activity)).not.toContain('INC-000002');
        expect(visible(activity)).not.toContain('Billing page');
      })
      .send("what's the status of my ticket 1")
      .assertReply(says('INC-000001', 'EMEA queue', 'is **new**', 'opened'))
      .send({ type: 'message', text: 'status of INC-000001', from: other })
      .assertReply(says("I can't find a ticket INC-000001 of yours"))
      .send({ type: 'message', text: 'show my tickets', from: other })
      .assertReply((activity) => {
        says('INC-000002', 'Billing page is blank')(activity);
        expect(visible(activity)).not.toContain('INC-000001');
      })
      .startTest();
  });

  it('asks to confirm the region the client locale suggests when the text names none', async () => {
    await makeAdapter()
      .send({ type: 'message', text: 'box deployment failed', locale: 'en-CA' })
      .assertReply(says("Let's file a ticket"))
      .assertReply(says('Which cloud'))
      .send({ type: 'message', text: 'azure', locale: 'en-CA' })
      .assertReply(says('Canada, right?'))
      .send({ type: 'message', text: 'no', locale: 'en-CA' })
      .assertReply(says('Which support region'))
      .send({ type: 'message', text: 'US', locale: 'en-CA' })
      .assertReply(says('Describe what happens'))
      .send('cancel')
      .assertReply('Cancelled, nothing was filed.')
      .startTest();
  });
});
