import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numRuns } from '../../test/split-bytes.js';
import { parseIpAllowList } from './ip-allow-list.js';

const ipv4 = (value: number): string => [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
const hex = (groups: readonly number[]): string => groups.map((group) => group.toString(16)).join(':');
const samePrefix = (a: number, b: number, prefix: number): boolean =>
  prefix === 0 || a >>> (32 - prefix) === b >>> (32 - prefix);

describe('parseIpAllowList (properties)', () => {
  it('should contain an IPv4 address exactly when its first prefix bits equal the range', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), fc.nat({ max: 0xffffffff }), (network, prefix, probe) => {
        const list = parseIpAllowList([`${ipv4(network)}/${prefix}`]);
        const expected = samePrefix(network, probe, prefix);
        expect(list.contains(ipv4(probe))).toBe(expected);
        expect(list.contains(`::ffff:${ipv4(probe)}`)).toBe(expected);
      }),
      { numRuns },
    );
  });

  it('should treat a compressed IPv6 address like its full spelling', () => {
    const groups = fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 0xffff })), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(groups, fc.nat(), fc.nat(), (values, startSeed, lengthSeed) => {
        const start = startSeed % 8;
        const end = start + 1 + (lengthSeed % (8 - start));
        const zeroed = values.map((value, index) => (index >= start && index < end ? 0 : value));
        const compressed = `${hex(zeroed.slice(0, start))}::${hex(zeroed.slice(end))}`;
        expect(parseIpAllowList([hex(zeroed)]).contains(compressed)).toBe(true);
        const full = hex(values);
        expect(parseIpAllowList([full]).contains(full.toUpperCase())).toBe(true);
      }),
      { numRuns },
    );
  });
});
