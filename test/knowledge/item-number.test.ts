import { describe, expect, it } from '@jest/globals';
import { beFor, readsPlural } from '../../knowledge/answers/item-number.js';

describe('readsPlural: the verb a scope item takes in a verdict', () => {
  it.each([
    'IAM Policies',
    'Escalations to Microsoft',
    'Issues regarding AWS Customer Account Sign-up and Set-up through Cloud Application Manager providers',
    'Knowledge Base and FAQs',
    'Partner cloud estimates',
    'Terms and Agreements',
    'Customer accounts that are not Optimized by Cloud Application Manager',
  ])('"%s" reads plural', (name) => {
    expect(readsPlural(name)).toBe(true);
    expect(beFor(name)).toBe('are');
  });

  it.each(['Patching', 'Monitoring and Remediation', 'Azure Billing', 'Tier 1 Technical Support', 'Azure Service availability', 'Access', 'Analytics', 'Status', 'Basic Technical Support'])(
    '"%s" reads singular',
    (name) => {
      expect(readsPlural(name)).toBe(false);
      expect(beFor(name)).toBe('is');
    },
  );
});
