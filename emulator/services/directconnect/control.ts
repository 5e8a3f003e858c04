import { resolveAccount } from "../../accounts";
import type { DxConnectionState, DxTransitionTimings, SeedLagInput } from "../../types";
import type { ControlRoute, EmulatorRuntime } from "../types";
import { newDeviceName, newLagId } from "./ids";
import { findLocation } from "./locations";
import { dxRegion, toWireConnection, type LagRecord } from "./model";
import { agedRegion, refreshAll } from "./region-state";
import { TRANSITION_NAMES, setConnectionState } from "./state-machine";
import { DEDICATED_BANDWIDTHS } from "./validation";

const STATES: readonly DxConnectionState[] = ["ordering", "requested", "pending", "available", "down", "deleting", "deleted", "rejected", "unknown"];

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== "string" || value === "") throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function accountId(nameOrId: string): string {
  const account = resolveAccount(nameOrId);
  if (!account) throw new TypeError(`unknown account ${nameOrId}`);
  return account.accountId;
}

/** Out-of-band changes AWS makes on its own (a link going down, provisioning finishing) and test fixtures (LAGs). */
export const dxControlRoutes: readonly ControlRoute[] = [
  {
    method: "POST",
    path: "directconnect/connection-state",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const state = field(body, "state") as DxConnectionState;
      if (!STATES.includes(state)) throw new TypeError(`state must be one of ${STATES.join(", ")}`);
      const connectionId = field(body, "connectionId");
      const region = agedRegion(runtime, accountId(field(body, "account")), field(body, "region"));
      const connection = region.connections[connectionId];
      if (!connection) throw new RangeError(`no connection ${connectionId} in that account and region`);
      setConnectionState(connection, state, runtime.clock.now());
      return toWireConnection(connection);
    },
  },
  {
    // AWS documents three encryption modes but its API field is a free string, and it does report others (terraform-
    // provider-aws's refresh broke on one). This lets tests make the emulator report any value.
    method: "POST",
    path: "directconnect/encryption-mode",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const mode = field(body, "encryptionMode");
      const connectionId = field(body, "connectionId");
      const region = agedRegion(runtime, accountId(field(body, "account")), field(body, "region"));
      const connection = region.connections[connectionId];
      if (!connection) throw new RangeError(`no connection ${connectionId} in that account and region`);
      connection.encryptionMode = mode;
      return toWireConnection(connection);
    },
  },
  {
    method: "POST",
    path: "directconnect/lags",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const input = body as Partial<SeedLagInput> | null;
      const owner = accountId(field(body, "account"));
      const regionName = field(body, "region");
      const location = field(body, "location");
      const bandwidth = field(body, "connectionsBandwidth");
      if (!findLocation(regionName, location)) throw new TypeError(`no location ${location} in ${regionName}`);
      if (!DEDICATED_BANDWIDTHS.includes(bandwidth)) throw new TypeError(`connectionsBandwidth must be one of ${DEDICATED_BANDWIDTHS.join(", ")}`);
      const region = dxRegion(runtime.store, owner, regionName);
      const lagId = input?.lagId ?? newLagId((id) => id in region.lags);
      if (!/^dxlag-[a-z0-9]{8}$/.test(lagId)) throw new TypeError("lagId must look like dxlag-xxxxxxxx");
      const lag: LagRecord = {
        lagId,
        lagName: input?.lagName ?? lagId,
        ownerAccount: owner,
        region: regionName,
        location,
        connectionsBandwidth: bandwidth,
        awsDevice: newDeviceName(location),
        lagState: "available",
        tags: [],
      };
      region.lags[lagId] = lag;
      return lag;
    },
  },
  {
    // Partial update: { "pendingToAvailable": null } makes pending last forever; omitted names keep their value.
    // Ages every connection under the old timings first, so a change applies from now on and never rewrites the past.
    method: "POST",
    path: "directconnect/transitions",
    handle(body: unknown, runtime: EmulatorRuntime) {
      const changes = checkTimings(body ?? {});
      refreshAll(runtime);
      runtime.settings.dxTransitions = { ...runtime.settings.dxTransitions, ...changes };
      return runtime.settings.dxTransitions;
    },
  },
  {
    method: "GET",
    path: "directconnect/transitions",
    handle: (_body: unknown, runtime: EmulatorRuntime) => runtime.settings.dxTransitions,
  },
];

/**
 * Validates a partial set of timings from JSON (or options): each a non-negative number of emulated ms, or null for
 * "never". Unknown keys are an error so typos do not pass silently; an undefined value (options objects) is skipped.
 */
export function checkTimings(value: unknown): Partial<DxTransitionTimings> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("transitions must be an object");
  const out: Partial<DxTransitionTimings> = {};
  for (const [key, ms] of Object.entries(value)) {
    const name = TRANSITION_NAMES.find((n) => n === key);
    if (name === undefined) throw new TypeError(`unknown transition ${key}; known: ${TRANSITION_NAMES.join(", ")}`);
    if (ms === undefined) continue;
    if (ms !== null && (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)) {
      throw new TypeError(`${key} must be a non-negative number of ms, or null for never`);
    }
    out[name] = ms;
  }
  return out;
}
