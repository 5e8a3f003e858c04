import { resolveAccount } from "../../accounts";
import type { CrossClusterStatus } from "../../types";
import type { ControlRoute, EmulatorRuntime } from "../types";
import { toDomainInfo } from "./domains";
import { type CcConnectionRecord } from "./model";
import { currentState } from "./operations";
import { CC_STATUSES, ageAll, checkCrossClusterTimings, setStatus } from "./state-machine";

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== "string" || value === "") throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function copy(c: CcConnectionRecord): CcConnectionRecord {
  return JSON.parse(JSON.stringify(c)) as CcConnectionRecord;
}

/**
 * Control routes of the OpenSearch/Elasticsearch cross-cluster emulation (both API families): the domains that exist,
 * the transition timings, and out-of-band status changes.
 */
export const crossClusterControlRoutes: readonly ControlRoute[] = [
  {
    method: "GET",
    path: "opensearch/domains",
    handle: (_body: unknown, runtime: EmulatorRuntime) => currentState(runtime).domains.map((d) => ({ ...d })),
  },
  {
    // Creates or replaces (same account, region and name) a domain: { account, region, domainName, engineVersion, vpc? }.
    method: "POST",
    path: "opensearch/domains",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const domain = toDomainInfo(body);
      const state = currentState(runtime);
      const index = state.domains.findIndex((d) => d.accountId === domain.accountId && d.region === domain.region && d.domainName === domain.domainName);
      if (index >= 0) state.domains[index] = domain;
      else state.domains.push(domain);
      return { ...domain };
    },
  },
  {
    // { account, region, domainName }. Connections that name the domain are left as they are.
    method: "DELETE",
    path: "opensearch/domains",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const account = resolveAccount(field(body, "account"));
      if (!account) throw new TypeError(`unknown account ${field(body, "account")}`);
      const region = field(body, "region");
      const domainName = field(body, "domainName");
      const state = currentState(runtime);
      const index = state.domains.findIndex((d) => d.accountId === account.accountId && d.region === region && d.domainName === domainName);
      if (index < 0) throw new RangeError(`no domain ${domainName} in ${account.accountId} ${region}`);
      state.domains.splice(index, 1);
      return { ok: true };
    },
  },
  {
    // Every connection of both families as stored (status as of now), in creation order.
    method: "GET",
    path: "opensearch/connections",
    handle: (_body: unknown, runtime: EmulatorRuntime) =>
      Object.values(currentState(runtime).connections)
        .sort((a, b) => a.seq - b.seq)
        .map(copy),
  },
  {
    // Forces a connection's status out of band: { connectionId, status, message? } (OpenSearch status codes). The
    // automatic transitions continue from the new status.
    method: "POST",
    path: "opensearch/connection-status",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const status = field(body, "status") as CrossClusterStatus;
      if (!CC_STATUSES.includes(status)) throw new TypeError(`status must be one of ${CC_STATUSES.join(", ")}`);
      const message = (body as Record<string, unknown>).message;
      if (message !== undefined && typeof message !== "string") throw new TypeError("message must be a string");
      const connectionId = field(body, "connectionId");
      const state = currentState(runtime);
      const connection = Object.prototype.hasOwnProperty.call(state.connections, connectionId) ? state.connections[connectionId] : undefined;
      if (!connection) throw new RangeError(`no connection ${connectionId}`);
      setStatus(connection, status, runtime.clock.now());
      if (status === "VALIDATION_FAILED") connection.message = message ?? connection.validationFailure ?? "Validation failed.";
      else if (message !== undefined) connection.message = message;
      return copy(connection);
    },
  },
  {
    // Partial update, e.g. { "provisioningToActive": null }; connections are aged under the old timings first.
    method: "POST",
    path: "opensearch/transitions",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const changes = checkCrossClusterTimings(body ?? {});
      ageAll(currentState(runtime), runtime.clock.now(), runtime.settings.ccTransitions);
      runtime.settings.ccTransitions = { ...runtime.settings.ccTransitions, ...changes };
      return runtime.settings.ccTransitions;
    },
  },
  {
    method: "GET",
    path: "opensearch/transitions",
    handle: (_body: unknown, runtime: EmulatorRuntime) => runtime.settings.ccTransitions,
  },
];
