import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { SupportBot } from '../../bot/support-bot.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { classify } from '../../dialogs/routes.js';
import { TRANSCRIPT_TURNS, TranscriptRecorder } from '../../dialogs/transcript.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { TicketService } from '../../tickets/service.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import { TranscriptLog } from '../../tickets/transcript-log.js';

/** Everything a reply shows a user: text, card strings and suggested actions. */
function shown(activity: Partial<Activity>): string {
  return JSON.stringify([activity.text ?? '', activity.attachments ?? [], activity.suggestedActions ?? {}]);
}

describe('MainDialog transcripts', () => {
  let knowledge: KnowledgeBase;
  let storage: MemoryStorage;
  let transcripts: TranscriptLog;
  let dataDir: string;
  let db: SqliteDatabase;
  let tickets: TicketService;

  const makeAdapter = (): TestAdapter => {
    const conversationState = new ConversationState(storage);
    const transcript = new TranscriptRecorder(transcripts);
    const download = { maxBytes: 1024 * 1024, timeoutMs: 5000, allowedHosts: [], allowLoopback: false };
    const bot = new SupportBot(conversationState, new MainDialog({ knowledge, tickets, transcript, download, maxEvidenceBytes: 1024 * 1024 }));
    return new TestAdapter(async (context) => bot.run(context)).use(transcript);
  };

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    dataDir = mkdtempSync(join(tmpdir(), 'main-dialog-'));
    db = openSqliteDatabase(join(dataDir, 'support.db'));
    tickets = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    storage = new MemoryStorage();
    transcripts = new TranscriptLog(db.transcripts, { keep: TRANSCRIPT_TURNS });
  });
  afterEach(() => transcripts.close());

  it('answers a question outside an incident without writing conversation state, and starts an incident with a write', async () => {
    const writes: string[][] = [];
    const write = storage.write.bind(storage);
    storage.write = async (changes) => {
      writes.push(Object.keys(changes));
      return write(changes);
    };
    await makeAdapter()
      .send('is patching covered for azure?')
      .assertReply((activity) => expect(shown(activity)).toContain('outside the scope'))
      .send('help')
      .assertReply((activity) => expect(shown(activity)).toContain('What I can do'))
      .startTest();
    expect(writes).toEqual([]);

    await makeAdapter()
      .send('open a ticket')
      .assertReply(() => undefined)
      .startTest();
    expect(writes.length).toBeGreaterThan(0);
    const saved = (await storage.read(writes[0]!))[writes[0]![0]!] as { dialogState?: { dialogStack: unknown[] } };
    expect(saved.dialogState?.dialogStack.length).toBeGreaterThan(0);
  });

  it.each([
    ['who do i call in toronto, our vms are down', '1-866-296-5335'],
    ['is pathcing covered for azrue?', 'outside the scope'],
    ['where is the agent log on windows', 'C:\\\\ProgramData\\\\ElasticBox\\\\Logs\\\\elasticbox-agent.log'],
    ['help', 'What I can do'],
    ['hello', 'Ask me a support question'],
  ])('answers %p with %p', async (question, expected) => {
    await makeAdapter()
      .send(question)
      .assertReply((activity) => expect(shown(activity)).toContain(expected))
      .startTest();
  });

  it.each([['open a ticket'], ['Open a ticket'], ['talk to a person']])('starts filing a ticket on %p, asking for the cloud first', async (request) => {
    await makeAdapter()
      .send(request)
      .assertReply((activity) => expect(shown(activity)).toContain("Let's file a ticket"))
      .assertReply((activity) => {
        expect(activity.text).toContain('Which cloud');
        expect(activity.suggestedActions?.actions.map((action) => action.title)).toEqual(['Azure', 'AWS', 'Other']);
      })
      .send('cancel')
      .assertReply('Cancelled, nothing was filed.')
      .send('help')
      .assertReply((activity) => expect(shown(activity)).toContain('What I can do'))
      .startTest();
  });

  it('answers "my tickets" with none filed yet', async () => {
    await makeAdapter()
      .send('my tickets')
      .assertReply((activity) => expect(shown(activity)).toContain('no tickets'))
      .startTest();
  });

  it('asks for a question when the message is empty', async () => {
    await makeAdapter()
      .send('   ')
      .assertReply((activity) => expect(shown(activity)).toContain('Ask me a support question'))
      .startTest();
  });

  it('keeps the welcome flag between turns and across a new adapter on the same storage', async () => {
    const join = { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User1' }], recipient: { id: 'bot', name: 'Bot' } };
    await makeAdapter()
      .send(join)
      .assertReply((activity) => expect(shown(activity)).toContain('Cloud platform support'))
      .send('help')
      .assertReply((activity) => expect(shown(activity)).toContain('What I can do'))
      .startTest();
    // a second bot instance over the same storage (a restart) must not welcome again
    await makeAdapter().send(join).send('help').assertReply((activity) => expect(shown(activity)).toContain('What I can do')).startTest();
  });
});

describe('turn routing', () => {
  it.each([
    ['help', 'help'],
    ['Hello!', 'greeting'],
    ['open a ticket', 'incident'],
    ['Open a ticket', 'incident'],
    ['talk to a person', 'incident'],
    ['I need to open a critical ticket', 'incident'],
    ['Our Azure production VMs in London are all down, I need to open a critical ticket', 'incident'],
    ['our Azure VMs in London are all down', 'incident'],
    ['my API call returns 500', 'incident'],
    ['box deployment failed', 'incident'],
    ['deployment keeps failing since this morning', 'incident'],
    ['how do I open a ticket in the portal?', 'question'],
    ['best way to open a support ticket with you?', 'incident'],
    ['is billing covered?', 'question'],
    ['who do I call in Frankfurt for an outage?', 'question'],
    ['is patching covered for Azure?', 'question'],
    ['how do I create a new Azure customer account', 'question'],
    ['who do i call in toronto, our vms are down', 'question'],
    ['we are in johannesburg south africa. critical outage who do we call', 'question'],
    ['urgent - site down for our paris office, which support number do i ring', 'question'],
    ['box error on a windows instance. where do i grab the agent log and how do i get the box to you guys', 'question'],
    ['our VMs in London are down, can you help?', 'incident'],
    ['my tickets', 'my_tickets'],
    ['show my tickets', 'my_tickets'],
    ['status of INC-000123', 'my_tickets'],
    ["what's the status of my ticket 123", 'my_tickets'],
  ])('%p is a %p turn', (text, kind) => {
    expect(classify(text)).toBe(kind);
  });
});
