/**
 * Public types of the emulator, shared by the server, the control API and the control client.
 * This file has no runtime code so that `control-client.ts` can be used without loading the server.
 */

/** A seeded AWS account with one IAM user whose long-term keys the emulator accepts. */
export interface TestAccount {
  readonly name: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Emulated durations (milliseconds of emulated time) of the automatic Direct Connect state transitions; `null` means
 * "never" (the state stays until the control API changes it or the timing).
 */
export interface DxTransitionTimings {
  /** requested → pending: AWS issuing the LOA-CFA (days on AWS). */
  requestedToPending: number | null;
  /** pending → available: the physical cross-connect being completed (days on AWS). */
  pendingToAvailable: number | null;
  deletingToDeleted: number | null;
  /** How long a deleted connection stays visible (by id and in listings) before it is gone for good. */
  deletedRetention: number | null;
}

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks any free port. */
  port?: number;
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /**
   * Host names the control API accepts besides loopback names and addresses, e.g. `["emulator"]` when other
   * containers reach it as http://emulator:4566. Any other host name is refused (DNS rebinding); see control-guard.ts.
   */
  controlHosts?: readonly string[];
  /**
   * JSON file holding the state: loaded at start when it exists; every change is saved (atomically and durably) before
   * the request that made it is answered, so a killed emulator loses no acknowledged change.
   */
  stateFile?: string;
  /** Emulated milliseconds per real millisecond; default 1. */
  timeScale?: number;
  /** When true, emulated time moves only through `advance`. */
  manualClock?: boolean;
  /** Overrides of the default Direct Connect timings (DEFAULT_DX_TRANSITIONS); `null` means never. */
  transitions?: Partial<DxTransitionTimings>;
  /**
   * Overrides of the default OpenSearch/Elasticsearch cross-cluster connection timings
   * (DEFAULT_CROSS_CLUSTER_TRANSITIONS); `null` means never.
   */
  crossClusterTransitions?: Partial<CrossClusterTransitionTimings>;
  /**
   * The OpenSearch/Elasticsearch domains to seed instead of the built-in fixture (SEEDED_DOMAINS). When given (or
   * `domainsFile`), it also replaces the domains of a loaded state file; otherwise a state file keeps its own domains.
   */
  domains?: readonly DomainInput[];
  /** A JSON file holding an array of DomainInput, used like `domains` (the CLI's `--domains FILE`). */
  domainsFile?: string;
  /**
   * The OpenSearch applications to seed instead of the built-in fixture (SEEDED_APPLICATIONS). Like `domains`, when
   * given (or through `applicationsFile`) it also replaces the applications of a loaded state file (their attachments and
   * workspaces go with them).
   */
  applications?: readonly ApplicationInput[];
  /** The data sources (domains, serverless collections) to seed instead of the fixture (SEEDED_DATA_SOURCES); as above. */
  dataSources?: readonly DataSourceInput[];
  /**
   * A JSON file `{ "applications"?: ApplicationInput[], "dataSources"?: DataSourceInput[] }` (the fixture's format), used
   * like the two options above (the CLI's `--applications FILE`); a part the file omits keeps the fixture's.
   */
  applicationsFile?: string;
  /**
   * Eventual consistency of reads (Describe/List/Get), in emulated ms; default none. The control API changes it at run
   * time (`ControlClient.setConsistency`).
   */
  consistency?: ConsistencyDelays;
}

/**
 * How long (emulated milliseconds) reads lag behind changes, like AWS's eventually consistent Describe/List calls: a
 * read with delay D does not show an object created less than D ago and shows the previous version of one changed less
 * than D ago. Only read operations (names starting Describe, List or Get) are delayed; writes see the live state.
 */
export interface ConsistencyDelays {
  /** Delay of every read operation not named in `operations`; default 0 (consistent). */
  defaultDelayMs?: number;
  /**
   * Delay per read operation, by name ("DescribeConnections") or service and name ("DirectConnect.DescribeConnections",
   * as in the request counts); the latter wins. E.g. `{ DescribeConnections: 1000 }`.
   */
  operations?: Record<string, number>;
}

/** OpenSearch application status (ApplicationStatus in the 2021-01-01 model). */
export type ApplicationStatus = "CREATING" | "ACTIVE" | "UPDATING" | "DELETING" | "FAILED";

/**
 * Status of a data source (a domain or a serverless collection) as far as attachments are concerned: only ACTIVE
 * lets a PENDING attachment complete. The names are those of OpenSearch Serverless collections plus UPDATING.
 */
export type DataSourceStatus = "CREATING" | "ACTIVE" | "UPDATING" | "DELETING" | "FAILED";

export type DataSourceAttachmentStatus = "PENDING" | "ATTACHED" | "FAILED";

export type WorkspaceType = "OBSERVABILITY" | "SECURITY_ANALYTICS" | "SEARCH";

/** A workspace of an application, as seeded or put through the control API. */
export interface WorkspaceInput {
  /** Opaque id; generated (6 characters, as OpenSearch Dashboards makes them) when omitted. */
  id?: string;
  /** 1–40 of letters, digits, parentheses, brackets, hyphens, underscores and spaces; unique in the application. */
  name: string;
  workspaceType: WorkspaceType;
  /** Data sources already linked to it (informational; attachments add theirs). */
  dataSourceArns?: string[];
}

/**
 * An OpenSearch application (there is no CreateApplication in the emulator: applications come from the fixture,
 * `applications`/`applicationsFile`, or the control API).
 */
export interface ApplicationInput {
  /** Account name ("primary") or 12-digit id. */
  account: string;
  region: string;
  /** `[a-z0-9]{3,30}`. */
  id: string;
  /** `[a-z][a-z0-9-]+`, 3–30 characters, unique in its account and region; requests may name the application by it. */
  name: string;
  /** Default ACTIVE. */
  status?: ApplicationStatus;
  /**
   * Only with status CREATING or UPDATING: the application becomes ACTIVE this many emulated ms after it was seeded
   * or put. Without it, it stays in that status until the control API changes it.
   */
  activeAfterMs?: number;
  workspaces?: WorkspaceInput[];
}

/** A data source that applications can attach: an OpenSearch domain or an OpenSearch Serverless collection. */
export interface DataSourceInput {
  /**
   * `arn:aws:es:{region}:{account}:domain/{name}` or `arn:aws:aoss:{region}:{account}:collection/{id}`; the ARN names
   * the account (a test account) and region the data source lives in.
   */
  dataSourceArn: string;
  /** Default ACTIVE. */
  status?: DataSourceStatus;
  /** As for applications: with CREATING or UPDATING, becomes ACTIVE this many emulated ms later. */
  activeAfterMs?: number;
}

/**
 * Emulated durations (ms) of the automatic cross-cluster connection transitions, shared by the OpenSearch and the
 * legacy Elasticsearch API; `null` means "never" (the status stays until the control API changes it).
 */
export interface CrossClusterTransitionTimings {
  /** VALIDATING → PENDING_ACCEPTANCE, or → VALIDATION_FAILED when the request cannot work. */
  validation: number | null;
  /** APPROVED (just accepted) → PROVISIONING. */
  approvedToProvisioning: number | null;
  /** PROVISIONING → ACTIVE. */
  provisioningToActive: number | null;
  /** REJECTING → REJECTED. */
  rejectingToRejected: number | null;
  /** DELETING → DELETED. */
  deletingToDeleted: number | null;
  /** How long a DELETED connection stays visible before it is gone for good; null (the default) keeps it. */
  deletedRetention: number | null;
}

/**
 * An OpenSearch Service domain the emulator knows (there is no CreateDomain in the emulator: domains come from the
 * fixture, `domains`/`domainsFile`, or the control API). The engine decides which API family can use it: an
 * `Elasticsearch_x.y` domain works with both the OpenSearch and the legacy Elasticsearch API, an `OpenSearch_x.y`
 * domain only with the OpenSearch API.
 */
export interface DomainInput {
  /** Account name ("primary") or 12-digit id. */
  account: string;
  region: string;
  domainName: string;
  /** "OpenSearch_2.11", "Elasticsearch_7.10", … */
  engineVersion: string;
  /** Whether the domain lives in a VPC (reported back; informational). Default false. */
  vpc?: boolean;
}

/** A domain as the emulator holds it. */
export interface DomainInfo {
  accountId: string;
  region: string;
  domainName: string;
  engineVersion: string;
  vpc: boolean;
  arn: string;
}

/** Internal status of a cross-cluster connection: the OpenSearch API's outbound status codes. */
export type CrossClusterStatus =
  | "VALIDATING"
  | "VALIDATION_FAILED"
  | "PENDING_ACCEPTANCE"
  | "APPROVED"
  | "PROVISIONING"
  | "ACTIVE"
  | "REJECTING"
  | "REJECTED"
  | "DELETING"
  | "DELETED";

export type FaultKind = "throttle" | "server-error" | "reset" | "latency" | "hang";

/**
 * A fault armed through the control API. It matches the next `count` requests whose service and operation match
 * (an omitted service or operation matches any). `when: "before"` (default) fails without running the operation;
 * `"after"` runs the operation, keeps its effects, then fails the response (a lost response).
 *
 * `hang` accepts the request and never answers: the connection stays open with nothing sent, as with a server or a
 * network path that stalls, until the client gives up and closes it, the faults are cleared (`DELETE /_emulator/faults`
 * or a reset), or the emulator stops; the last two drop the connection, still without an answer. It is logged once,
 * when taken, with status 0 and fault "hang". With `when: "after"` the operation runs first and its effects stay.
 */
export interface FaultSpec {
  kind: FaultKind;
  /** Service name ("DirectConnect", "STS") or SigV4 signing name ("directconnect", "sts"); case-insensitive. */
  service?: string;
  /** Operation name, e.g. "CreateConnection". */
  operation?: string;
  count: number;
  when?: "before" | "after";
  /** Delay for kind "latency". */
  latencyMs?: number;
}

export interface ArmedFault extends FaultSpec {
  readonly id: string;
  /** How many more requests this fault will match. */
  remaining: number;
}

export interface RequestLogEntry {
  seq: number;
  /** Real wall-clock time the request arrived, ISO 8601. */
  time: string;
  /** Service name, e.g. "DirectConnect"; "Unknown" when the request matched no service. */
  service: string;
  operation: string;
  accountId?: string;
  region?: string;
  /** HTTP status sent; 0 when the connection was reset without a response. */
  status: number;
  errorCode?: string;
  requestId: string;
  /** The injected fault that shaped this response, if any. */
  fault?: FaultKind;
}

export type DxConnectionState =
  | "ordering"
  | "requested"
  | "pending"
  | "available"
  | "down"
  | "deleting"
  | "deleted"
  | "rejected"
  | "unknown";

export interface ClockStatus {
  /** Emulated epoch milliseconds. */
  now: number;
  timeScale: number;
  manual: boolean;
}

/** Input to seed a link aggregation group (there is no public CreateLag in the emulator). */
export interface SeedLagInput {
  account: string;
  region: string;
  location: string;
  connectionsBandwidth: string;
  lagName?: string;
  lagId?: string;
}

export interface ResetOptions {
  /** Keep the current transition timings instead of restoring the ones the emulator started with. */
  keepTimings?: boolean;
}
