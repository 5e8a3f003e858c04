import { isIP } from "node:net";
import type { RawRequest } from "./protocols/types";

/**
 * The control API changes and reveals all emulated state without any authentication. These checks refuse what a web
 * page open in the user's browser could send it; real control clients (ControlClient, curl, tests) pass them all:
 *
 * - a foreign `Origin`: browsers add it to cross-origin requests (fetch, form posts), and nothing but the emulator's
 *   own loopback origin may drive it;
 * - a `Host` that is not loopback or the address the request came in on: a DNS-rebinding page reaches 127.0.0.1 under
 *   its own host name, which the browser then sends as Host;
 * - a POST (or a body) that is not `application/json`: the only bodies a page can send without a CORS preflight are
 *   form and text types, and the emulator answers no preflight.
 */

/** Where the request arrived: the address and port the client connected to, and the host names allowed besides. */
export interface ArrivalSocket {
  localAddress?: string;
  localPort?: number;
  /**
   * Host names (lower case) accepted besides loopback, e.g. a docker-compose service name; from the `controlHosts`
   * option (CLI `--control-host`). Each is a deliberate exception to the DNS-rebinding rule.
   */
  extraHosts?: readonly string[];
}

export interface ControlRefusal {
  status: 403 | 415;
  message: string;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

export function refuseControlRequest(raw: RawRequest, socket: ArrivalSocket): ControlRefusal | undefined {
  const host = raw.headers["host"];
  if (host !== undefined && !hostAllowed(hostnameOf(host), socket)) {
    return {
      status: 403,
      message:
        "control API refused: the Host header must be localhost, a loopback address or the address the emulator was reached on (a host name other than localhost is refused, against DNS rebinding)",
    };
  }
  const origin = raw.headers["origin"];
  if (origin !== undefined && !ownOrigins(socket).includes(origin.toLowerCase())) {
    return { status: 403, message: "control API refused: requests from a web page (an Origin header other than the emulator's own) are not allowed" };
  }
  const hasBody = raw.body.length > 0;
  if ((raw.method === "POST" || hasBody) && !isJson(raw.headers["content-type"])) {
    return { status: 415, message: "control API refused: a request with a body (and every POST) needs content-type: application/json" };
  }
  return undefined;
}

/** `example:4566` → example; `[::1]:4566` → ::1; lower case. */
function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") < 0 ? undefined : h.indexOf("]"));
  const colon = h.lastIndexOf(":");
  // More than one colon without brackets: a bare IPv6 address (not valid in Host, but unambiguous).
  return colon >= 0 && h.indexOf(":") === colon ? h.slice(0, colon) : h;
}

function hostAllowed(hostname: string, socket: ArrivalSocket): boolean {
  if (LOOPBACK_NAMES.has(hostname) || socket.extraHosts?.includes(hostname)) return true;
  if (isIP(hostname) === 4 && hostname.startsWith("127.")) return true;
  // An IP literal can only be the address the client really connected to (a rebinding attack needs a host name).
  return isIP(hostname) !== 0 && normalizeAddress(hostname) === normalizeAddress(socket.localAddress ?? "");
}

function normalizeAddress(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

/** The emulator's own origin, under each loopback name: what a page it served (it serves none) would send. */
function ownOrigins(socket: ArrivalSocket): string[] {
  const port = socket.localPort;
  if (port === undefined) return [];
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Whether `host` (as given to --host) keeps the emulator on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return LOOPBACK_NAMES.has(h) || (isIP(h) === 4 && h.startsWith("127."));
}
