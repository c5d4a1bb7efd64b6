// Where webhooks may point. Private, loopback, link-local and other special-purpose addresses are
// refused (server-side request forgery), at registration and again at every delivery, on the
// address actually connected to, so a DNS answer that changes later cannot sneak past.
import dns from 'node:dns/promises';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { DomainError } from '../../errors';

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
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** True for an address a webhook must not reach (IPv4-mapped and NAT64 IPv6 are unwrapped). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded) return blocked.check(embedded, 'ipv4');
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const n = (parseInt(mappedHex[1]!, 16) << 16) | parseInt(mappedHex[2]!, 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return blocked.check(address, 'ipv6');
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
