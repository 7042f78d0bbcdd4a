/**
 * Parses IPv4 and IPv6 text into one 128-bit number space: an IPv4 address `a.b.c.d` becomes its
 * IPv4-mapped IPv6 form `::ffff:a.b.c.d`, so `127.0.0.1` and `::ffff:127.0.0.1` (what a dual-stack
 * socket reports) are the same number. Returns `undefined` for anything that is not an address.
 */
export interface ParsedIpAddress {
  /** The address as a 128-bit unsigned number (IPv4 mapped into `::ffff:0:0/96`). */
  readonly value: bigint;
  /** The family the text was written in. */
  readonly family: 4 | 6;
}

const ipv4MappedPrefix = 0xffffn << 32n;

export function parseIpAddress(text: string): ParsedIpAddress | undefined {
  const ipv4 = parseIpv4(text);
  if (ipv4 !== undefined) return { value: ipv4MappedPrefix | ipv4, family: 4 };
  const ipv6 = parseIpv6(text);
  return ipv6 === undefined ? undefined : { value: ipv6, family: 6 };
}

/** Dotted-quad only; a leading zero is rejected, since some parsers read `010` as octal. */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  // A zone id (`fe80::1%eth0`) names an interface, not part of the address.
  const zoneAt = text.indexOf('%');
  const address = zoneAt === -1 ? text : text.slice(0, zoneAt);
  if (zoneAt !== -1 && zoneAt === text.length - 1) return undefined;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const written = head.length + tail.length;
  if (halves.length === 2 ? written > 7 : written !== 8) return undefined;
  const groups = [...head, ...new Array<number>(8 - written).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** Colon-separated hex groups; the last one may be a dotted IPv4 address (two groups). */
function parseGroups(text: string, ipv4TailAllowed: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] ?? '';
    if (ipv4TailAllowed && index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4(part);
      if (ipv4 === undefined) return undefined;
      groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups;
}
