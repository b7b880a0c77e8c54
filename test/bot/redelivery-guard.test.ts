import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { REMEMBERED_ACTIVITIES, RedeliveryGuard } from '../../bot/redelivery-guard.js';

/** A bot whose every turn moves a counter on: a repeated turn would show. */
function countingBot() {
  const state = new ConversationState(new MemoryStorage());
  const turns = state.createProperty<number>('turns');
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const count = (await turns.get(context, 0)) + 1;
    await turns.set(context, count);
    await context.sendActivity(`turn ${count}: ${context.activity.text}`);
    await context.sendActivity({ type: 'message', text: 'and a second reply', suggestedActions: { actions: [{ type: 'imBack', title: 'help', value: 'help' }], to: [] } });
    await state.saveChanges(context);
  });
  adapter.use(new RedeliveryGuard(state));
  return adapter;
}

const message = (id: string, text: string) => ({ type: 'message', id, text });

test('a redelivered message gets the replies it got the first time, and the bot does not take the turn again', async () => {
  await countingBot()
    .send(message('a1', 'first'))
    .assertReply('turn 1: first')
    .assertReply('and a second reply')
    .send(message('a1', 'first'))
    .assertReply('turn 1: first')
    .assertReply((reply) => {
      expect(reply.text).toBe('and a second reply');
      expect(reply.suggestedActions?.actions[0]?.title).toBe('help');
    })
    .send(message('a2', 'second'))
    .assertReply('turn 2: second')
    .assertReply('and a second reply');
});

test(`only the last ${REMEMBERED_ACTIVITIES} messages are remembered`, async () => {
  let flow = countingBot().send(message('m0', 'x')).assertReply('turn 1: x').assertReply('and a second reply');
  for (let i = 1; i <= REMEMBERED_ACTIVITIES; i++) flow = flow.send(message(`m${i}`, 'x')).assertReply(`turn ${i + 1}: x`).assertReply('and a second reply');
  // m0 has been forgotten: a (very late) redelivery is handled as a new turn
  await flow.send(message('m0', 'x')).assertReply(`turn ${REMEMBERED_ACTIVITIES + 2}: x`);
});
