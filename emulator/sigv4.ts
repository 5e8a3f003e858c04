import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AuthFailureKind, RawRequest } from "./protocols/types";

/**
 * AWS Signature Version 4 verification (header form), following the published algorithm: the canonical request is
 * rebuilt from what was received on the wire, never from what a client library would have sent, so that any
 * difference between client and service canonicalisation shows up here as it would against AWS.
 */

const ALGORITHM = "AWS4-HMAC-SHA256";
/** AWS rejects requests whose date is more than 15 minutes from the service's clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface ParsedSignature {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** The request date as sent (X-Amz-Date form). */
  amzDate: string;
  sessionToken?: string;
}

export interface AuthFailure {
  kind: AuthFailureKind;
  message: string;
}

export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

export function isAuthFailure(value: unknown): value is AuthFailure {
  return typeof value === "object" && value !== null && "kind" in value && "message" in value;
}

/**
 * Parses the Authorization header and checks everything that does not need the secret key: presence, syntax,
 * request date and its skew against real wall time (`realNow`), and that the scope date matches the request date.
 */
export function readSignature(req: RawRequest, realNow: number): ParsedSignature | AuthFailure {
  const header = req.headers["authorization"];
  if (header === undefined || header === "") {
    if (/(^|&)X-Amz-Algorithm=/i.test(req.rawQuery)) {
      return { kind: "incomplete", message: "Query-string (presigned) authentication is not supported by this endpoint." };
    }
    return { kind: "missing", message: "Missing Authentication Token" };
  }
  if (!header.startsWith(`${ALGORITHM} `)) {
    return { kind: "incomplete", message: `Unsupported Authorization Type. Authorization=${header}` };
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const required of ["Credential", "SignedHeaders", "Signature"]) {
    if (!fields.has(required)) {
      return { kind: "incomplete", message: `Authorization header requires '${required}' parameter. Authorization=${header}` };
    }
  }
  const credential = fields.get("Credential")!.split("/");
  if (credential.length !== 5 || credential[4] !== "aws4_request") {
    return {
      kind: "incomplete",
      message: `Credential should be scoped to a valid region, not '${credential[2] ?? ""}'. Authorization=${header}`,
    };
  }
  const [accessKeyId, scopeDate, region, service] = credential;
  const signedHeaders = fields.get("SignedHeaders")!.split(";");
  if (!signedHeaders.includes("host")) {
    return { kind: "signature-mismatch", message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." };
  }

  const amzDate = req.headers["x-amz-date"] ?? fromHttpDate(req.headers["date"]);
  if (amzDate === undefined) {
    return { kind: "incomplete", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." };
  }
  const requestTime = parseAmzDate(amzDate);
  if (requestTime === undefined) {
    return { kind: "incomplete", message: `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.` };
  }
  if (requestTime < realNow - MAX_SKEW_MS) {
    return {
      kind: "signature-mismatch",
      message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(realNow - MAX_SKEW_MS)} (${formatAmzDate(realNow)} - 15 min.)`,
    };
  }
  if (requestTime > realNow + MAX_SKEW_MS) {
    return {
      kind: "signature-mismatch",
      message: `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(realNow + MAX_SKEW_MS)} (${formatAmzDate(realNow)} + 15 min.)`,
    };
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    return {
      kind: "signature-mismatch",
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    };
  }
  const sessionToken = req.headers["x-amz-security-token"];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders,
    signature: fields.get("Signature")!,
    amzDate,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
  };
}

/** Recomputes the signature with `secretAccessKey` and compares it in constant time. */
export function verifySignature(req: RawRequest, sig: ParsedSignature, secretAccessKey: string): AuthFailure | undefined {
  const bodyHash = sha256Hex(req.body);
  const declaredHash = req.headers["x-amz-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    // Only S3 accepts UNSIGNED-PAYLOAD or streaming hashes; every other service needs the real body hash.
    return { kind: "signature-mismatch", message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
  }
  const canonical = canonicalRequest(req, sig.signedHeaders, bodyHash);
  const scope = `${sig.scopeDate}/${sig.region}/${sig.service}/aws4_request`;
  const stringToSign = [ALGORITHM, sig.amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = signingKey(secretAccessKey, sig.scopeDate, sig.region, sig.service);
  const expected = Buffer.from(createHmac("sha256", key).update(stringToSign).digest("hex"));
  const given = Buffer.from(sig.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { kind: "signature-mismatch", message: SIGNATURE_MISMATCH_MESSAGE };
  }
  return undefined;
}

export function canonicalRequest(req: RawRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(req.headers[name] ?? "")}`);
  return [
    req.method,
    canonicalPath(req.path),
    canonicalQuery(req.rawQuery),
    ...headerLines,
    "",
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

/**
 * Non-S3 services normalise the path (drop empty and "." segments, resolve "..") and URI-encode it once more; since
 * the wire path is already encoded, this is the "double encoding" of the SigV4 specification.
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${rawPath.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && rawPath.endsWith("/") ? "/" : ""}`;
  return uriEncode(normalized).replace(/%2F/g, "/");
}

/** Decoded names and values, re-encoded with RFC 3986 rules, sorted by name then value; X-Amz-Signature excluded. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(part.slice(eq + 1));
    if (name.toLowerCase() === "x-amz-signature") continue;
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, "utf8");
  for (const part of [date, region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return key;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 3986 unreserved characters stay; everything else is %XX (upper case). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalHeaderValue(value: string): string {
  return value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").trim();
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function fromHttpDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatAmzDate(ms);
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
