import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpResponse, RawRequest } from "./protocols/types";

/** AWS APIs reject far smaller bodies; this only protects the emulator's memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the whole request, keeping path and query exactly as sent (SigV4 needs the raw form). */
export async function readRawRequest(req: IncomingMessage): Promise<RawRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return {
    method: req.method ?? "GET",
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? "" : url.slice(q + 1),
    headers: canonicalHeaders(req.rawHeaders),
    body: Buffer.concat(chunks),
  };
}

/** Lower-cased names; repeated headers joined with "," in arrival order, as SigV4 canonicalisation requires. */
function canonicalHeaders(rawHeaders: string[]): Record<string, string> {
  // No prototype: a header named like an Object.prototype member must stay an ordinary header.
  const out = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1].trim();
    out[name] = name in out ? `${out[name]},${value}` : value;
  }
  return out;
}

export function send(res: ServerResponse, response: HttpResponse): void {
  const body = Buffer.from(response.body, "utf8");
  res.writeHead(response.status, { ...response.headers, "Content-Length": String(body.length) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) });
}
