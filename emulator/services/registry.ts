import { openSearchApplications } from "./applications";
import { directConnect } from "./directconnect";
import { elasticsearch } from "./elasticsearch";
import { openSearch } from "./opensearch";
import { sts } from "./sts";
import type { RawRequest } from "../protocols/types";
import type { ServiceDefinition } from "./types";

/**
 * Every emulated service. A request goes to the first whose protocol claims it; protocols discriminate by
 * X-Amz-Target prefix (JSON), API version (query) or path prefix (REST). Order matters for malformed requests, and for
 * the OpenSearch API: the applications service claims "/2021-01-01/opensearch/application/", inside the cross-cluster
 * service's "/2021-01-01/opensearch/", so it must come first. Both log as "OpenSearch".
 */
export const SERVICES: readonly ServiceDefinition[] = [directConnect, sts, openSearchApplications, openSearch, elasticsearch];

export function routeRequest(req: RawRequest): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.protocol.matches(req)) ?? closestService(req);
}

/**
 * For a request no service claims (an STS call with an unknown Version, say): the service whose protocol it resembles,
 * preferring the one its SigV4 credential scope names. That service then authenticates it and reports the unknown
 * operation in its own protocol (XML for query services), as AWS's endpoint for that service would.
 */
function closestService(req: RawRequest): ServiceDefinition | undefined {
  const candidates = SERVICES.filter((s) => s.protocol.resembles?.(req) === true);
  if (candidates.length <= 1) return candidates[0];
  const scope = /Credential=[^/,\s]*\/[^/,\s]*\/[^/,\s]*\/([^/,\s]*)\//.exec(req.headers["authorization"] ?? "")?.[1];
  return candidates.find((s) => s.signingName === scope);
}
