import { adaptiveCard, adaptiveCardActivity, answerActivity, clip, sourceLine, statusText } from '../../bot/cards.js';
import { triageCardActivity } from '../../bot/triage-card.js';
import type { Ticket } from '../../tickets/model.js';
import { sampleNewTicket } from '../tickets/fixtures.js';
import { Sources } from '../../knowledge/answers/render.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';

describe('citations', () => {
  it('names the article and its file when no base URL is set', () => {
    expect(sourceLine([{ slug: 'a-b', title: 'A B', file: 'x/a-b.md' }])).toBe('Source: A B (x/a-b.md)');
  });

  it('links the article when a base URL is set', async () => {
    const articles = await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} });
    const kb = new KnowledgeBase(articles, { baseUrl: 'https://kb.example.com/articles/' });
    const answer = kb.answer('is patching covered for azure?');
    expect(answer.sources[0]?.url).toBe('https://kb.example.com/articles/partner-cloud-integration-azure-support');
    const card = JSON.stringify(answerActivity(answer));
    expect(card).toContain('[Partner Cloud Integration: Azure Platform-level Support](https://kb.example.com/articles/partner-cloud-integration-azure-support)');
  });

  it('renders links between articles as links only when a base URL is set', async () => {
    const articles = await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} });
    const markdown = 'see [the Azure article](kb:partner-cloud-integration-azure-support) and [a missing one](kb:no-such-article)';
    expect(new Sources(articles, 'https://kb.example.com').links(markdown)).toBe(
      'see [the Azure article](https://kb.example.com/partner-cloud-integration-azure-support) and a missing one',
    );
    expect(new Sources(articles, null).links(markdown)).toBe('see the Azure article and a missing one');
  });
});

describe('answer cards', () => {
  it('is an Adaptive Card 1.5 with a text fallback and suggested actions', async () => {
    const kb = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    const activity = answerActivity(kb.answer('who do I call in Sydney for an outage?'));
    const card = activity.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = card?.content as { version: string; fallbackText: string; body: { type: string; text: string }[] };
    expect(content.version).toBe('1.5');
    expect(content.fallbackText).toContain('+65 6768 8099');
    expect(content.body.every((block) => block.type === 'TextBlock' && block.text.length > 0)).toBe(true);
    expect(activity.suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('renders a repeated answer once, and no turn can change the card the next one sends', async () => {
    const kb = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    const question = 'who do I call in Sydney for an outage?';
    const first = answerActivity(kb.answer(question));
    expect(answerActivity(kb.answer(question))).toBe(first);
    const content = first.attachments?.[0]?.content as { body: { text: string }[] };
    expect(() => {
      content.body[0]!.text = 'changed';
    }).toThrow(TypeError);
    expect(() => first.suggestedActions?.actions.push({ type: 'imBack', title: 'x', value: 'x' })).toThrow(TypeError);
    expect(answerActivity(kb.answer('what does AWS support include?'))).not.toBe(first);
  });
});

describe('shared card helpers', () => {
  it('wraps any card as an Adaptive Card 1.5 message with a summary clipped to 200 characters', () => {
    const activity = adaptiveCardActivity(adaptiveCard({ fallbackText: 'x', body: [] }), 'y'.repeat(300));
    expect(activity.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', fallbackText: 'x' } });
    expect(activity.summary).toHaveLength(200);
    expect(activity.summary?.endsWith('…')).toBe(true);
  });

  it('clips with an ellipsis only when the text is longer than allowed', () => {
    expect(clip('abcdef', 6)).toBe('abcdef');
    expect(clip('abcdefg', 6)).toBe('abcde…');
  });

  it('says a status in words', () => {
    expect(statusText('in_progress')).toBe('in progress');
    expect(statusText('new')).toBe('new');
  });

  it('gives the triage card the same card version and schema as the answer cards', () => {
    const ticket: Ticket = { ...sampleNewTicket({ queue: 'emea', summary: 's'.repeat(400) }), number: 'INC-000001', version: 1 };
    const activity = triageCardActivity(ticket);
    const content = activity.attachments?.[0]?.content as { version: string; $schema: string };
    expect(content.version).toBe('1.5');
    expect(content.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(activity.summary).toHaveLength(200);
  });
});
