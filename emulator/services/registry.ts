import { directConnect } from "./directconnect";
import { sts } from "./sts";
import type { RawRequest } from "../protocols/types";
import type { ServiceDefinition } from "./types";

/**
 * Every emulated service. A request goes to the first whose protocol claims it; protocols discriminate by
 * X-Amz-Target prefix (JSON), API version (query) or path prefix (REST), so order matters only for malformed requests.
 */
export const SERVICES: readonly ServiceDefinition[] = [directConnect, sts];

export function routeRequest(req: RawRequest): ServiceDefinition | undefined {
  return SERVICES.find((s) => s.protocol.matches(req));
}
