// Where webhooks may point. Private, loopback, link-local and other special-purpose addresses are
// refused (server-side request forgery), at registration and again at every delivery, on the
// address actually connected to, so a DNS answer that changes later cannot sneak past.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { DomainError } from '../../errors';
import { ipv6Hextets } from '../../net/ip';

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv4');
}

/** True for an address a webhook must not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return isPrivateIpv6(address);
  return true;
}

const ipv4Of = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');

/**
 * IPv6 is judged by allow-list: only global unicast (2000::/3) may be reached, less documentation
 * and Teredo ranges; forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged
 * by that address. Everything else (loopback, unique and site local, link-local, multicast…) is out.
 */
function isPrivateIpv6(address: string): boolean {
  const h = ipv6Hextets(address);
  const zeros = (n: number) => h.slice(0, n).every((x) => x === 0);
  if (zeros(5) && h[5] === 0xffff) return isPrivateAddress(ipv4Of(h[6]!, h[7]!)); // ::ffff:a.b.c.d
  if (zeros(4) && h[4] === 0xffff && h[5] === 0) return isPrivateAddress(ipv4Of(h[6]!, h[7]!)); // ::ffff:0:a.b.c.d
  if (zeros(6)) return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return isPrivateAddress(ipv4Of(h[6]!, h[7]!));
  if (h[0] === 0x2002) return isPrivateAddress(ipv4Of(h[1]!, h[2]!)); // 6to4
  if ((h[0]! & 0xe000) !== 0x2000) return true; // outside global unicast
  if (h[0] === 0x2001 && (h[1] === 0 || h[1] === 0xdb8)) return true; // Teredo, documentation
  return false;
}

const invalidUrl = (message: string) =>
  new DomainError('VALIDATION_FAILED', `url: ${message}`, { issues: [{ path: 'url', message }] });

/** Checks a webhook URL before it is stored; returns it normalised. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidUrl('must use http or https');
  if (url.username || url.password) throw invalidUrl('must not contain credentials');
  if (allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw invalidUrl('the host name does not resolve');
    }
  }
  if (addresses.some(isPrivateAddress)) {
    throw invalidUrl('points at a private, loopback or link-local address (set CALOS_WEBHOOK_ALLOW_PRIVATE for development)');
  }
  return url.toString();
}

/** A DNS lookup for the delivery's HTTP request that refuses private answers. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns
      .lookup(hostname, { all: true, verbatim: true, family: (options as { family?: number }).family ?? 0 })
      .then((answers) => {
        const allowed = allowPrivate ? answers : answers.filter((a) => !isPrivateAddress(a.address));
        if (!allowed.length) {
          const err = Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' });
          return callback(err, '', 0);
        }
        if ((options as { all?: boolean }).all) return callback(null, allowed as never);
        return callback(null, allowed[0]!.address, allowed[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}
