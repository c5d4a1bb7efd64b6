// IP address helpers shared by the SSRF policy and the login throttle.
import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address (net.isIP has already said it is one). */
export function ipv6Hextets(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g || '0', 16));
}

/**
 * The unit a per-address limit counts: an IPv4 address as it is, an IPv6 client by its /64, since
 * one subscriber usually holds a whole /64 and could otherwise rotate through its addresses.
 */
export function addressBucket(ip: string): string {
  if (net.isIP(ip) !== 6) return ip;
  const h = ipv6Hextets(ip);
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return [h[6]! >> 8, h[6]! & 255, h[7]! >> 8, h[7]! & 255].join('.');
  return `${h.slice(0, 4).map((x) => x.toString(16)).join(':')}::/64`;
}
