import { itemKey, sameItem, sameRole, withoutCloudName } from '../../knowledge/answers/scope-items.js';

describe('scope items across clouds', () => {
  it.each([
    ['Amazon Web Services resource configuration review', 'Azure resource configuration review'],
    ['AWS resource configuration review', 'Microsoft Azure resource configuration review'],
    ['Amazon Web Services (AWS) resource configuration review', 'Azure resource configuration review'],
    ['Amazon resource configuration review', 'Azure resource configuration review'],
    ['AWS Billing', 'Azure Billing'],
    ['Issues regarding AWS Customer Account Sign-up through Cloud Application Manager providers', 'Issues regarding Azure Customer Account Sign-up through Cloud Application Manager ARM providers'],
  ])('%p and %p are one item of two clouds', (aws, azure) => {
    expect(sameItem(aws, azure)).toBe(true);
  });

  it.each([
    ['Escalations to Amazon Web Services', 'Escalations to Microsoft'],
    ['IAM Policies', 'Subscription management'],
    ['AWS Management Console', 'Azure Control Portal'],
  ])('%p and %p are different items', (aws, azure) => {
    expect(sameItem(aws, azure)).toBe(false);
  });

  it.each([
    ['Escalations to Amazon Web Services', 'Escalations to Microsoft', true],
    ['Escalations to AWS', 'Escalations to Microsoft', true],
    ['AWS Billing', 'Azure Billing', true],
    ['IAM Policies', 'Subscription management', false],
    ['Escalations to Microsoft', 'Microsoft', false],
  ])('%p and %p play the same part in their clouds: %p', (aws, azure, same) => {
    expect(sameRole(aws, azure)).toBe(same);
  });

  it('matches an item by its own words, not by the name of its cloud', () => {
    expect(itemKey('Amazon Web Services resource configuration review')).toEqual(itemKey('resource configuration review'));
    expect(itemKey('Azure Billing')).toEqual(['bill']);
  });

  it.each([
    ['Amazon Web Services resource configuration review', 'Resource configuration review'],
    ['Azure resource configuration review', 'Resource configuration review'],
    ['Issues regarding AWS Customer Account Sign-up', 'Issues regarding Customer Account Sign-up'],
    ['Tier 1 Technical Support', 'Tier 1 Technical Support'],
    ['https://portal.azure.com user creation and permissions', 'https://portal.azure.com user creation and permissions'],
  ])('names %p as %p in a line about both clouds', (item, name) => {
    expect(withoutCloudName(item)).toBe(name);
  });
});
