import type {
  ApplicationInput,
  ApplicationStatus,
  ArmedFault,
  ClockStatus,
  ConsistencyDelays,
  CrossClusterStatus,
  CrossClusterTransitionTimings,
  DataSourceInput,
  DataSourceStatus,
  DomainInfo,
  DomainInput,
  DxConnectionState,
  DxTransitionTimings,
  FaultSpec,
  RequestLogEntry,
  ResetOptions,
  SeedLagInput,
  WorkspaceInput,
} from "./types";

// Type-only imports (erased at run time), so that this client still loads no emulator server code.
import type { ApplicationRecord, AttachmentRecord, DataSourceRecord, WorkspaceRecord } from "./services/applications/model";
import type { CcConnectionRecord } from "./services/crosscluster/model";
import type { LagRecord } from "./services/directconnect/model";
import type { StoreData } from "./store";

/** What `snapshot()` returns: the emulator's whole state tree (see store.ts for its layout). */
export type StateSnapshot = StoreData;

/** A Direct Connect LAG as seeded by `seedLag`. */
export type SeededLag = Omit<LagRecord, "lagState" | "tags">;

/**
 * A cross-cluster connection as the emulator stores it (either API family), from `crossClusterConnections`. Its status
 * is an OpenSearch status code; the Elasticsearch API reports some of them under other names.
 */
export type CrossClusterConnectionRecord = Omit<CcConnectionRecord, "validationFailure">;

/**
 * An OpenSearch application as the emulator stores it (times are emulated epoch ms; `activeAt` is when a scheduled
 * CREATING/UPDATING status turns ACTIVE).
 */
export type OpenSearchApplicationRecord = ApplicationRecord;

/** A data source (domain or serverless collection) as the emulator stores it. */
export type OpenSearchDataSourceRecord = DataSourceRecord;

/**
 * A data-source attachment as the emulator stores it, with what the API does not show: the workspace request, the
 * workspace it was linked to on completion, and why it FAILED.
 */
export type DataSourceAttachmentRecord = AttachmentRecord;

/** A workspace of an application, with the data sources linked to it. */
export type OpenSearchWorkspaceRecord = WorkspaceRecord;

/** Options of a status change: `activeAfterMs` (CREATING or UPDATING only) schedules ACTIVE that many emulated ms later. */
export interface StatusTiming {
  activeAfterMs?: number;
}

/**
 * Test control over HTTP, so a test process can steer an emulator running elsewhere (another process, the CLI).
 * Uses only the global fetch of Node 20; it does not load any emulator server code.
 */
export class ControlClient {
  private readonly base: string;

  constructor(endpoint: string) {
    this.base = `${endpoint.replace(/\/+$/, "")}/_emulator/`;
  }

  /** Clears all state, the request log and faults; timings return to their start values unless keepTimings. */
  async reset(options: ResetOptions = {}): Promise<void> {
    await this.call("POST", "reset", options);
  }

  /** Moves emulated time forward by `ms`; returns the new clock status. */
  advance(ms: number): Promise<ClockStatus> {
    return this.call("POST", "clock/advance", { ms });
  }

  setTimeScale(timeScale: number): Promise<ClockStatus> {
    return this.call("POST", "clock/time-scale", { timeScale });
  }

  /** Freezes (true) or resumes (false) real-time flow of emulated time. */
  setManualClock(manual: boolean): Promise<ClockStatus> {
    return this.call("POST", "clock/manual", { manual });
  }

  clock(): Promise<ClockStatus> {
    return this.call("GET", "clock");
  }

  /**
   * Changes some Direct Connect timings (emulated ms; `null` = never) and returns all of them. Omitted names keep their
   * value. Connections are aged under the old timings up to now first, so a change only affects what happens next.
   * E.g. `{ requestedToPending: 1000, pendingToAvailable: null }`: the LOA comes at once, the port never comes up.
   */
  setTransitions(timings: Partial<DxTransitionTimings>): Promise<DxTransitionTimings> {
    return this.call("POST", "directconnect/transitions", timings);
  }

  /** The Direct Connect timings in force. */
  transitions(): Promise<DxTransitionTimings> {
    return this.call("GET", "directconnect/transitions");
  }

  /**
   * Sets eventual consistency of reads (emulated ms), replacing the previous setting; `{}` turns it off. E.g.
   * `{ defaultDelayMs: 30_000 }` (every Describe/List/Get lags 30 s) or `{ operations: { DescribeConnections: 1000 } }`.
   * Returns the setting in force, with both fields filled in.
   */
  setConsistency(delays: ConsistencyDelays): Promise<Required<ConsistencyDelays>> {
    return this.call("POST", "consistency", delays);
  }

  /** The eventual consistency delays in force. */
  consistency(): Promise<Required<ConsistencyDelays>> {
    return this.call("GET", "consistency");
  }

  injectFault(fault: FaultSpec): Promise<ArmedFault> {
    return this.call("POST", "faults", fault);
  }

  faults(): Promise<ArmedFault[]> {
    return this.call("GET", "faults");
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "faults");
  }

  log(): Promise<RequestLogEntry[]> {
    return this.call("GET", "log");
  }

  /** Requests per "Service.Operation" (e.g. "DirectConnect.CreateConnection"), retries included. */
  counts(): Promise<Record<string, number>> {
    return this.call("GET", "counts");
  }

  /**
   * Forces a connection's state out of band, as AWS does when a link goes down. `account` is a name or id.
   * Returns the connection in the API's shape.
   */
  setConnectionState(account: string, region: string, connectionId: string, state: DxConnectionState): Promise<Record<string, unknown>> {
    return this.call("POST", "directconnect/connection-state", { account, region, connectionId, state });
  }

  /** Makes the connection report any encryption mode string, documented or not (out of band). */
  setEncryptionMode(account: string, region: string, connectionId: string, encryptionMode: string): Promise<Record<string, unknown>> {
    return this.call("POST", "directconnect/encryption-mode", { account, region, connectionId, encryptionMode });
  }

  /** Creates a LAG that CreateConnection's lagId can name (the emulator has no CreateLag operation). */
  seedLag(input: SeedLagInput): Promise<SeededLag> {
    return this.call("POST", "directconnect/lags", input);
  }

  /** The OpenSearch/Elasticsearch domains that exist now (both API families see the same domains). */
  domains(): Promise<DomainInfo[]> {
    return this.call("GET", "opensearch/domains");
  }

  /** Creates, or replaces (same account, region and name), a domain. */
  putDomain(domain: DomainInput): Promise<DomainInfo> {
    return this.call("POST", "opensearch/domains", domain);
  }

  /** Removes a domain (`account` is a name or id); connections that name it stay as they are. */
  async deleteDomain(account: string, region: string, domainName: string): Promise<void> {
    await this.call("DELETE", "opensearch/domains", { account, region, domainName });
  }

  /** Every cross-cluster connection of both API families, as stored, in creation order. */
  crossClusterConnections(): Promise<CrossClusterConnectionRecord[]> {
    return this.call("GET", "opensearch/connections");
  }

  /**
   * Forces a cross-cluster connection's status out of band (OpenSearch status codes); automatic transitions continue
   * from there. `message` sets ConnectionStatus.Message.
   */
  setCrossClusterStatus(connectionId: string, status: CrossClusterStatus, message?: string): Promise<CrossClusterConnectionRecord> {
    return this.call("POST", "opensearch/connection-status", { connectionId, status, ...(message !== undefined ? { message } : {}) });
  }

  /** Changes some cross-cluster timings (emulated ms; `null` = never) and returns all of them. */
  setCrossClusterTransitions(timings: Partial<CrossClusterTransitionTimings>): Promise<CrossClusterTransitionTimings> {
    return this.call("POST", "opensearch/transitions", timings);
  }

  crossClusterTransitions(): Promise<CrossClusterTransitionTimings> {
    return this.call("GET", "opensearch/transitions");
  }

  /** Every OpenSearch application of every account and region, statuses as of now. */
  applications(): Promise<OpenSearchApplicationRecord[]> {
    return this.call("GET", "opensearch/applications");
  }

  /**
   * Creates an application, or updates one in place (same account, region and id: name, status and timing change;
   * attachments and workspaces stay). Workspaces listed are added (or replaced by id).
   */
  putApplication(application: ApplicationInput): Promise<OpenSearchApplicationRecord> {
    return this.call("POST", "opensearch/applications", application);
  }

  /** Removes an application (`account` is a name or id) with its attachments and workspaces. */
  async deleteApplication(account: string, region: string, applicationId: string): Promise<void> {
    await this.call("DELETE", "opensearch/applications", { account, region, applicationId });
  }

  /**
   * Sets an application's status out of band, as AWS does when it finishes creating or updating one. PENDING
   * attachments whose data source is ACTIVE complete at once when the status becomes ACTIVE.
   */
  setApplicationStatus(account: string, region: string, applicationId: string, status: ApplicationStatus, timing: StatusTiming = {}): Promise<OpenSearchApplicationRecord> {
    return this.call("POST", "opensearch/application-status", { account, region, applicationId, status, ...timing });
  }

  /** Every data source of every account and region, statuses as of now. */
  dataSources(): Promise<OpenSearchDataSourceRecord[]> {
    return this.call("GET", "opensearch/data-sources");
  }

  /** Creates or replaces (same ARN) a data source; attachments that name it stay. */
  putDataSource(dataSource: DataSourceInput): Promise<OpenSearchDataSourceRecord> {
    return this.call("POST", "opensearch/data-sources", dataSource);
  }

  /** Removes a data source; attachments that name it stay (a PENDING one then fails after 24 hours). */
  async deleteDataSource(dataSourceArn: string): Promise<void> {
    await this.call("DELETE", "opensearch/data-sources", { dataSourceArn });
  }

  /** Sets a data source's status out of band; PENDING attachments complete at once when both sides are ACTIVE. */
  setDataSourceStatus(dataSourceArn: string, status: DataSourceStatus, timing: StatusTiming = {}): Promise<OpenSearchDataSourceRecord> {
    return this.call("POST", "opensearch/data-source-status", { dataSourceArn, status, ...timing });
  }

  /** Every data-source attachment of every account and region, statuses as of now, in creation order. */
  dataSourceAttachments(): Promise<DataSourceAttachmentRecord[]> {
    return this.call("GET", "opensearch/data-source-attachments");
  }

  /** Every workspace of every application. */
  workspaces(): Promise<OpenSearchWorkspaceRecord[]> {
    return this.call("GET", "opensearch/workspaces");
  }

  /** Adds (or replaces by id) a workspace of an application, e.g. to attach with `workspaceId`. */
  putWorkspace(account: string, region: string, applicationId: string, workspace: WorkspaceInput): Promise<OpenSearchWorkspaceRecord> {
    return this.call("POST", "opensearch/workspaces", { account, region, applicationId, ...workspace });
  }

  snapshot(): Promise<StateSnapshot> {
    return this.call("GET", "state");
  }

  private async call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      ...(body !== undefined ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message = (parsed as { error?: unknown } | undefined)?.error;
      throw new Error(`emulator control ${method} ${path} failed (${response.status}): ${typeof message === "string" ? message : text}`);
    }
    return parsed as T;
  }
}
