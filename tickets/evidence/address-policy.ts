import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses the bot may connect to when it fetches a customer's attachment. Only
 * globally routable unicast addresses are fetched from: anything else (private networks, the
 * machine itself, the cloud metadata endpoint, multicast, reserved blocks) is how a link in a
 * chat message would reach inside our own network.
 */

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'unique_local'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

interface AddressRange {
  prefix: Uint8Array;
  bits: number;
  kind: AddressKind;
}

// IPv6 blocks that carry an IPv4 address in their last four bytes, or (6to4) in bytes 2 to 5.
interface EmbeddingRange {
  prefix: Uint8Array;
  bits: number;
  ipv4At: number;
}

function parseIPv4(text: string): Uint8Array | null {
  if (!isIPv4(text)) return null;
  return Uint8Array.from(text.split('.').map(Number));
}

function parseHexGroups(part: string): number[] {
  return part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
}

function parseIPv6(text: string): Uint8Array | null {
  // A zone (fe80::1%eth0) names an interface, not part of the address.
  const address = text.split('%')[0] ?? '';
  if (!isIPv6(address)) return null;
  let hex = address;
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  const dotted = address.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const ipv4 = parseIPv4(dotted);
    if (ipv4 === null) return null;
    tail = [((ipv4[0] ?? 0) << 8) | (ipv4[1] ?? 0), ((ipv4[2] ?? 0) << 8) | (ipv4[3] ?? 0)];
    // Keep the colon when it belongs to a "::" so the split below still sees the gap.
    hex = address.slice(0, address[lastColon - 1] === ':' ? lastColon + 1 : lastColon);
  }
  const [head = '', rest] = hex.split('::');
  const headGroups = parseHexGroups(head);
  const restGroups = [...(rest === undefined ? [] : parseHexGroups(rest)), ...tail];
  const groups =
    rest === undefined
      ? [...headGroups, ...tail]
      : [...headGroups, ...new Array<number>(8 - headGroups.length - restGroups.length).fill(0), ...restGroups];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function mustParse(text: string): Uint8Array {
  const bytes = parseIPv4(text) ?? parseIPv6(text);
  if (bytes === null) throw new Error(`not an IP address: ${text}`);
  return bytes;
}

function range(prefix: string, bits: number, kind: AddressKind): AddressRange {
  return { prefix: mustParse(prefix), bits, kind };
}

function inPrefix(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const remaining = Math.min(8, bits - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

// IANA's special-purpose registries, reduced to what matters for an outbound fetch.
const IPV4_RANGES: readonly AddressRange[] = [
  // 0.0.0.0 reaches the local machine on Linux, so the whole "this network" block is refused.
  range('0.0.0.0', 8, 'unspecified'),
  range('10.0.0.0', 8, 'private'),
  range('100.64.0.0', 10, 'private'), // carrier-grade NAT, often used inside cloud networks
  range('127.0.0.0', 8, 'loopback'),
  range('169.254.0.0', 16, 'link_local'), // includes the cloud metadata endpoint 169.254.169.254
  range('172.16.0.0', 12, 'private'),
  range('192.0.0.0', 24, 'reserved'),
  range('192.0.2.0', 24, 'reserved'),
  range('192.88.99.0', 24, 'reserved'),
  range('192.168.0.0', 16, 'private'),
  range('198.18.0.0', 15, 'reserved'),
  range('198.51.100.0', 24, 'reserved'),
  range('203.0.113.0', 24, 'reserved'),
  range('224.0.0.0', 4, 'multicast'),
  range('240.0.0.0', 4, 'reserved'), // includes the broadcast address 255.255.255.255
];

const IPV6_RANGES: readonly AddressRange[] = [
  range('::', 128, 'unspecified'),
  range('::1', 128, 'loopback'),
  range('::', 96, 'reserved'), // the deprecated IPv4-compatible form (::a.b.c.d) no longer routes
  range('64:ff9b:1::', 48, 'reserved'),
  range('100::', 64, 'reserved'),
  range('2001:db8::', 32, 'reserved'),
  range('fc00::', 7, 'unique_local'),
  range('fe80::', 10, 'link_local'),
  range('fec0::', 10, 'private'), // deprecated site-local, still private where it is used
  range('ff00::', 8, 'multicast'),
];

// These forms are judged by the IPv4 address inside them, or ::ffff:127.0.0.1 would be a way in.
const IPV4_EMBEDDINGS: readonly EmbeddingRange[] = [
  { prefix: mustParse('::ffff:0:0'), bits: 96, ipv4At: 12 }, // IPv4-mapped
  { prefix: mustParse('64:ff9b::'), bits: 96, ipv4At: 12 }, // NAT64
  { prefix: mustParse('2002::'), bits: 16, ipv4At: 2 }, // 6to4
];

function classifyBytes(bytes: Uint8Array): AddressKind {
  if (bytes.length === 4) {
    return IPV4_RANGES.find((candidate) => inPrefix(bytes, candidate.prefix, candidate.bits))?.kind ?? 'public';
  }
  const embedding = IPV4_EMBEDDINGS.find((candidate) => inPrefix(bytes, candidate.prefix, candidate.bits));
  if (embedding !== undefined) return classifyBytes(bytes.slice(embedding.ipv4At, embedding.ipv4At + 4));
  return IPV6_RANGES.find((candidate) => inPrefix(bytes, candidate.prefix, candidate.bits))?.kind ?? 'public';
}

/**
 * Says what kind of address `ip` is: `public` for globally routable unicast, otherwise the
 * special-purpose block it falls in. IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged by the
 * IPv4 address; text that is not an IP address is `invalid`.
 */
export function classifyAddress(ip: string): AddressKind {
  const unbracketed = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const bytes = parseIPv4(unbracketed) ?? parseIPv6(unbracketed);
  return bytes === null ? 'invalid' : classifyBytes(bytes);
}

/**
 * True when the bot must not connect to `ip`: anything but a public address, except loopback
 * when `allowLoopback` is set (local mode, e.g. the Bot Framework Emulator). Text that is not
 * an IP address is refused too, so a parsing gap can never let an address through.
 */
export function isForbiddenAddress(ip: string, allowLoopback: boolean): boolean {
  const kind = classifyAddress(ip);
  return kind !== 'public' && !(allowLoopback && kind === 'loopback');
}
