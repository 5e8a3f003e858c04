import type { AuthFailureKind, DecodedRequest, HttpResponse, Protocol, RawRequest } from "./types";
import { ServiceError } from "./types";
import { authErrorFrom, httpResponse, type AuthErrorTable } from "./common";
import { element, escapeXml, type XmlValue } from "./xml";

/**
 * Codes of authentication failures in query-protocol services (STS, IAM): different names from the JSON services,
 * and 403 except for a malformed signature (IncompleteSignature), which is a 400 as in AWS's common errors.
 */
const AUTH_ERRORS: AuthErrorTable = {
  missing: { code: "MissingAuthenticationToken", status: 403, fixedMessage: "Request is missing Authentication Token" },
  incomplete: { code: "IncompleteSignature", status: 400 },
  "unknown-key": { code: "InvalidClientTokenId", status: 403 },
  "expired-token": { code: "ExpiredToken", status: 403 },
  "signature-mismatch": { code: "SignatureDoesNotMatch", status: 403 },
};

/**
 * awsQuery: form-encoded `Action=<Op>&Version=<api version>&…` (POST body, or GET query), XML responses wrapped in
 * `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`, errors as `<ErrorResponse><Error>…`.
 * The API version identifies the service, since all query services share `POST /`.
 */
export class AwsQueryProtocol implements Protocol {
  constructor(
    private readonly apiVersion: string,
    private readonly xmlNamespace: string,
  ) {}

  matches(req: RawRequest): boolean {
    return this.params(req).get("Version") === this.apiVersion;
  }

  /** A query-protocol request (it names an Action), whatever Version it gives. */
  resembles(req: RawRequest): boolean {
    return this.params(req).has("Action");
  }

  peekOperation(req: RawRequest): string | undefined {
    return this.params(req).get("Action") ?? undefined;
  }

  decode(req: RawRequest, knownOperations: ReadonlySet<string>): DecodedRequest {
    const params = this.params(req);
    const operation = params.get("Action") ?? "";
    const version = params.get("Version") ?? "";
    // Operations are found by action and version together, so an unknown version is reported as an unknown operation.
    if (version !== this.apiVersion || !knownOperations.has(operation)) {
      throw new ServiceError("InvalidAction", `Could not find operation ${operation} for version ${version}`, 400);
    }
    const input: Record<string, unknown> = {};
    for (const [key, value] of params) {
      if (key !== "Action" && key !== "Version") input[key] = value;
    }
    return { operation, input };
  }

  encodeOutput(operation: string, output: object, requestId: string): HttpResponse {
    const body =
      `<${operation}Response xmlns="${this.xmlNamespace}">` +
      element(`${operation}Result`, output as { [name: string]: XmlValue }) +
      element("ResponseMetadata", { RequestId: requestId }) +
      `</${operation}Response>`;
    return this.response(200, body, requestId);
  }

  encodeError(error: ServiceError, requestId: string): HttpResponse {
    const body =
      `<ErrorResponse xmlns="${this.xmlNamespace}">` +
      `<Error><Type>${error.faultType}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId>` +
      `</ErrorResponse>`;
    return this.response(error.status, body, requestId);
  }

  authError(kind: AuthFailureKind, message: string): ServiceError {
    return authErrorFrom(AUTH_ERRORS, kind, message);
  }

  /** Query-string parameters overlaid by form-body parameters (AWS accepts either). */
  private params(req: RawRequest): URLSearchParams {
    const params = new URLSearchParams(req.rawQuery);
    const contentType = req.headers["content-type"] ?? "";
    if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(req.body.toString("utf8"))) params.set(k, v);
    }
    return params;
  }

  private response(status: number, body: string, requestId: string): HttpResponse {
    return httpResponse(status, "text/xml", requestId, body);
  }
}
