import { asksForMembers, enumerationTerms, isKindTerm } from '../../knowledge/kinds.js';
import { conceptsOf } from '../../knowledge/search.js';
import { stem, words } from '../../knowledge/text.js';

/** The pseudo-terms a text gets for the kinds it enumerates. */
const enumerated = (text: string): string[] => enumerationTerms(words(text));

describe('questions that ask for the members of a kind', () => {
  it.each([
    ['which clouds does partner cloud integration support?'],
    ['what clouds can i use with partner cloud integration?'],
    ['which cloud providers are supported?'],
    ['what public clouds do you integrate with?'],
    ['what kinds of cloud can i connect?'],
    ['list the clouds partner cloud integration works with'],
    ['how many clouds are there?'],
    ['what are the supported clouds?'],
  ])('%s → asks for the clouds', (question) => {
    expect(asksForMembers(question)).toBe(true);
  });

  it.each([
    ['what does partner cloud integration support?'],
    ['which cloud integration features are there?'],
    ['what cloud application manager providers do i need?'],
    ['which option do i pick when creating the provider?'],
    ['is azure in scope?'],
  ])('%s → does not', (question) => {
    expect(asksForMembers(question)).toBe(false);
  });
});

describe('the ideas of a question about a kind', () => {
  const terms = (question: string): string[] => conceptsOf(question).map((c) => c.term);

  it('drops the words that only tie the subject to the members, and adds the members as one idea', () => {
    const ideas = terms('which clouds does partner cloud integration support?');
    expect(ideas).toEqual(expect.arrayContaining(['cloud', 'partner', 'integrat']));
    expect(ideas).not.toContain(stem('support'));
    expect(ideas.filter(isKindTerm)).toHaveLength(1);
  });

  it('drops the other words of the asking phrase: "what public clouds" asks for clouds, not for the word "public"', () => {
    expect(terms('what public clouds do you integrate with?')).not.toContain('public');
    expect(terms('which cloud providers are supported?')).not.toContain(stem('providers'));
  });

  it('treats a question that names two members itself ("both azure and aws") as one about the kind', () => {
    const ideas = terms('does partner cloud integration work with both azure and aws?');
    expect(ideas).toEqual(expect.arrayContaining(['azur', 'aws']));
    expect(ideas).not.toContain('work');
    expect(ideas).not.toContain('both');
    expect(ideas.filter(isKindTerm)).toHaveLength(1);
  });

  it('leaves a question about one member, or none, as it was', () => {
    for (const question of ['is azure billing covered by platform-level support?', 'what does partner cloud integration support?']) {
      const ideas = terms(question);
      expect(ideas.filter(isKindTerm)).toEqual([]);
      expect(ideas).toContain(stem('support'));
    }
  });
});

describe('what a text enumerates', () => {
  it('names the clouds together when two of them stand a few words apart, by any of their names', () => {
    const together = enumerated('it works with Microsoft Azure and Amazon Web Services');
    expect(together).toHaveLength(1);
    expect(enumerated('Azure, AWS')).toEqual(together);
  });

  it('names them apart when they are far from each other, and not at all with one cloud or only the word "cloud"', () => {
    const together = enumerated('Azure and AWS');
    const apart = enumerated('Azure is offered to one group of customers only; somebody else entirely may use Amazon');
    expect(apart).toHaveLength(1);
    expect(apart).not.toEqual(together);
    expect(enumerated('Azure resources, Azure billing and the Azure portal')).toEqual([]);
    expect(enumerated('every partner cloud and public cloud')).toEqual([]);
  });
});

describe('stems', () => {
  it('gives pricing, prices, priced and price one stem, so the words of a price question meet the article whichever it uses', () => {
    expect(new Set(['pricing', 'prices', 'priced', 'price'].map(stem)).size).toBe(1);
  });
});
