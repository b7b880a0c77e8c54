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

  it.each([
    ['free operating systems', 'free operatingsystem'],
    ['a provider that has been designed to transfer an account', 'a provider that has meant to transfer an account'],
    ['the service is designed for enterprises', 'the service meant for enterprises'],
    ['design our Azure setup', 'design our azure setup'],
  ])('%s → %s: one idea in two words is one word; "designed to" says what for, not design work', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });

  it.each([
    ['cn u help a cust with their acct?', 'can you help a customer with their account?'],
    ['wat email do i use', 'what email do i use'],
    ['hw do i get there, whr is the log', 'how do i get there, where is the log'],
    ['azure subscription mgmt for our custs', 'azure subscription management for our customers'],
    ['IAM polices', 'iam policies'],
    // the "u" of "U.S." and of words stays as it is
    ['offices in the U.S. only', 'offices in the u.s. only'],
    ['a usb key', 'a usb key'],
  ])('%s → %s: chat shorthand spelled out', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });
});
