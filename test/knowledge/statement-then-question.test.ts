import { clauses } from '../../knowledge/clauses.js';
import { CONFIDENCE_BAR } from '../../knowledge/knowledge-base.js';
import { firstPassage, knowledgeFixture, KNOWLEDGE_SETTINGS, removeCombinedCopy } from '../support/knowledge-settings.js';

/*
 * Messages that state the customer's situation and then ask a vague question ("…errors from the
 * api. what do you need from me?"): the statement says what the question is about, the question
 * what is wanted. And a vague question alone ("what do you need from me to look into it") names
 * nothing an article could be about: it is not answered with a passage that merely shares its words.
 * On the project's own articles, on the seed articles, and on the seeds among the public articles.
 */

afterAll(removeCombinedCopy);
const SETTINGS = KNOWLEDGE_SETTINGS;

describe('a message split into its questions, each with the statement before it', () => {
  it('takes the sentences that ask nothing as the topic of the question after them', () => {
    expect(clauses('box deployment keeps failing on azure. what info should I send you?')).toEqual([
      { question: 'what info should I send you?', statement: 'box deployment keeps failing on azure.', previous: '' },
    ]);
  });

  it('splits at a dash between a statement and a question', () => {
    expect(clauses('our aws billing looks wrong this month - who should I email about it?')).toEqual([
      { question: 'who should I email about it?', statement: 'our aws billing looks wrong this month', previous: '' },
    ]);
  });

  it('leaves out of the topic what only says when it happens, and asides in brackets', () => {
    const [clause] = clauses('getting errors from the api when we create instances (twice today). what do you need from me?');
    expect(clause!.statement).toContain('errors from the api');
    expect(clause!.statement).not.toMatch(/create|instances|twice/);
  });

  it('a follow-up, however short, is kept with the question before it', () => {
    expect(clauses('is our azure usage billed by you? and how often?')).toEqual([
      { question: 'is our azure usage billed by you?', statement: '', previous: '' },
      { question: 'and how often?', statement: '', previous: 'is our azure usage billed by you?' },
    ]);
    // with no question before it, a two-word question is too little to answer
    expect(clauses('how often?')).toEqual([]);
  });

  it('takes a second question joined on with "and", its question mark left off, as a question', () => {
    expect(clauses('getting errors from an api call, what do you need from me? and whats the urgent number for canada')).toEqual([
      { question: 'getting errors from an api call, what do you need from me?', statement: '', previous: '' },
      { question: 'and whats the urgent number for canada', statement: '', previous: 'getting errors from an api call, what do you need from me?' },
    ]);
    // a remark after the question is still no question
    expect(clauses('who do I call in Canada? and thanks a lot')).toEqual([{ question: 'who do I call in Canada?', statement: '', previous: '' }]);
  });

  it('a question alone has no statement', () => {
    expect(clauses('what do you need from me to look into it')).toEqual([{ question: 'what do you need from me to look into it', statement: '', previous: '' }]);
  });
});

describe.each(SETTINGS)('on the $label', (setting) => {
  const { kb, run, ask } = knowledgeFixture(setting);

  describe('a problem with the API, then "what do you need?"', () => {
    run.each([
      ['getting weird errors back from the cam api when we create instances. what do you need from me to look into it'],
      ['the api keeps returning 500 errors. what should I send you?'],
      ['our api calls to cam are failing. what information do you need?'],
      ['I get an error from the API every time I provision a server. what details should I include in my ticket?'],
    ])('%s → send the request body with the problem', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('passage');
      expect(firstPassage(answer)).toMatch(/request body/i);
    });
  });

  describe('a box that fails to deploy, then "what should I send?"', () => {
    run.each([
      ['box deployment keeps failing on azure. what info should I send you?'],
      ["our box won't deploy, it errors out. what do you need from us?"],
      ['my box errored during deployment. what should I include?'],
    ])('%s → share the box and attach the logs (among the public articles: a passage about box deployment)', (question) => {
      const answer = ask(question);
      if (setting.distractors) {
        // two public troubleshooting articles list "Catalog Box deployment not working" among their sections
        expect(answer.text).toMatch(/box/i);
        return;
      }
      expect(firstPassage(answer)).toMatch(/share the box/i);
      expect(firstPassage(answer)).toMatch(/logs/i);
    });
  });

  describe('other statements, then a question', () => {
    run('"our aws billing looks wrong - who should I email?" → an e-mail address (the support one, among the seeds or bundled)', () => {
      const answer = ask('our aws billing looks wrong this month - who should I email about it?');
      expect(answer.kind).toBe('contact');
      expect(answer.text).toMatch(/@/);
      if (!setting.distractors) expect(answer.text.toLowerCase()).toContain('incident@centurylink.com');
    });

    run.each([['we are a reseller. can we sign up?'], ['we resell centurylink services to our clients. are we allowed to use this?']])('%s → who can use it: not resellers', (question) => {
      const answer = ask(question);
      expect(answer.kind).toBe('eligibility');
      expect(answer.text).toMatch(/resellers/i);
    });
  });

  describe('a vague question names nothing to answer', () => {
    run.each([
      ['what do you need from me to look into it'],
      ['what info should I send you?'],
      ['what should I send you?'],
      ['can you look into it?'],
      ['tell me what you need'],
    ])('%s → not found, never a passage that merely shares its words', (question) => {
      const answer = kb().answer(question);
      expect(answer.kind).toBe('not_found');
      expect(answer.confidence).toBeLessThan(CONFIDENCE_BAR);
    });

    run.each([['our heroku dyno keeps crashing. what do you need from me?'], ['my outlook mailbox is full. what should I do?']])(
      '%s → a statement about something the articles do not cover lends no topic: not found',
      (question) => {
        expect(kb().answer(question).kind).toBe('not_found');
      },
    );

    run('the same request with a topic of its own is still answered', () => {
      expect(firstPassage(ask('what do you need from me for an api problem?'))).toMatch(/request body/i);
    });
  });
});
