import { memoizeByText } from '../../knowledge/memo.js';

/** The memory of recent texts' results that routing and the answer cache's key rely on. */
describe('memoizeByText', () => {
  it('works out a text once and gives the same result after', () => {
    const seen: string[] = [];
    const upper = memoizeByText((text: string) => {
      seen.push(text);
      return { text: text.toUpperCase() };
    });
    const first = upper('who do I call?');
    expect(upper('who do I call?')).toBe(first);
    expect(upper('is patching covered?').text).toBe('IS PATCHING COVERED?');
    expect(seen).toEqual(['who do I call?', 'is patching covered?']);
  });

  it('remembers a result that is undefined too', () => {
    let calls = 0;
    const nothing = memoizeByText((): undefined => {
      calls++;
      return undefined;
    });
    expect(nothing('a')).toBeUndefined();
    expect(nothing('a')).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('does not keep texts longer than the limit', () => {
    let calls = 0;
    const length = memoizeByText((text: string) => {
      calls++;
      return text.length;
    }, 10, 5);
    expect(length('123456')).toBe(6);
    expect(length('123456')).toBe(6);
    expect(calls).toBe(2);
  });

  it('starts over when full, so its memory stays bounded', () => {
    const calls: string[] = [];
    const same = memoizeByText((text: string) => {
      calls.push(text);
      return text;
    }, 2);
    same('a');
    same('b');
    same('c'); // full: the memory starts over with c
    same('c');
    same('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
