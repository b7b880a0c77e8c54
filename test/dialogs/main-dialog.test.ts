import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { SupportBot } from '../../bot/support-bot.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { classify } from '../../dialogs/routes.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';

/** Everything a reply shows a user: text, card strings and suggested actions. */
function shown(activity: Partial<Activity>): string {
  return JSON.stringify([activity.text ?? '', activity.attachments ?? [], activity.suggestedActions ?? {}]);
}

describe('MainDialog transcripts', () => {
  let knowledge: KnowledgeBase;
  let storage: MemoryStorage;

  const makeAdapter = (): TestAdapter => {
    const bot = new SupportBot(new ConversationState(storage), new MainDialog(knowledge));
    return new TestAdapter(async (context) => bot.run(context));
  };

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
  });
  beforeEach(() => {
    storage = new MemoryStorage();
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

  it('hands over the support contacts when asked to open a ticket', async () => {
    await makeAdapter()
      .send('open a ticket')
      .assertReply((activity) => expect(shown(activity)).toContain('cannot file tickets from this chat yet'))
      .assertReply((activity) => {
        expect(shown(activity)).toContain('incident@CenturyLink.com');
        expect(shown(activity)).toContain('00800 72884743');
        expect(shown(activity)).not.toContain('Open a ticket');
      })
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
    ['open a ticket', 'ticket'],
    ['talk to a person', 'ticket'],
    ['how do I open a ticket in the portal?', 'question'],
    ['is billing covered?', 'question'],
  ])('%p is a %p turn', (text, kind) => {
    expect(classify(text)).toBe(kind);
  });
});
