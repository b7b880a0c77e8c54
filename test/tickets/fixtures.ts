import type { NewTicket } from '../../tickets/store/types.js';

/** The time most sample tickets are filed at. */
export const SAMPLE_TIME = '2024-05-01T10:00:00.000Z';

/** A valid ticket as the service would file it (no number or version yet); `overrides` replace whole fields. */
export function sampleNewTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  const at = overrides.createdAt ?? SAMPLE_TIME;
  return {
    status: 'new',
    severity: 2,
    critical: false,
    region: 'us',
    cloud: 'azure',
    category: 'api_call',
    queue: 'pci-us',
    summary: 'Creating an instance through the API returns 500',
    description: 'POST /services/instances fails with 500 since this morning.',
    scope: { verdict: 'in', item: 'API errors' },
    evidence: [
      {
        kind: 'request_body',
        content: '{"name":"web-1","token":"[REDACTED:bearer-token]"}',
        findings: ['POST /services/instances', 'valid JSON'],
        redactions: { 'bearer-token': 1 },
        fileName: 'request.json',
      },
    ],
    customer: {
      channel: 'msteams',
      userId: 'u1',
      name: 'Ada Lovelace',
      conversation: {
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        conversationId: 'a:1conversation',
        tenantId: 'tenant-1',
        botId: 'bot-1',
        userId: 'u1',
      },
    },
    transcript: [
      { from: 'customer', text: 'the API gives me a 500', at },
      { from: 'bot', text: 'Please send the request body.', at },
    ],
    history: [{ at, action: 'open', from: null, to: 'new' }],
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
