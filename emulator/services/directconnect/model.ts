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
}

export function dxRegion(store: Store, accountId: string, region: string): DxRegionState {
  return store.regional<DxRegionState>(DX_STORE_KEY, accountId, region, () => ({ connections: {}, lags: {} }));
}

/** The Connection structure of the API. No ARN field: the API has none (tagging builds it, as clients do). */
export function toWireConnection(c: ConnectionRecord): object {
  return {
    ownerAccount: c.ownerAccount,
    connectionId: c.connectionId,
    connectionName: c.connectionName,
    connectionState: c.connectionState,
    region: c.region,
    location: c.location,
    bandwidth: c.bandwidth,
    vlan: 0,
    ...(c.lagId !== undefined ? { lagId: c.lagId } : {}),
    awsDevice: c.awsDevice,
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
