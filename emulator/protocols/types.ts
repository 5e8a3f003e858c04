/** A request as received on the wire, before any protocol interpretation. */
export interface RawRequest {
  method: string;
  /** Path exactly as sent (still percent-encoded), without the query string. */
  path: string;
  /** Query string exactly as sent, without the leading "?". */
  rawQuery: string;
  /** Lower-case header names; repeated headers joined with "," (the SigV4 canonical form). */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An operation's decoded name and input, independent of the wire protocol. */
export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * An error as a service defines it (code, HTTP status, message); the protocol decides how it is written
 * (JSON `__type`, XML `<Code>`, `x-amzn-ErrorType`, …).
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = code;
  }

  /** "Sender" or "Receiver" in AWS terms; used by the XML protocols. */
  get faultType(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

/** Why SigV4 authentication failed; each protocol maps this to its own error code (e.g. STS uses different names). */
export type AuthFailureKind =
  | "missing" // no Authorization header (or presigned query)
  | "incomplete" // Authorization header present but malformed
  | "unknown-key" // access key not recognised, or session token missing/wrong
  | "expired-token" // temporary credentials past their expiration
  | "signature-mismatch" // includes expired or not-yet-valid request dates and wrong scope
  ;

/**
 * One AWS wire protocol, configured for one service. Adding a service that speaks an existing protocol is a new
 * service definition; adding a protocol (restJson1 for OpenSearch) is a new implementation of this interface.
 */
export interface Protocol {
  /** Whether a request is addressed to this protocol's service (cheap checks on method, path, headers). */
  matches(req: RawRequest): boolean;
  /**
   * Whether a request that no service `matches` still has this protocol's shape (e.g. a query request with an unknown
   * Version), so that its error can be written in this protocol rather than in a generic one.
   */
  resembles?(req: RawRequest): boolean;
  /**
   * The operation name as far as it can be known without decoding the input (for logging auth failures);
   * undefined when the request does not name one.
   */
  peekOperation(req: RawRequest): string | undefined;
  /** Decodes operation and input; throws ServiceError for malformed requests or unknown operations. */
  decode(req: RawRequest, knownOperations: ReadonlySet<string>): DecodedRequest;
  encodeOutput(operation: string, output: object, requestId: string): HttpResponse;
  encodeError(error: ServiceError, requestId: string): HttpResponse;
  /** The error this protocol's services return for an authentication failure. */
  authError(kind: AuthFailureKind, message: string): ServiceError;
}
