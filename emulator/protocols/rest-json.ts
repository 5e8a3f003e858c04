import type { AuthFailureKind, DecodedRequest, HttpResponse, Protocol, RawRequest } from "./types";
import { ServiceError } from "./types";
import { authErrorFrom, httpResponse, jsonAuthErrors, jsonObjectBody } from "./common";

/**
 * Authentication failures of AWS's REST-JSON services (the OpenSearch/Elasticsearch configuration API, like the other
 * services behind the same front end) are all 403 Forbidden, with the code in `x-amzn-ErrorType` and a
 * `{"message": …}` body. SDKs decide by the code; raw HTTP clients see the 403.
 */
const AUTH_ERRORS = jsonAuthErrors(403);

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
    const body = jsonObjectBody(req);
    // Labels win over body members of the same name, as the label is what addressed the resource.
    return { operation: found.route.operation, input: { ...body, ...found.labels } };
  }

  encodeOutput(_operation: string, output: object, requestId: string): HttpResponse {
    return httpResponse(200, "application/json", requestId, JSON.stringify(output));
  }

  encodeError(error: ServiceError, requestId: string): HttpResponse {
    return httpResponse(error.status, "application/json", requestId, JSON.stringify({ message: error.message }), { "x-amzn-ErrorType": error.code });
  }

  authError(kind: AuthFailureKind, message: string): ServiceError {
    return authErrorFrom(AUTH_ERRORS, kind, message);
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
