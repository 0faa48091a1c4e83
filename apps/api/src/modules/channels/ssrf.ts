import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a channel may not reach unless WEBHOOK_ALLOW_PRIVATE=true: a tenant-supplied URL must not let the
 * server call its own network (SSRF). Ranges from the IANA special-purpose registries (RFC 6890 and successors):
 * IPv4 "this network" 0/8, private 10/8, 172.16/12, 192.168/16 (RFC 1918), shared 100.64/10 (RFC 6598), loopback
 * 127/8, link-local 169.254/16 (cloud metadata services live at 169.254.169.254), IETF 192.0.0/24, benchmarking
 * 198.18/15, multicast 224/4, reserved 240/4; IPv6 unspecified ::, loopback ::1, unique-local fc00::/7 (RFC 4193),
 * link-local fe80::/10, site-local fec0::/10 (deprecated), multicast ff00::/8. IPv4-mapped (::ffff:a.b.c.d), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16) addresses are judged by the IPv4 address they carry.
 */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** Expands an IPv6 address to its 8 groups of 16 bits (handles `::` and a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let addr = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (dotted) {
    const p = dotted[1]!.split('.').map(Number);
    addr = `${addr.slice(0, -dotted[1]!.length)}${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g || '0', 16));
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-compatible, NAT64, 6to4), or null. */
export function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return v4(g[6]!, g[7]!); // ::a.b.c.d (deprecated compatible form)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 2002:AABB:CCDD::/48
  return null;
}

/**
 * Whether `address` (an IP literal) is in a range channels may not reach (see {@link BLOCKED}). Anything that is not
 * an IP literal counts as blocked.
 */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4 !== null) return BLOCKED.check(v4, 'ipv4');
  return BLOCKED.check(address, 'ipv6');
}

/** A target URL a channel may not use; `field` names the request field at the edge (400). */
export class BlockedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlockedTargetError';
  }
}

/** Resolves a host name to all its addresses (A and AAAA); injectable for tests. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves `host` and returns its addresses when every one of them may be reached (all, not one: a name with one
 * public and one private address could be answered either way by the resolver at connect time).
 * @throws BlockedTargetError when the host does not resolve or an address is private, loopback, link-local, …
 */
export async function resolvePublic(
  host: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: number }[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addresses = await resolve(bare);
    } catch (error) {
      throw new BlockedTargetError(
        `host ${bare} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  if (!addresses.length) throw new BlockedTargetError(`host ${bare} does not resolve`);
  if (!allowPrivate) {
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked)
      throw new BlockedTargetError(
        `host ${bare} resolves to ${blocked.address}, a private, loopback, link-local or reserved address (WEBHOOK_ALLOW_PRIVATE=true allows it)`,
      );
  }
  return addresses;
}

/**
 * Checks the form of a channel URL: absolute, `https:` (or `http:` when private targets are allowed, for local
 * receivers), no user name or password, at most 2,000 characters.
 * @returns the parsed URL. @throws BlockedTargetError naming what is wrong.
 */
export function parseChannelUrl(raw: string, allowPrivate: boolean): URL {
  if (raw.length > 2000) throw new BlockedTargetError('must be at most 2000 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedTargetError('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    throw new BlockedTargetError(
      allowPrivate
        ? 'must be an http:// or https:// URL'
        : 'must be an https:// URL (http:// only with WEBHOOK_ALLOW_PRIVATE=true)',
    );
  if (url.username || url.password) throw new BlockedTargetError('must not carry a user name or password');
  return url;
}
