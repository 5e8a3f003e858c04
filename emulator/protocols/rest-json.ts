import type { AuthFailureKind, DecodedRequest, HttpResponse, Protocol, RawRequest } from "./types";
import { ServiceError } from "./types";

/**
 * Authentication failures of AWS's REST-JSON services (the OpenSearch/Elasticsearch configuration API, like the other
 * services behind the same front end) are all 403 Forbidden, with the code in `x-amzn-ErrorType` and a
 * `{"message": …}` body. SDKs decide by the code; raw HTTP clients see the 403.
 */
const AUTH_ERRORS: Record<AuthFailureKind, { code: string; status: number; fixedMessage?: string }> = {
  missing: { code: "MissingAuthenticationTokenException", status: 403, fixedMessage: "Missing Authentication Token" },
  incomplete: { code: "IncompleteSignatureException", status: 403 },
  "unknown-key": { code: "UnrecognizedClientException", status: 403 },
  "expired-token": { code: "ExpiredTokenException", status: 403 },
  "signature-mismatch": { code: "InvalidSignatureException", status: 403 },
};

/** One operation's HTTP binding, as in the Smithy model: `{Name}` segments are path labels. */
export interface RestRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** e.g. "/2021-01-01/opensearch/cc/inboundConnection/{ConnectionId}/accept" */
  path: string;
  operation: string;
}

interface CompiledRoute extends RestRoute {
  segments: Array<{ literal: string } | { label: string }>;
}

/**
 * restJson1: the operation is named by method and path (with path labels), the input is the JSON body plus the labels,
 * the output is a JSON body; errors carry their code in the `x-amzn-ErrorType` header (which clients read first) and
 * `{"message": …}` in the body. A service is claimed by its versioned path prefix, so several REST services can share
 * the port with the `POST /` JSON and query services.
 */
export class RestJsonProtocol implements Protocol {
  private readonly routes: CompiledRoute[];

  constructor(
    /** e.g. "/2021-01-01/opensearch/": every route of the service starts with it. */
    private readonly prefix: string,
    routes: readonly RestRoute[],
  ) {
    this.routes = routes.map((r) => {
      if (!r.path.startsWith(prefix)) throw new Error(`route ${r.path} is outside ${prefix}`);
      return {
        ...r,
        segments: r.path
          .split("/")
          .filter((s) => s !== "")
          .map((s) => (s.startsWith("{") && s.endsWith("}") ? { label: s.slice(1, -1) } : { literal: s })),
      };
    });
  }

  matches(req: RawRequest): boolean {
    return req.path.startsWith(this.prefix);
  }

  peekOperation(req: RawRequest): string | undefined {
    return this.route(req)?.route.operation;
  }

  decode(req: RawRequest, knownOperations: ReadonlySet<string>): DecodedRequest {
    const found = this.route(req);
    if (!found || !knownOperations.has(found.route.operation)) {
      // What AWS's REST front end answers for a path/method no operation is bound to.
      throw new ServiceError("UnknownOperationException", `No operation is bound to ${req.method} ${req.path}.`, 404);
    }
    const text = req.body.toString("utf8").trim();
    let body: Record<string, unknown> = {};
    if (text !== "") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ServiceError("SerializationException", "The request body is not valid JSON.", 400);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new ServiceError("SerializationException", "Start of structure or map found where not expected.", 400);
      }
      body = parsed as Record<string, unknown>;
    }
    // Labels win over body members of the same name, as the label is what addressed the resource.
    return { operation: found.route.operation, input: { ...body, ...found.labels } };
  }

  encodeOutput(_operation: string, output: object, requestId: string): HttpResponse {
    return {
      status: 200,
      headers: { "Content-Type": "application/json", "x-amzn-RequestId": requestId },
      body: JSON.stringify(output),
    };
  }

  encodeError(error: ServiceError, requestId: string): HttpResponse {
    return {
      status: error.status,
      headers: { "Content-Type": "application/json", "x-amzn-RequestId": requestId, "x-amzn-ErrorType": error.code },
      body: JSON.stringify({ message: error.message }),
    };
  }

  authError(kind: AuthFailureKind, message: string): ServiceError {
    const spec = AUTH_ERRORS[kind];
    return new ServiceError(spec.code, spec.fixedMessage ?? message, spec.status);
  }

  private route(req: RawRequest): { route: CompiledRoute; labels: Record<string, string> } | undefined {
    if (!req.path.startsWith(this.prefix)) return undefined;
    const parts = req.path.split("/").filter((s) => s !== "");
    for (const route of this.routes) {
      if (route.method !== req.method || route.segments.length !== parts.length) continue;
      const labels: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i];
        if ("literal" in segment) ok = segment.literal === parts[i];
        else {
          const value = safeDecode(parts[i]);
          ok = value !== undefined && value !== "";
          if (ok) labels[segment.label] = value!;
        }
      }
      if (ok) return { route, labels };
    }
    return undefined;
  }
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
