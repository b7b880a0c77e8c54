import { normaliseDate } from '../../knowledge/dates.js';

describe('normaliseDate', () => {
  it.each([
    ['01-16-2017', '2017-01-16'],
    ['8-17-2016', '2016-08-17'],
    ['12-28-16', '2016-12-28'],
    ['08-18-17', '2017-08-18'],
    ['2-7-2018', '2018-02-07'],
    ['2019-02-20', '2019-02-20'],
  ])('reads %s as %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it.each([['13-01-2017'], ['02-30-2018'], ['yesterday'], [''], [undefined], [42]])('rejects %p', (input) => {
    expect(normaliseDate(input)).toBeNull();
  });
});
