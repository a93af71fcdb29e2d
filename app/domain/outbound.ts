import { isIP } from "node:net";

/**
 * Where the server may send requests of its own (partners, the webhook, API keys' callbacks): only to
 * public addresses, so that a configured address can never make it scan or talk to the machine's own
 * services or the internal network (docs/security.md "Outbound requests"). Administrators list the hosts
 * inside the government network that are allowed all the same.
 */

/** IPv4 ranges no request of ours may reach: [first address, prefix length]. */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 itself
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

const v4Number = (address: string) => address.split(".").reduce((value, part) => value * 256 + Number(part), 0);

function blockedV4(address: string): boolean {
  const value = v4Number(address);
  return BLOCKED_V4.some(([first, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4Number(first);
    return value >= start && value < start + size;
  });
}

/** The 16 bytes of an IPv6 address (with an embedded IPv4 part where it has one). */
function v6Bytes(address: string): number[] {
  let text = address.toLowerCase().split("%")[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const value = v4Number(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const groups = [...headParts, ...Array(8 - headParts.length - tailParts.length).fill("0"), ...tailParts];
  return groups.flatMap((group) => {
    const value = parseInt(group || "0", 16);
    return [value >> 8, value & 0xff];
  });
}

function blockedV6(address: string): boolean {
  const bytes = v6Bytes(address);
  const isZero = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (isZero(0, 16)) return true; // ::
  if (isZero(0, 15) && bytes[15] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses: judged as the IPv4 address they carry.
  if (isZero(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || isZero(10, 12))) {
    return blockedV4(bytes.slice(12).join("."));
  }
  if ((bytes[0] & 0xfe) === 0xfc) return true; // unique local fc00::/7
  if (bytes[0] === 0xfe && (bytes[1] & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (bytes[0] === 0xff) return true; // multicast
  return false;
}

/** Whether an IP address (v4 or v6) is one our requests may reach. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address.split("%")[0]);
  if (version === 4) return !blockedV4(address);
  if (version === 6) return !blockedV6(address);
  return false;
}

/**
 * The host of an http(s) address, as the URL standard reads it (2130706433, 0x7f.1 and 0177.0.0.1 all
 * become 127.0.0.1), or null for anything else.
 */
export function outboundHostOf(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** Whether `host` is on the administrator's list (exact names, or an address). */
export const isAllowedHost = (host: string, allowed: readonly string[]) => allowed.includes(host.toLowerCase());
