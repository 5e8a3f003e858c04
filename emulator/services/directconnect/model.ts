import type { Store } from "../../store";
import type { DxConnectionState } from "../../types";

/** Key of Direct Connect's slices in the store. */
export const DX_STORE_KEY = "directconnect";

export interface DxTag {
  key: string;
  value?: string;
}

/** A dedicated connection as stored; `toWireConnection` turns it into the API shape. */
export interface ConnectionRecord {
  connectionId: string;
  connectionName: string;
  ownerAccount: string;
  region: string;
  location: string;
  bandwidth: string;
  lagId?: string;
  providerName?: string;
  macSecCapable: boolean;
  encryptionMode?: string;
  awsDevice: string;
  awsLogicalDeviceId: string;
  jumboFrameCapable: boolean;
  hasLogicalRedundancy: "unknown" | "yes" | "no";
  tags: DxTag[];
  connectionState: DxConnectionState;
  /** Emulated time the current state was entered; the state machine ages from here. */
  stateSince: number;
  /** Emulated creation time. */
  createdAt: number;
  /** Position in the region's listing (creation order); paging tokens point at it, so they survive removals. */
  seq: number;
}

/** A link aggregation group; only seeded through the control API. */
export interface LagRecord {
  lagId: string;
  lagName: string;
  ownerAccount: string;
  region: string;
  location: string;
  connectionsBandwidth: string;
  awsDevice: string;
  lagState: "available" | "deleted";
  tags: DxTag[];
}

export interface DxRegionState {
  connections: Record<string, ConnectionRecord>;
  lags: Record<string, LagRecord>;
  /** `seq` of the next connection created in this region. */
  nextSeq: number;
}

export function dxRegion(store: Store, accountId: string, region: string): DxRegionState {
  const slice = store.regional<DxRegionState>(DX_STORE_KEY, accountId, region, () => ({ connections: {}, lags: {}, nextSeq: 1 }));
  if (typeof slice.nextSeq !== "number") {
    // A state file saved before listing positions existed: number its connections in their stored (creation) order.
    let seq = 1;
    for (const connection of Object.values(slice.connections)) connection.seq = seq++;
    slice.nextSeq = seq;
  }
  return slice;
}

/** A region's connections in listing (creation) order. */
export function listingOrder(region: DxRegionState): ConnectionRecord[] {
  return Object.values(region.connections).sort((a, b) => a.seq - b.seq);
}

/**
 * The Connection structure of the API for a dedicated connection. No ARN field: the API has none (tagging builds it,
 * as clients do). No `vlan` (only hosted connections have one) and no `awsDevice` (deprecated; AWS reports
 * `awsDeviceV2` and `awsLogicalDeviceId`).
 */
export function toWireConnection(c: ConnectionRecord): object {
  return {
    ownerAccount: c.ownerAccount,
    connectionId: c.connectionId,
    connectionName: c.connectionName,
    connectionState: c.connectionState,
    region: c.region,
    location: c.location,
    bandwidth: c.bandwidth,
    ...(c.lagId !== undefined ? { lagId: c.lagId } : {}),
    jumboFrameCapable: c.jumboFrameCapable,
    awsDeviceV2: c.awsDevice,
    awsLogicalDeviceId: c.awsLogicalDeviceId,
    hasLogicalRedundancy: c.hasLogicalRedundancy,
    tags: c.tags.map((t) => ({ ...t })),
    ...(c.providerName !== undefined ? { providerName: c.providerName } : {}),
    macSecCapable: c.macSecCapable,
    // MACsec fields exist only on MACsec-capable connections; without keys the port is "Encryption Down".
    ...(c.macSecCapable ? { portEncryptionStatus: "Encryption Down", encryptionMode: c.encryptionMode ?? "no_encrypt" } : {}),
  };
}

export function connectionArn(c: { region: string; ownerAccount: string; connectionId: string }): string {
  return `arn:aws:directconnect:${c.region}:${c.ownerAccount}:dxcon/${c.connectionId}`;
}

export function lagArn(l: { region: string; ownerAccount: string; lagId: string }): string {
  return `arn:aws:directconnect:${l.region}:${l.ownerAccount}:dxlag/${l.lagId}`;
}
