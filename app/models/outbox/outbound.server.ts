import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { config } from "~/config.server";
import { isAllowedHost, isPublicAddress, outboundHostOf } from "~/domain/outbound";
import { InputError } from "../errors";

/**
 * Every request the server makes of its own accord (a partner's API, the outgoing webhook, an API key's
 * callback) goes through here: the address must be http(s), and every address its name resolves to must
 * be public, unless an administrator allowed the host (OUTBOUND_ALLOWED_HOSTS, for partners inside the
 * government network). Redirects are not followed, so an allowed host cannot send us elsewhere.
 */

/** Why a request to `address` may not be made now (a key of the catalogue's `error.` messages), or null. */
export async function outboundProblem(
  address: string,
  allowed: readonly string[] = config().OUTBOUND_ALLOWED_HOSTS,
): Promise<string | null> {
  const host = outboundHostOf(address);
  if (!host) return "outboundUrl";
  if (isAllowedHost(host, allowed)) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
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

/** `fetch`, checked against the policy first (the name resolved again at every request), following no redirect. */
export async function outboundFetch(address: string, init: RequestInit): Promise<Response> {
  const problem = await outboundProblem(address);
  if (problem) throw new OutboundRefusedError(problem);
  return fetch(address, { ...init, redirect: "manual" });
}
