import { describe, expect, it } from '@jest/globals';
import { aboutClouds } from '../../knowledge/clouds.js';
import type { Cloud } from '../../knowledge/types.js';

describe('aboutClouds: whether an article title is about the clouds asked about', () => {
  it.each<[string, Cloud[], boolean]>([
    ['Partner Cloud: Getting Started with a New Azure Customer Account', ['azure'], true],
    ['Partner Cloud Integration: AWS Platform-level Support', ['azure'], false],
    ['Partner Cloud Integration', ['aws'], true],
    ['Partner Cloud: Getting Started with a New Google Cloud Account', ['azure'], false],
    ['Using vSphere', ['aws'], false],
    ['Using CenturyLink Private Cloud with VMC on AWS', ['aws'], true],
  ])('"%s" for %j → %s', (title, clouds, expected) => {
    expect(aboutClouds(title, clouds)).toBe(expected);
  });
});
