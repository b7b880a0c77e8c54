import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { ClaimsIdentity, ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient } from 'botframework-connector';
import { ReusedClientsAuthentication } from '../../bot/reused-clients.js';

/** Local mode (no app id): no token is checked, as with the Bot Framework Emulator. */
const localAuthentication = (): ConfigurationBotFrameworkAuthentication => new ConfigurationBotFrameworkAuthentication({});

function message(serviceUrl: string, text: string): Activity {
  return {
    type: ActivityTypes.Message,
    id: `m-${text}`,
    text,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: 'c-reuse', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u-1', name: 'customer' },
    recipient: { id: 'bot', name: 'bot' },
    deliveryMode: 'expectReplies',
  } as Activity;
}

/** The connector client each turn was given, turn by turn, through CloudAdapter's own pipeline. */
async function clientsOfTurns(adapter: CloudAdapter, activities: Activity[]): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (const activity of activities) {
    await adapter.processActivityDirect('', activity, async (context: TurnContext) => {
      seen.push(context.turnState.get(adapter.ConnectorClientKey));
      await context.sendActivity('ok');
    });
  }
  return seen;
}

describe('ReusedClientsAuthentication', () => {
  it('gives every turn from the same channel service URL the same connector client', async () => {
    const adapter = new CloudAdapter(new ReusedClientsAuthentication(localAuthentication()));
    const [first, second, third] = await clientsOfTurns(adapter, [
      message('http://127.0.0.1:9/a/', 'one'),
      message('http://127.0.0.1:9/a/', 'two'),
      message('http://127.0.0.1:9/a/', 'three'),
    ]);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it('gives another service URL a client of its own, pointed at that URL', async () => {
    const adapter = new CloudAdapter(new ReusedClientsAuthentication(localAuthentication()));
    const [a, b] = (await clientsOfTurns(adapter, [message('http://127.0.0.1:9/a/', 'one'), message('http://127.0.0.1:9/b/', 'two')])) as ConnectorClient[];
    expect(b).not.toBe(a);
    expect((a as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:9/a/');
    expect((b as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:9/b/');
  });

  it('without it, botbuilder builds a new client for every turn (what it saves)', async () => {
    const adapter = new CloudAdapter(localAuthentication());
    const [first, second] = await clientsOfTurns(adapter, [message('http://127.0.0.1:9/a/', 'one'), message('http://127.0.0.1:9/a/', 'two')]);
    expect(second).not.toBe(first);
  });

  it('keeps no failure: a client that could not be built is built again on the next turn', async () => {
    let attempts = 0;
    class FlakyFactory extends ConnectorFactory {
      override async create(): Promise<ConnectorClient> {
        attempts++;
        if (attempts === 1) throw new Error('credentials unavailable');
        return { attempt: attempts } as unknown as ConnectorClient;
      }
    }
    const inner = localAuthentication();
    const flaky = Object.create(inner) as ConfigurationBotFrameworkAuthentication;
    flaky.authenticateRequest = async (): Promise<AuthenticateRequestResult> => ({
      audience: 'https://api.botframework.com',
      claimsIdentity: new ClaimsIdentity([], false),
      callerId: '',
      connectorFactory: new FlakyFactory(),
    });
    const reused = new ReusedClientsAuthentication(flaky);
    const first = (await reused.authenticateRequest(message('http://127.0.0.1:9/a/', 'one'), '')).connectorFactory!;
    await expect(first.create('http://127.0.0.1:9/a/')).rejects.toThrow('credentials unavailable');
    const second = (await reused.authenticateRequest(message('http://127.0.0.1:9/a/', 'two'), '')).connectorFactory!;
    const client = await second.create('http://127.0.0.1:9/a/');
    expect(client).toEqual({ attempt: 2 });
    expect(await second.create('http://127.0.0.1:9/a/')).toBe(client);
    expect(attempts).toBe(2);
  });
});
