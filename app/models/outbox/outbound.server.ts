import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { config } from "~/config.server";
import { isAllowedHost, isPublicAddress, outboundHostOf } from "~/domain/outbound";
import { InputError } from "../errors";

/**
 * Every request the server makes of its own accord (a partner's API, the outgoing webhook, an API key's
 * callback) goes through here: the address must be http(s), and every address its name resolves to must
 * be public, unless an administrator allowed the host (OUTBOUND_ALLOWED_HOSTS, for partners inside the
 * government network). The check is made twice: before the request, for a clear reason, and on the
 * address the connection is actually opened to, so that a name answering differently the second time
 * (DNS rebinding) cannot slip through. Redirects are not followed, so an allowed host cannot send us elsewhere.
 */

/** Every address a name stands for. */
export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** Why a request to `address` may not be made now (a key of the catalogue's `error.` messages), or null. */
export async function outboundProblem(
  address: string,
  allowed: readonly string[] = config().OUTBOUND_ALLOWED_HOSTS,
  resolve: Resolve = systemResolve,
): Promise<string | null> {
  const host = outboundHostOf(address);
  if (!host) return "outboundUrl";
  if (isAllowedHost(host, allowed)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return "outboundUnresolved";
  }
  if (addresses.length === 0) return "outboundUnresolved";
  return addresses.every(isPublicAddress) ? null : "outboundInternal";
}

/** An address a user is saving (the webhook, a key's callback): refused with the policy's reason as the field's error. */
export async function requireOutboundAddress(field: string, address: string) {
  const problem = await outboundProblem(address);
  if (problem) throw new InputError({ [field]: problem });
}

/** A request refused by the outbound policy: never sent. */
export class OutboundRefusedError extends Error {
  constructor(readonly problem: string) {
    super(`outbound request refused: ${problem}`);
  }
}

/**
 * The connection's own name lookup: the addresses it will connect to, refused when one is internal and
 * the host is not allowed. (An address written as digits is not looked up; the check before the request covers it.)
 */
function checkedLookup(resolve: Resolve, allowed: () => readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new OutboundRefusedError("outboundUnresolved"), "", 0);
        if (!isAllowedHost(hostname, allowed()) && !addresses.every(isPublicAddress)) {
          return callback(new OutboundRefusedError("outboundInternal"), "", 0);
        }
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) return (callback as (error: null, all: typeof entries) => void)(null, entries);
        callback(null, entries[0].address, entries[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

const agents = new Map<Resolve, Agent>();
const agentFor = (resolve: Resolve, allowed: () => readonly string[]) => {
  let agent = agents.get(resolve);
  if (!agent) {
    agent = new Agent({ connect: { lookup: checkedLookup(resolve, allowed) } });
    agents.set(resolve, agent);
  }
  return agent;
};

/**
 * `fetch`, checked against the policy before the request and again on the connection's addresses,
 * following no redirect. `resolve` and `allowed` are the system's and the configuration's, except in tests.
 */
export async function outboundFetch(
  address: string,
  init: RequestInit,
  options: { resolve?: Resolve; allowed?: readonly string[] } = {},
): Promise<Response> {
  const resolve = options.resolve ?? systemResolve;
  const allowed = () => options.allowed ?? config().OUTBOUND_ALLOWED_HOSTS;
  const problem = await outboundProblem(address, allowed(), resolve);
  if (problem) throw new OutboundRefusedError(problem);
  try {
    const response = await undiciFetch(address, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: "manual",
      dispatcher: agentFor(resolve, allowed),
    });
    return response as unknown as Response;
  } catch (error) {
    // The connection's check refused the address: the same refusal as before the request.
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof OutboundRefusedError ? cause : error;
  }
}
