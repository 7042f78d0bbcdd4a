import { parseIpAddress } from './parse-ip-address.js';

export interface IpAllowList {
  /** Whether the address is listed; an unparseable address is never listed. */
  contains(ip: string): boolean;
  /** The entries as given, for logs and the startup banner. */
  readonly entries: readonly string[];
}

interface Range {
  readonly network: bigint;
  readonly mask: bigint;
}

const allBits = (1n << 128n) - 1n;

/**
 * Parses trusted-IP entries (`--trusted-ip`, YAML `auth.trusted_ips`, SEED-SPEC §11.1): exact
 * IPv4/IPv6 addresses and CIDR ranges of either family.
 *
 * Everything is compared in IPv6 space, with IPv4 written as `::ffff:a.b.c.d`, so an IPv4 entry
 * matches the IPv4-mapped form a dual-stack socket reports (`::ffff:127.0.0.1`), and an IPv4
 * prefix `/n` is the IPv6 prefix `/96+n`. Host bits set in a CIDR (`10.0.0.1/8`) are ignored, as
 * ipaddr.js does. An invalid entry throws, naming it, so a typo fails at startup.
 *
 * @param entries Addresses and ranges, e.g. `['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']`.
 * @example
 * const trusted = parseIpAllowList(['10.0.0.0/8', '::1']);
 * trusted.contains('::ffff:10.1.2.3'); // true
 * trusted.contains('11.0.0.1');        // false
 */
export function parseIpAllowList(entries: readonly string[]): IpAllowList {
  const ranges = entries.map(parseEntry);
  return {
    entries: [...entries],
    contains(ip: string): boolean {
      if (ranges.length === 0) return false;
      const address = parseIpAddress(ip.trim());
      if (address === undefined) return false;
      return ranges.some((range) => (address.value & range.mask) === range.network);
    },
  };
}

function parseEntry(entry: string): Range {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (address === undefined) throw invalidEntry(entry, 'not an IPv4 or IPv6 address');
  let prefix = 128;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    const maximum = address.family === 4 ? 32 : 128;
    if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > maximum) {
      throw invalidEntry(entry, `the prefix length must be 0-${maximum}`);
    }
    prefix = Number(prefixText) + (address.family === 4 ? 96 : 0);
  }
  const mask = prefix === 0 ? 0n : (allBits << BigInt(128 - prefix)) & allBits;
  return { network: address.value & mask, mask };
}

function invalidEntry(entry: string, reason: string): Error {
  return new Error(`Invalid trusted IP entry "${entry}": ${reason}`);
}
