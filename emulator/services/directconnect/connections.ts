import type { Store } from "../../store";
import { JsonInput } from "../input";
import type { OperationHandler } from "../types";
import { clientError, connectionNotFound, lagNotFound } from "./errors";
import { newConnectionId, newDeviceName } from "./ids";
import { findLocation } from "./locations";
import { DX_STORE_KEY, listingOrder, toWireConnection, type ConnectionRecord, type DxRegionState } from "./model";
import { currentRegion } from "./region-state";
import { isGone, setConnectionState } from "./state-machine";
import {
  DEDICATED_BANDWIDTHS,
  MAX_CONNECTIONS_PER_LAG,
  MAX_CONNECTIONS_PER_LOCATION,
  validateConnectionId,
  validateEncryptionMode,
  validateTags,
} from "./validation";

/** DescribeConnections returns at most this many connections per page, whatever maxResults asks for. */
export const MAX_PAGE_SIZE = 100;

function input(raw: Record<string, unknown>): JsonInput {
  return new JsonInput(raw, clientError);
}

export const createConnection: OperationHandler = (raw, ctx) => {
  const args = input(raw);
  const location = args.requiredString("location");
  const bandwidth = args.requiredString("bandwidth");
  const connectionName = args.requiredString("connectionName");
  const lagId = args.optionalString("lagId");
  const providerName = args.optionalString("providerName");
  const requestMACSec = args.optionalBoolean("requestMACSec") ?? false;
  const tags = validateTags(args.optionalObjectList("tags") ?? []);

  const site = findLocation(ctx.region, location);
  if (!site) throw clientError(`Location ${location} is not a valid Direct Connect location in ${ctx.region}.`);
  if (!DEDICATED_BANDWIDTHS.includes(bandwidth)) {
    throw clientError(`Bandwidth ${bandwidth} is not valid for a dedicated connection. Valid values are ${DEDICATED_BANDWIDTHS.join(", ")}.`);
  }
  if (!site.availablePortSpeeds.includes(bandwidth)) {
    throw clientError(`Bandwidth ${bandwidth} is not available at location ${location}.`);
  }
  if (requestMACSec && !site.availableMacSecPortSpeeds.includes(bandwidth)) {
    throw clientError(`MACsec is not available for ${bandwidth} connections at location ${location}.`);
  }
  if (providerName !== undefined && !site.availableProviders.includes(providerName)) {
    throw clientError(`Provider ${providerName} is not available at location ${location}.`);
  }

  const state = currentRegion(ctx);
  const inUse = Object.values(state.connections).filter((c) => c.location === location && !isGone(c.connectionState));
  if (inUse.length >= MAX_CONNECTIONS_PER_LOCATION) throw clientError("Connection limit exceeded");

  let awsDevice = newDeviceName(location);
  if (lagId !== undefined) {
    const lag = state.lags[lagId];
    if (!lag || lag.lagState === "deleted") throw lagNotFound(lagId);
    if (lag.location !== location) throw clientError(`Lag ${lagId} is at location ${lag.location}, not ${location}.`);
    if (lag.connectionsBandwidth !== bandwidth) {
      throw clientError(`Lag ${lagId} requires connections of bandwidth ${lag.connectionsBandwidth}, not ${bandwidth}.`);
    }
    const members = Object.values(state.connections).filter((c) => c.lagId === lagId && !isGone(c.connectionState));
    if (members.length >= MAX_CONNECTIONS_PER_LAG) throw clientError(`Lag ${lagId} already has the maximum number of connections.`);
    awsDevice = lag.awsDevice; // a LAG's connections terminate on the LAG's device
  }

  const now = ctx.runtime.clock.now();
  const connection: ConnectionRecord = {
    connectionId: newConnectionId((id) => idTaken(ctx.runtime.store, id)),
    connectionName,
    ownerAccount: ctx.caller.accountId,
    region: ctx.region,
    location,
    bandwidth,
    ...(lagId !== undefined ? { lagId } : {}),
    ...(providerName !== undefined ? { providerName } : {}),
    macSecCapable: requestMACSec,
    ...(requestMACSec ? { encryptionMode: "no_encrypt" } : {}),
    awsDevice,
    awsLogicalDeviceId: awsDevice,
    // A new port reports false until AWS has provisioned it; the API shows false for a requested connection.
    jumboFrameCapable: false,
    hasLogicalRedundancy: "unknown",
    tags,
    connectionState: "requested",
    stateSince: now,
    createdAt: now,
    seq: state.nextSeq++,
  };
  state.connections[connection.connectionId] = connection;
  return toWireConnection(connection);
};

export const describeConnections: OperationHandler = (raw, ctx) => {
  const args = input(raw);
  const connectionId = args.optionalString("connectionId");
  const maxResults = args.optionalInteger("maxResults");
  const nextToken = args.optionalString("nextToken");
  if (connectionId !== undefined) validateConnectionId(connectionId);
  const state = currentRegion(ctx);

  if (connectionId !== undefined) {
    // Deleted connections stay visible by id (until deletedRetention has passed), as on AWS.
    return { connections: [toWireConnection(find(state, connectionId))] };
  }
  const all = listingOrder(state);
  // Callers that do not page get everything, as before maxResults existed.
  if (maxResults === undefined && nextToken === undefined) return { connections: all.map(toWireConnection) };

  if (maxResults !== undefined && maxResults < 1) throw clientError("maxResults must be at least 1.");
  // "If MaxResults is given a value larger than 100, only 100 results are returned" (API reference); never an error.
  const pageSize = maxResults === undefined ? Infinity : Math.min(maxResults, MAX_PAGE_SIZE);
  const after = nextToken === undefined ? 0 : decodeToken(nextToken);
  // The token names the last listed position, not an offset, so removals between pages neither skip nor repeat.
  const rest = all.filter((c) => c.seq > after);
  const page = rest.slice(0, pageSize);
  return {
    connections: page.map(toWireConnection),
    ...(rest.length > page.length ? { nextToken: encodeToken(page[page.length - 1].seq) } : {}),
  };
};

export const updateConnection: OperationHandler = (raw, ctx) => {
  const args = input(raw);
  const connectionId = args.requiredString("connectionId");
  const connectionName = args.optionalString("connectionName");
  const encryptionMode = args.optionalString("encryptionMode");
  validateConnectionId(connectionId);
  const connection = find(currentRegion(ctx), connectionId);

  if (["deleting", "deleted", "rejected"].includes(connection.connectionState)) {
    throw clientError(`Connection ${connectionId} is in the ${connection.connectionState} state and cannot be updated.`);
  }
  if (connectionName !== undefined && connectionName === "") throw clientError("connectionName must not be empty.");
  if (encryptionMode !== undefined) {
    validateEncryptionMode(encryptionMode);
    if (!connection.macSecCapable) {
      throw clientError(`Connection ${connectionId} is not MACsec capable; the encryption mode can only be set on MACsec capable connections.`);
    }
  }
  if (connectionName !== undefined) connection.connectionName = connectionName;
  if (encryptionMode !== undefined) connection.encryptionMode = encryptionMode;
  return toWireConnection(connection);
};

export const deleteConnection: OperationHandler = (raw, ctx) => {
  const connectionId = validateConnectionId(input(raw).requiredString("connectionId"));
  const connection = find(currentRegion(ctx), connectionId);
  const now = ctx.runtime.clock.now();
  if (connection.connectionState === "requested") {
    // Nothing was provisioned yet: AWS answers `deleted` at once (the AWS CLI's documented delete-connection example).
    setConnectionState(connection, "deleted", now);
  } else if (!["deleting", "deleted", "rejected"].includes(connection.connectionState)) {
    setConnectionState(connection, "deleting", now);
  }
  // Deleting again is harmless on AWS: the connection is returned as it is (deleting or deleted).
  return toWireConnection(connection);
};

function find(state: DxRegionState, connectionId: string): ConnectionRecord {
  const connection = Object.prototype.hasOwnProperty.call(state.connections, connectionId) ? state.connections[connectionId] : undefined;
  if (!connection) throw connectionNotFound(connectionId);
  return connection;
}

/** Connection ids are unique across all accounts and regions, as on AWS. */
function idTaken(store: Store, id: string): boolean {
  return store.allRegional<DxRegionState>(DX_STORE_KEY).some(({ slice }) => id in slice.connections);
}

/** An opaque token naming the listing position (`seq`) of the last connection returned. */
function encodeToken(afterSeq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterSeq }), "utf8").toString("base64url");
}

function decodeToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const { v, after } = parsed as { v?: unknown; after?: unknown };
    if (v === 1 && typeof after === "number" && Number.isInteger(after) && after >= 0) return after;
  } catch {
    // fall through
  }
  throw clientError("The nextToken is not valid.");
}

