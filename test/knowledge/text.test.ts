import { normalise, words } from '../../knowledge/text.js';

describe('normalising text', () => {
  it.each([
    ['Montréal', 'montreal'],
    ['Zürich', 'zurich'],
    ['São Paulo', 'sao paulo'],
    ['Düsseldorf, Köln', 'dusseldorf, koln'],
  ])('%s → %s: accents dropped, as customers type them either way', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });

  it('keeps a word with an accent whole', () => {
    expect(words('outage at our Montréal office')).toEqual(['outage', 'at', 'our', 'montreal', 'office']);
  });

  it('still straightens quotes and spells out contractions', () => {
    expect(normalise('We’re in Montréal and it isn’t working')).toBe('we are in montreal and it is not working');
  });

  it('leaves plain text as it was, but lower case', () => {
    expect(normalise('Is Patching covered?\n\tThanks')).toBe('is patching covered?\n\tthanks');
  });
});
