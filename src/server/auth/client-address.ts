import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../context';

/**
 * The client's address: the socket's peer, or with TRUST_PROXY=1 the right-most `X-Forwarded-For` entry — the hop our
 * own proxy added. Entries to its left were written by the client and prove nothing.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const last = hops[hops.length - 1];
    if (last && isIP(unbracket(last))) return normalise(unbracket(last));
  }
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  return remote ? normalise(remote) : 'unknown';
}

const unbracket = (a: string) => a.replace(/^\[(.*)\]$/, '$1');

/** IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is the IPv4 address; IPv6 is written out in full, lower case. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return expandIpv6(address).join(':');
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  // A trailing dotted IPv4 part becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0'));
}

/**
 * The unit the sign-in limits count by: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber or
 * office usually holds a whole /64, so counting single IPv6 addresses would let one client rotate through billions).
 */
export function limitGroup(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}
