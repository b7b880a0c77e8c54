import type { Cloud } from './types.js';

/**
 * The words that name each cloud Partner Cloud Integration sells. One table for the knowledge
 * base's questions and the incident dialog's triage, so "ms cloud" or "EC2" means the same
 * cloud wherever the customer types it.
 */

/** A cloud and the words that name it; the patterns are case-insensitive and not global. */
export type CloudWords<C extends string> = readonly [cloud: C, pattern: RegExp];

export const CLOUD_WORDS: readonly CloudWords<Cloud>[] = [
  // "Microsoft Teams" is where the bot is talked to, not where the customer's resources run
  ['azure', /\bazure\b|\bmicrosoft\b(?!\s+teams\b)|\bms cloud\b/i],
  ['aws', /\baws\b|\bamazon\b|\bec2\b|\bs3\b/i],
];

/** Providers Partner Cloud Integration does not sell, which other articles of a knowledge base may be about. */
const OTHER_PROVIDERS = /\b(?:google|gcp|vsphere|vmware|openstack|cloudstack|digitalocean|softlayer|alibaba|oracle cloud)\b/i;

/**
 * Whether a text (an article's title) is about a cloud asked about: it names one of them, or names
 * no cloud at all (then it is about every cloud). "Getting started with a new Google Cloud account"
 * is about none of Azure and AWS, though its steps read the same.
 */
export function aboutClouds(title: string, asked: readonly Cloud[]): boolean {
  const named = cloudsNamed(title, CLOUD_WORDS);
  return named.length > 0 ? named.some((cloud) => asked.includes(cloud)) : !OTHER_PROVIDERS.test(title);
}

/** Whether two titles name the same providers: "…New Azure…" and "…Existing Azure…" do, "…New Google…" does not. */
export function sameProviders(a: string, b: string): boolean {
  const providers = (title: string): string =>
    [...cloudsNamed(title, CLOUD_WORDS), ...(title.match(new RegExp(OTHER_PROVIDERS.source, 'gi')) ?? []).map((name) => name.toLowerCase())].sort().join(' ');
  return providers(a) === providers(b);
}

/** The clouds a table's words name in the text, in the order of their first mention. */
export function cloudsNamed<C extends string>(text: string, table: readonly CloudWords<C>[]): C[] {
  return table
    .map(([cloud, pattern]) => ({ cloud, at: text.search(pattern) }))
    .filter((found) => found.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((found) => found.cloud);
}

/**
 * How the articles name each cloud's product inside a scope item, longest first: "Amazon Web
 * Services resource configuration review" and "Azure resource configuration review" are one
 * item of two clouds. The vendor alone ("Escalations to Microsoft") names a party, not the product.
 */
export const CLOUD_PRODUCT_NAMES: Readonly<Record<Cloud, readonly string[]>> = {
  azure: ['Microsoft Azure', 'Azure'],
  aws: ['Amazon Web Services', 'Amazon', 'AWS'],
};
