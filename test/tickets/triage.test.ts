import { inferCategory } from '../../tickets/triage/category.js';
import { inferCloud } from '../../tickets/triage/cloud.js';
import { asksForTicket, describesProblem, isQuestion, problemStatement } from '../../tickets/triage/problem.js';
import { regionFromLocale } from '../../tickets/triage/region.js';
import { inferSeverity, SEVERITY_DEFINITIONS } from '../../tickets/triage/severity.js';

describe('inferSeverity', () => {
  it.each([
    ['Our Azure production VMs in London are all down, I need to open a critical ticket', 1],
    ['production is down', 1],
    ['we have an outage in Frankfurt', 1],
    ['all our instances are down', 1],
    ['this is critical', 1],
    ['sev1: portal unreachable', 1],
    ['P1 please', 1],
    ['nobody can log in to the portal', 1],
    ['we had data loss after the migration', 1],
    ['performance is degraded since 9am', 2],
    ['many users see timeouts', 2],
    ['urgent: deployments fail', 2],
    ['this is blocking a release', 2],
    ['sev 2', 2],
    ['my API call returns 500', 3],
    ['box deployment failed', 3],
    ['deployment keeps failing since this morning', 3],
    ['the agent crashed', 3],
    ['a question about instance sizes', 4],
    ['how do I rename a box', 4],
    ['cosmetic error on the billing page', 4],
    ['low priority: the logo is blurry', 4],
    ['when you have time, please look at the typo', 4],
    ['severity 4', 4],
    // negated and low-priority phrases are read before the words they negate
    ['this is not critical, no rush', 4],
    ['non-critical: logo blurry', 4],
    ['not urgent, when you have time', 4],
    ['it isn’t urgent', 4],
    ['I scrolled all the way down and the save button fails', 3],
    ['all our boxes are down', 1],
    // AWS instance types are not priorities
    ['p3.2xlarge instances fail', 3],
    ['we use p2.xlarge boxes', null],
    ['P1.', 1],
    // curly apostrophes read like straight ones
    ['I can’t deploy my box', 3],
    ['it doesn’t work', 3],
    ['we can’t log in', 3],
    ['the agent throws an exception', 3],
    ['the call returns status 500', 3],
  ] as const)('%p is severity %p', (text, severity) => {
    expect(inferSeverity(text)).toBe(severity);
  });

  it.each([['hello there'], ['about our subscription'], ['London']])('does not guess for %p', (text) => {
    expect(inferSeverity(text)).toBeNull();
  });

  it('defines every severity in one line', () => {
    for (const severity of [1, 2, 3, 4] as const) expect(SEVERITY_DEFINITIONS[severity]).toMatch(/^[^\n]{10,120}$/);
  });
});

describe('inferCategory', () => {
  it.each([
    ['my API call returns 500', 'api_call'],
    ['the endpoint /services/instances returns 403', 'api_call'],
    ['POST request fails with HTTP status 400', 'api_call'],
    ['curl gets a JSON body with an error', 'api_call'],
    ['box deployment failed', 'box_error'],
    ['deployment keeps failing since this morning', 'box_error'],
    ['the instance does not start', 'box_error'],
    ['errors in elasticbox-agent.log', 'box_error'],
    ['I cannot log in to the portal', 'portal_access'],
    ['SSO sign in is broken', 'portal_access'],
    ['access denied when adding users', 'portal_access'],
    ['we were charged twice on the invoice', 'billing'],
    ['the bill is too high', 'billing'],
    ['the call returned status 404', 'api_call'],
    ['we can’t log in', 'portal_access'],
    ['errors in ELASTICBOX-AGENT.LOG', 'box_error'],
  ] as const)('%p is %p', (text, category) => {
    expect(inferCategory(text)).toBe(category);
  });

  it('returns null when nothing says', () => {
    expect(inferCategory('it is all down')).toBeNull();
  });
});

describe('inferCloud', () => {
  it.each([
    ['our Azure VMs are down', 'azure'],
    ['Microsoft subscription', 'azure'],
    ['aws account', 'aws'],
    ['Amazon EC2 instances', 'aws'],
    ['we run on GCP', 'other'],
    ['Google cloud', 'other'],
    ['vmware cluster', 'other'],
    ['moving from AWS to Azure', 'aws'],
    ['our MS cloud tenant', 'azure'],
    ['I am writing from Microsoft Teams', null],
    ['Microsoft Teams bot, our Amazon boxes fail', 'aws'],
    ['Microsoft Teams and our Microsoft subscription', 'azure'],
    ['the other day it failed', null],
    ['box deployment failed', null],
  ] as const)('%p is %p', (text, cloud) => {
    expect(inferCloud(text)).toBe(cloud);
  });
});

describe('regionFromLocale', () => {
  it.each([
    ['en-US', undefined, 'us'],
    ['en-us', undefined, 'us'],
    ['fr-CA', undefined, 'canada'],
    ['en-CA', undefined, 'canada'],
    ['en-GB', undefined, 'emea'],
    ['de-DE', undefined, 'emea'],
    ['fr-FR', undefined, 'emea'],
    ['ar-AE', undefined, 'emea'],
    ['ja-JP', undefined, 'apac'],
    ['en-SG', undefined, 'apac'],
    ['en-AU', undefined, 'apac'],
    ['zh-CN', undefined, 'apac'],
    ['zh-Hans-CN', undefined, 'apac'],
    ['es-MX', undefined, 'us'],
    ['en', undefined, null],
    [undefined, undefined, null],
    [undefined, 'America/Toronto', 'canada'],
    [undefined, 'America/Vancouver', 'canada'],
    [undefined, 'America/Montreal', 'canada'],
    [undefined, 'America/Halifax', 'canada'],
    [undefined, 'America/Winnipeg', 'canada'],
    [undefined, 'America/Edmonton', 'canada'],
    [undefined, 'America/New_York', 'us'],
    [undefined, 'America/Los_Angeles', 'us'],
    [undefined, 'Europe/Berlin', 'emea'],
    [undefined, 'Africa/Johannesburg', 'emea'],
    [undefined, 'Asia/Dubai', 'emea'],
    [undefined, 'Asia/Singapore', 'apac'],
    [undefined, 'Asia/Tokyo', 'apac'],
    [undefined, 'Australia/Sydney', 'apac'],
    [undefined, 'Pacific/Auckland', 'apac'],
    [undefined, 'Etc/UTC', null],
    ['en-US', 'Europe/London', 'emea'],
    ['en-US', 'Etc/UTC', 'us'],
  ] as const)('locale %p, timezone %p → %p', (locale, timezone, region) => {
    expect(regionFromLocale(locale, timezone)).toBe(region);
  });
});

describe('problem statements and questions', () => {
  it.each([
    ['our Azure VMs in London are all down', true],
    ['my API call returns 500', true],
    ['box deployment failed', true],
    ['deployment keeps failing since this morning', true],
    ['Our Azure production VMs in London are all down, I need to open a critical ticket', true],
    ['who do I call in Frankfurt for an outage?', false],
    ['is patching covered for Azure?', false],
    ['how do I create a new Azure account', false],
    ['who do i call in toronto, our vms are down', false],
    ['open a ticket', false],
    ['hello', false],
    ['we need you to patch our Azure VMs monthly', false],
    ['critical outage hotline for Asia Pacific', false],
    ['phone number for an outage in Canada', false],
    // asking for the number in a few words, or to be told whom to call, is a question for the knowledge base
    ['outage number londn', false],
    ['emergency line for spain', false],
    ["Tell me who to call - our Torronto team's AWS workloads are completely down.", false],
    ["I can't see the migrate option when creating the provider", false],
    ['I cannot find the billing page', false],
    ["I can't see the portal, it fails with error 500", true],
    ['I can’t deploy my box', true],
    ['it doesn’t work', true],
    ['we can’t log in', true],
    ['I can’t see the migrate option', false],
    ['the agent throws an exception', true],
    ['the call returns status 500', true],
    // a question in a later sentence or clause is a question for the knowledge base
    ['urgent - site down for our paris office, which support number do i ring', false],
    ['box error on a windows instance. where do i grab the agent log', false],
    ['getting errors back from the api when we create instances. what do you need from me', false],
    ['an azure service is down for us. is service availability covered', false],
    // asking only for help with the problem is what the incident dialog is for
    ['our VMs are down, can you help?', true],
    ['deployment failed. what should I do?', true],
    ['the box keeps failing - any ideas?', true],
    ['the agent crashes on start, how do I fix this?', true],
    ['my API call returns 500. why?', true],
  ] as const)('%p describes a problem: %p', (text, expected) => {
    expect(describesProblem(text)).toBe(expected);
  });

  it.each([
    ['open a ticket', true],
    ['Open a ticket', true],
    ['talk to a person', true],
    ['I need to open a critical ticket', true],
    ['Our VMs are down, I need to open a critical ticket now', true],
    ['can you please open a ticket for this', true],
    ['I’d like to open a ticket', true],
    ['how do I open a ticket in the portal?', false],
    ['what is a ticket?', false],
    ['best way to open a support ticket with you?', true],
    ['how do we raise a case with your team', true],
    ['can I open a ticket here?', true],
    ['do I have to open a case with them myself?', false],
  ] as const)('%p asks for a ticket: %p', (text, expected) => {
    expect(asksForTicket(text)).toBe(expected);
  });

  it.each([
    ['Our Azure production VMs in London are all down, I need to open a critical ticket', 'Our Azure production VMs in London are all down'],
    ['I need to open a critical ticket: the portal is down', 'the portal is down'],
    ['open a ticket', ''],
    ['best way to open a support ticket with you?', ''],
    ['Our VMs in London are down. Best way to open a ticket with you?', 'Our VMs in London are down'],
    ['box deployment failed', 'box deployment failed'],
    ['the brand page is down and', 'the brand page is down'],
  ])('%p states the problem %p', (text, statement) => {
    expect(problemStatement(text)).toBe(statement);
  });

  it.each([
    ['is it down?', true],
    ['who do I call', true],
    ["can't deploy", false],
    ['can’t deploy', false],
    ['what’s the hotline', true],
    ['it is down', false],
    ['site down for our paris office, which number do i ring', true],
    ['box error on windows. Where is the agent log?', true],
    ['why is my deployment failing?', true],
    ['it fails - why?', false],
    ['our portal is down, can someone please take a look?', false],
    ['help me', false],
    // asked as a statement: the problem it names is the case the question is about
    ["My boss wants to know whether CenturyLink will take things up with Microsoft if there's an Azure problem your team can't solve.", true],
    ['wondering if a failed patch on our azure vms is covered', true],
    ['not sure who to contact when the api fails', true],
    // wanting to know why it fails is asking for help with it, like "why?"
    ['our api calls fail, I want to know why', false],
    ['the deployment fails and I know why', false],
    // typed fast: a question inside a clause, after a colon, or with a misspelt question word
    ['win server box error where is agent log file located', true],
    ['if aws itself is broken do u escalate to amazon for us', true],
    ['migrating existing azure acct: which provider do i choose in the drop down', true],
    ['wat email do i send screenshots to when cam is broken', true],
    // …but not help with the problem, nor a plain report of when it fails
    ['deployment failed on azure and I do not know where is the problem', false],
    ['if the vm is down can you help', false],
    ['vm crashed and i have no clue how do i fix this', false],
    ['our deployment fails when we deploy the box', false],
    ['the box fails: it says error 500', false],
  ] as const)('%p is a question: %p', (text, expected) => {
    expect(isQuestion(text)).toBe(expected);
  });
});
