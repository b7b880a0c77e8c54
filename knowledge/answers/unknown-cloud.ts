import type { PassageIndex } from '../search.js';
import { stem } from '../text.js';

/**
 * Clouds and hosting platforms a customer may name, each with the word that names it. Partner
 * Cloud Integration sells Azure and AWS; a knowledge base may also speak of others (Cloud
 * Application Manager deploys to Google Cloud and VMware, for one).
 */
const OTHER_CLOUDS = /\b(google(?= cloud| compute|\b)|gcp|gce|oracle(?= cloud)|oci|ibm(?= cloud)|alibaba|aliyun|digitalocean|digital ocean|linode|heroku|openstack|vsphere|vmware|rackspace|hetzner|ovh|cloudflare)\b/;

/**
 * A cloud the question names that no article speaks of ("how do I connect a Google Cloud project?"
 * on a knowledge base about Azure and AWS). Why: the rest of such a question ("connect", "project",
 * "consolidated billing") is what the Azure and AWS articles are made of, so their steps would
 * clear the confidence bar and answer for the wrong cloud. Not found, with a ticket, is right.
 */
export function unknownCloud(text: string, index: PassageIndex): string | null {
  const named = OTHER_CLOUDS.exec(text)?.[1];
  if (!named) return null;
  const word = named.split(' ')[0]!;
  return index.knows(word) || index.knows(stem(word)) ? null : named;
}
