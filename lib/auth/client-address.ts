import { isIP } from "node:net";

/**
 * The client address of a request, for the per-address sign-in limit and the
 * sign-in log.
 *
 * Next fills `X-Forwarded-For` with the socket's remote address, but only when
 * the request carries none, so on its own the header is whatever the client
 * says. `npm start` therefore loads scripts/client-address-preload.cjs, which
 * drops a client's `X-Forwarded-For` unless `TRUST_PROXY` is set: without a
 * proxy the header is always the socket's address. Behind `TRUST_PROXY` = N
 * reverse proxies, each of which appends the address it saw (nginx's
 * `$proxy_add_x_forwarded_for`), the N-th entry from the right is the address
 * the outermost trusted proxy saw; entries to its left are the client's own word.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  const index = Math.max(0, hops.length - Math.max(1, trustedProxies));
  return normaliseAddress(hops[index]!);
}

/** An IPv4 or IPv6 address in its usual spelling, or null for anything else. */
export function normaliseAddress(value: string): string | null {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : null;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function headerOf(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/** Address and user agent of a request, from its headers. */
export function signInClientOf(headers: HeaderBag, trustedProxies: number) {
  return {
    address: clientAddress(headerOf(headers, "x-forwarded-for"), trustedProxies),
    userAgent: headerOf(headers, "user-agent")?.slice(0, 300) ?? null,
  };
}

/**
 * The key an address is throttled under: an IPv4 address itself, an IPv6
 * address its /64, since one IPv6 client usually holds a whole /64 and could
 * otherwise rotate through it. Expects an address normaliseAddress accepted.
 */
export function throttleKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const part = (text: string) =>
    text
      .split(":")
      .filter(Boolean)
      .flatMap((group) => {
        if (!group.includes(".")) return [group];
        const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
        return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
      });
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
