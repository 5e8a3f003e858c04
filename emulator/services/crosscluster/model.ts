import type { Store } from "../../store";
import type { CrossClusterStatus, DomainInfo } from "../../types";

/**
 * Key of the cross-cluster slice in the store. It is a global slice, not a regional one: a connection has two owners
 * (the local domain's account and region see it as outbound, the remote domain's as inbound), and domains are looked
 * up across accounts and regions. Each operation filters by the caller's account and region, so every account still
 * sees only its own side.
 */
export const CC_STORE_KEY = "crosscluster";

/**
 * The API family a connection was made with. A connection is answered only by its own family's API: the other API
 * neither lists it nor finds it by id (see operations.ts).
 */
export type Family = "opensearch" | "elasticsearch";

export interface DomainRef {
  ownerId: string;
  region: string;
  domainName: string;
}

export interface CcConnectionRecord {
  connectionId: string;
  family: Family;
  /** The source domain: its owner sees the outbound side. */
  local: DomainRef;
  /** The destination domain: its owner sees the inbound side and alone accepts or rejects. */
  remote: DomainRef;
  connectionAlias: string;
  connectionMode: "DIRECT" | "VPC_ENDPOINT";
  endpoint?: string;
  skipUnavailable: "ENABLED" | "DISABLED";
  status: CrossClusterStatus;
  /** ConnectionStatus.Message; set with VALIDATION_FAILED (and by the control API). */
  message?: string;
  /** Decided at creation (so the outcome does not depend on when the clock is read): why validation will fail. */
  validationFailure?: string;
  /** Whether validation passed, so that the remote owner has an inbound side (even after a later DELETED). */
  reachedRemote: boolean;
  /** Emulated time the current status was entered. */
  statusSince: number;
  createdAt: number;
  /** Creation order across the whole emulator; listings are in this order and page tokens name a position in it. */
  seq: number;
}

export interface CcState {
  domains: DomainInfo[];
  connections: Record<string, CcConnectionRecord>;
  nextSeq: number;
}

export function ccState(store: Store, seed: () => DomainInfo[]): CcState {
  return store.global<CcState>(CC_STORE_KEY, () => ({ domains: seed(), connections: {}, nextSeq: 1 }));
}

/** Connections in creation order. */
export function inOrder(state: CcState): CcConnectionRecord[] {
  return Object.values(state.connections).sort((a, b) => a.seq - b.seq);
}

export function sameDomain(a: DomainRef, b: DomainRef): boolean {
  return a.ownerId === b.ownerId && a.region === b.region && a.domainName === b.domainName;
}

/** Statuses in which a connection no longer exists as far as limits and aliases are concerned. */
export function isFinished(status: CrossClusterStatus): boolean {
  return status === "DELETED" || status === "REJECTED";
}

/**
 * The inbound side exists once validation has passed: a connection that failed validation, or was deleted while it
 * validated, never reached the remote owner.
 */
export function hasInboundSide(c: CcConnectionRecord): boolean {
  return c.reachedRemote && c.status !== "VALIDATING" && c.status !== "VALIDATION_FAILED";
}
