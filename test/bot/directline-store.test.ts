import { ConversationStore } from '../../bot/directline/conversations.js';
import { RateLimiter } from '../../bot/directline/rate-limit.js';
import { TokenStore } from '../../bot/directline/tokens.js';

/** The local Direct Line's memory: token lifetimes and the caps on conversations, activities and files. */

describe('TokenStore', () => {
  it('binds a token to its conversation and user, and lets it expire after its lifetime', () => {
    let now = 1_000_000;
    const tokens = new TokenStore({ ttlMs: 30 * 60 * 1000, now: () => now });
    const { token, expiresIn } = tokens.issue('conv-1', 'dl_user');
    expect(expiresIn).toBe(1800);
    expect(tokens.check(token)).toEqual({ ok: true, grant: { conversationId: 'conv-1', userId: 'dl_user', expiresAt: now + 1800_000 } });
    now += 1800_000 - 1;
    expect(tokens.check(token).ok).toBe(true);
    now += 1;
    expect(tokens.check(token)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.check('made-up')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.check(undefined)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('remembers at most maxTokens, forgetting the oldest', () => {
    const tokens = new TokenStore({ maxTokens: 2 });
    const first = tokens.issue('a', 'u').token;
    const second = tokens.issue('b', 'u').token;
    const third = tokens.issue('c', 'u').token;
    expect(tokens.check(first).ok).toBe(false);
    expect(tokens.check(second).ok).toBe(true);
    expect(tokens.check(third).ok).toBe(true);
  });

  it('issues stream tickets that work once, for their conversation, before they expire', () => {
    let now = 0;
    const tokens = new TokenStore({ streamTicketTtlMs: 1000, now: () => now });
    const ticket = tokens.streamTicket('conv-1');
    expect(tokens.redeemStreamTicket(ticket, 'conv-2')).toBe(false);
    const again = tokens.streamTicket('conv-1');
    expect(tokens.redeemStreamTicket(again, 'conv-1')).toBe(true);
    expect(tokens.redeemStreamTicket(again, 'conv-1')).toBe(false);
    const late = tokens.streamTicket('conv-1');
    now += 1000;
    expect(tokens.redeemStreamTicket(late, 'conv-1')).toBe(false);
    expect(tokens.redeemStreamTicket(null, 'conv-1')).toBe(false);
  });
});

describe('ConversationStore', () => {
  it('keeps at most maxConversations, forgetting the one idle longest', () => {
    const store = new ConversationStore({ maxConversations: 2 });
    store.create('a', 'u');
    store.create('b', 'u');
    store.get('a'); // a was used after b
    store.create('c', 'u');
    expect(store.size).toBe(2);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
  });

  it('keeps the last maxActivities activities; watermarks keep counting', () => {
    const store = new ConversationStore({ maxActivities: 3 });
    const conversation = store.create('conv', 'u');
    for (let i = 1; i <= 5; i++) store.append(conversation, { type: 'message', text: `m${i}` });
    const all = conversation.after(null);
    expect(all.activities.map((activity) => activity.text)).toEqual(['m3', 'm4', 'm5']);
    expect(all.watermark).toBe('5');
    expect(all.activities.map((activity) => activity.id)).toEqual(['conv|0000003', 'conv|0000004', 'conv|0000005']);
    expect(conversation.after('4').activities.map((activity) => activity.text)).toEqual(['m5']);
    expect(conversation.after('5')).toEqual({ activities: [], watermark: '5' });
    expect(conversation.after('not a number').activities).toHaveLength(3);
  });

  it('moves an updated activity to the end of the log, under its own id', () => {
    const store = new ConversationStore();
    const conversation = store.create('conv', 'u');
    const first = store.append(conversation, { type: 'message', text: 'v1' });
    store.append(conversation, { type: 'message', text: 'other' });
    expect(store.replace(conversation, first.id!, { type: 'message', text: 'v2' })).toMatchObject({ id: first.id, text: 'v2' });
    expect(conversation.after('2').activities).toEqual([expect.objectContaining({ id: first.id, text: 'v2' })]);
    expect(conversation.after(null).activities.map((activity) => activity.text)).toEqual(['other', 'v2']);
    expect(store.replace(conversation, 'conv|9999999', { type: 'message' })).toBeUndefined();
  });

  it('caps files per conversation and in all, and drops a forgotten conversation’s files', () => {
    const store = new ConversationStore({ maxConversations: 1, maxFilesPerConversation: 2, maxFileBytes: 10 });
    const conversation = store.create('conv', 'u');
    const a = store.addFile(conversation, 'a.log', 'text/plain', Buffer.from('aaaa'));
    const b = store.addFile(conversation, 'b.log', 'text/plain', Buffer.from('bbbb'));
    const c = store.addFile(conversation, 'c.log', 'text/plain', Buffer.from('cc'));
    expect(store.file(a.id)).toBeUndefined(); // per conversation: 2
    expect(store.file(b.id)).toBeDefined();
    const d = store.addFile(conversation, 'd.log', 'text/plain', Buffer.from('ddddddddd'));
    expect(store.file(b.id)).toBeUndefined(); // in all: 10 bytes
    expect(store.file(c.id)).toBeUndefined();
    expect(store.file(d.id)?.bytes.toString()).toBe('ddddddddd');
    store.create('next', 'u');
    expect(store.file(d.id)).toBeUndefined();
  });

  it('gives strictly increasing timestamps', () => {
    const store = new ConversationStore();
    const conversation = store.create('conv', 'u');
    const times = Array.from({ length: 50 }, () => Date.parse(String(store.append(conversation, { type: 'message' }).timestamp)));
    expect(times.every((time, i) => i === 0 || time > times[i - 1]!)).toBe(true);
  });
});

describe('RateLimiter', () => {
  const from = (address: string) => ({ socket: { remoteAddress: address } }) as never;

  it('allows perMinute requests per address in a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.retryAfter(from('10.0.0.1'))).toBeNull();
    expect(limiter.retryAfter(from('10.0.0.1'))).toBeNull();
    expect(limiter.retryAfter(from('10.0.0.1'))).toBe(60);
    expect(limiter.retryAfter(from('10.0.0.2'))).toBeNull();
    now += 60_000;
    expect(limiter.retryAfter(from('10.0.0.1'))).toBeNull();
    expect(new RateLimiter(0).retryAfter(from('10.0.0.1'))).toBeNull();
  });
});
