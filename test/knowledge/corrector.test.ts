import { Corrector, slipOfTheFinger } from '../../knowledge/answers/corrector.js';

describe('spelling correction', () => {
  it.each([
    ['biling', 'billing', true],
    ['billling', 'billing', true],
    ['recieve', 'receive', true],
    ['billing', 'billing', false],
    ['bidding', 'billing', false],
    ['azrue', 'azure', true],
    ['pathcing', 'patching', true],
    ['patchign', 'patching', true],
    ['batching', 'patching', false],
  ])('%p is a slip of the finger for %p: %p', (typed, meant, slip) => {
    expect(slipOfTheFinger(typed, meant)).toBe(slip);
  });

  const vocabulary = ['billing', 'patching', 'canada', 'london', 'azure'];
  const known = new Set(['long', 'support', 'cost']);
  const dictionary = new Set(['biling', 'batching', 'london']);
  const corrector = new Corrector(vocabulary, (word) => known.has(word), (word) => dictionary.has(word));

  it.each([
    // not a word at all: corrected to the closest word of the vocabulary
    ['is azrue patchng covered', 'is azure patching covered'],
    ['outage in canda', 'outage in canada'],
    // a rare dictionary word that is a slip away from a vocabulary word: corrected
    ['aws biling support', 'aws billing support'],
    // a dictionary word more than a slip away: left as typed
    ['batching jobs', 'batching jobs'],
    // the knowledge base's own words are never corrected
    ['how long does it take', 'how long does it take'],
  ])('%p reads %p', (text, corrected) => {
    expect(corrector.correct(text)).toBe(corrected);
  });
});
