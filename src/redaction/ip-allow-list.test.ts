import { describe, expect, it } from 'vitest';
import { parseIpAllowList } from './ip-allow-list.js';

describe('parseIpAllowList', () => {
  it('should match exact IPv4 and IPv6 addresses', () => {
    const list = parseIpAllowList(['127.0.0.1', '::1', '2001:db8::42']);
    expect(list.contains('127.0.0.1')).toBe(true);
    expect(list.contains('127.0.0.2')).toBe(false);
    expect(list.contains('::1')).toBe(true);
    expect(list.contains('0:0:0:0:0:0:0:1')).toBe(true);
    expect(list.contains('2001:0DB8:0000::0042')).toBe(true);
    expect(list.contains('2001:db8::43')).toBe(false);
  });

  it('should match IPv4 CIDR ranges up to and including their edges', () => {
    const list = parseIpAllowList(['10.0.0.0/8', '192.168.1.128/25']);
    expect(list.contains('10.0.0.0')).toBe(true);
    expect(list.contains('10.255.255.255')).toBe(true);
    expect(list.contains('9.255.255.255')).toBe(false);
    expect(list.contains('11.0.0.0')).toBe(false);
    expect(list.contains('192.168.1.128')).toBe(true);
    expect(list.contains('192.168.1.255')).toBe(true);
    expect(list.contains('192.168.1.127')).toBe(false);
    expect(list.contains('192.168.2.128')).toBe(false);
  });

  it('should treat /32, /0 and host bits the way ipaddr.js does', () => {
    expect(parseIpAllowList(['8.8.8.8/32']).contains('8.8.8.8')).toBe(true);
    expect(parseIpAllowList(['8.8.8.8/32']).contains('8.8.8.9')).toBe(false);
    const everyIpv4 = parseIpAllowList(['0.0.0.0/0']);
    expect(everyIpv4.contains('255.255.255.255')).toBe(true);
    expect(everyIpv4.contains('::1')).toBe(false);
    expect(parseIpAllowList(['10.1.2.3/8']).contains('10.200.0.1')).toBe(true);
  });

  it('should match IPv6 CIDR ranges at their edges', () => {
    const list = parseIpAllowList(['fd00::/8', '2001:db8:abcd:12::/64', 'fe80::/10']);
    expect(list.contains('fd00::')).toBe(true);
    expect(list.contains('fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(list.contains('fe00::')).toBe(false);
    expect(list.contains('fc00::1')).toBe(false);
    expect(list.contains('2001:db8:abcd:12:ffff:ffff:ffff:ffff')).toBe(true);
    expect(list.contains('2001:db8:abcd:13::')).toBe(false);
    expect(list.contains('febf:ffff::1')).toBe(true);
    expect(list.contains('fec0::1')).toBe(false);
    expect(list.contains('fe80::1%eth0')).toBe(true);
    expect(parseIpAllowList(['::/0']).contains('2a00:1450::1')).toBe(true);
  });

  it('should match the IPv4-mapped form a dual-stack socket reports against IPv4 entries, and back', () => {
    const list = parseIpAllowList(['127.0.0.0/8', '192.168.0.10']);
    expect(list.contains('::ffff:127.0.0.1')).toBe(true);
    expect(list.contains('::FFFF:7f00:1')).toBe(true);
    expect(list.contains('::ffff:192.168.0.10')).toBe(true);
    expect(list.contains('::ffff:128.0.0.1')).toBe(false);
    expect(list.contains('::127.0.0.1')).toBe(false);
    const mapped = parseIpAllowList(['::ffff:10.0.0.0/104']);
    expect(mapped.contains('10.9.8.7')).toBe(true);
    expect(mapped.contains('11.0.0.1')).toBe(false);
  });

  it('should accept every IPv6 spelling of the same address', () => {
    const list = parseIpAllowList(['1:2:3:4:5:6:7:8']);
    for (const spelling of ['1:2:3:4:5:6:7:8', '0001:0002:0003:0004:0005:0006:0007:0008']) {
      expect(list.contains(spelling)).toBe(true);
    }
    const zeros = parseIpAllowList(['1::8']);
    expect(zeros.contains('1:0:0:0:0:0:0:8')).toBe(true);
    expect(parseIpAllowList(['1:2:3:4:5:6:7::']).contains('1:2:3:4:5:6:7:0')).toBe(true);
    expect(parseIpAllowList(['::2:3:4:5:6:7:8']).contains('0:2:3:4:5:6:7:8')).toBe(true);
    expect(parseIpAllowList(['::ffff:1.2.3.4']).contains('0:0:0:0:0:ffff:102:304')).toBe(true);
  });

  it('should trim entries and return false for addresses it cannot parse', () => {
    const list = parseIpAllowList(['  10.0.0.1  ']);
    expect(list.contains('10.0.0.1')).toBe(true);
    expect(list.contains(' 10.0.0.1 ')).toBe(true);
    for (const junk of ['', 'localhost', '10.0.0', '10.0.0.1.2', '::ffff:999.0.0.1', '1:::2', 'g::1']) {
      expect(list.contains(junk)).toBe(false);
    }
    expect(parseIpAllowList([]).contains('127.0.0.1')).toBe(false);
    expect(list.entries).toEqual(['  10.0.0.1  ']);
  });

  it('should throw naming the entry when an entry is invalid', () => {
    const invalid = [
      'localhost',
      '256.0.0.1',
      '01.2.3.4',
      '1.2.3',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/-1',
      '10.0.0.0/8/8',
      '::/129',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7:8::',
      '12345::',
      '1.2.3.4::',
      'fe80::1%',
      '',
    ];
    for (const entry of invalid) {
      expect(() => parseIpAllowList(['127.0.0.1', entry]), entry).toThrow(`"${entry}"`);
    }
  });
});
