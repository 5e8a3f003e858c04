import type { AuthFailureKind, HttpResponse, RawRequest } from "./types";
import { ServiceError } from "./types";

/** How a protocol's services report one kind of authentication failure. */
export interface AuthErrorSpec {
  code: string;
  status: number;
  /** A message AWS always gives for this failure, instead of the authenticator's own. */
  fixedMessage?: string;
}

export type AuthErrorTable = Readonly<Record<AuthFailureKind, AuthErrorSpec>>;

/**
 * Codes of authentication failures in AWS's JSON services (awsJson1_0/1_1 and restJson1, the Coral front end). Only
 * the HTTP status differs between the protocols, so each passes its own.
 */
export function jsonAuthErrors(status: number): AuthErrorTable {
  return {
    missing: { code: "MissingAuthenticationTokenException", status, fixedMessage: "Missing Authentication Token" },
    incomplete: { code: "IncompleteSignatureException", status },
    "unknown-key": { code: "UnrecognizedClientException", status },
    "expired-token": { code: "ExpiredTokenException", status },
    "signature-mismatch": { code: "InvalidSignatureException", status },
  };
}

/** The error a protocol's table gives for an authentication failure. */
export function authErrorFrom(table: AuthErrorTable, kind: AuthFailureKind, message: string): ServiceError {
  const spec = table[kind];
  return new ServiceError(spec.code, spec.fixedMessage ?? message, spec.status);
}

/** The JSON object a request body holds; an empty body is `{}`. Anything else is a SerializationException. */
export function jsonObjectBody(req: RawRequest): Record<string, unknown> {
  const text = req.body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON.", 400);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError("SerializationException", "Start of structure or map found where not expected.", 400);
  }
  return parsed as Record<string, unknown>;
}

/** A response as every protocol writes it: its content type and the request id, then any protocol-specific headers. */
export function httpResponse(status: number, contentType: string, requestId: string, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { "Content-Type": contentType, "x-amzn-RequestId": requestId, ...headers }, body };
}
