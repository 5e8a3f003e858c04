import type { Store } from "../../store";
import type { ApplicationStatus, DataSourceAttachmentStatus, DataSourceStatus, WorkspaceType } from "../../types";

/**
 * Key of the applications slice in the store. Like the cross-cluster slice it is global, not regional: the control
 * API inspects every account and region at once, and the seed is one list. Every operation filters by the caller's
 * account and region, which is how AWS scopes applications and data sources.
 */
export const APPS_STORE_KEY = "opensearch-applications";

/** A status that may be scheduled to become ACTIVE (seeded or put with `activeAfterMs`). */
export interface Activatable<S extends string> {
  status: S;
  /** Emulated time the current status was entered. */
  statusSince: number;
  /** Emulated time at which a CREATING/UPDATING status turns ACTIVE; absent means "not until told". */
  activeAt?: number;
}

export interface ApplicationRecord extends Activatable<ApplicationStatus> {
  accountId: string;
  region: string;
  id: string;
  name: string;
  arn: string;
  createdAt: number;
  lastUpdatedAt: number;
}

export type DataSourceKind = "domain" | "collection";

export interface DataSourceRecord extends Activatable<DataSourceStatus> {
  accountId: string;
  region: string;
  dataSourceArn: string;
  kind: DataSourceKind;
  /** Domain name or collection id, from the ARN. */
  resourceName: string;
}

export interface WorkspaceConfiguration {
  name: string;
  workspaceType: WorkspaceType;
}

export interface AttachmentRecord {
  attachmentId: string;
  accountId: string;
  region: string;
  applicationId: string;
  dataSourceArn: string;
  status: DataSourceAttachmentStatus;
  statusSince: number;
  createdAt: number;
  /** Creation order across the emulator: listings are in this order and page tokens name a position in it. */
  seq: number;
  /** The existing workspace to add the data source to once ATTACHED. */
  workspaceId?: string;
  /** The workspace to create (or reuse, see state-machine.ts) once ATTACHED. */
  workspaceConfiguration?: WorkspaceConfiguration;
  /** The workspace the data source was linked to when the attachment completed. */
  linkedWorkspaceId?: string;
  /** Why the attachment FAILED (inspection only: the API has no member for it). */
  failureReason?: string;
}

export interface WorkspaceRecord {
  accountId: string;
  region: string;
  applicationId: string;
  workspaceId: string;
  name: string;
  workspaceType: WorkspaceType;
  dataSourceArns: string[];
  createdAt: number;
  /** The attachment whose completion created it; absent for seeded or control-made workspaces. */
  createdByAttachmentId?: string;
}

/**
 * A clientToken seen by AttachDataSource, with the parameters it came with, so that a retry with the same token is
 * recognised and a reuse with other parameters refused. Tokens are scoped to the account and region (like the
 * application they name). They outlive the attachment they made: the docs say a retry with the same token and
 * parameters "succeeds without performing any further actions", so a token whose attachment was detached since makes
 * nothing new and gets the answer it first got (`answer`). AWS documents no expiry; here they last until reset or the
 * application is deleted. Clients must not expect a re-attach with an old token to attach anything.
 */
export interface TokenRecord {
  accountId: string;
  region: string;
  clientToken: string;
  applicationId: string;
  dataSourceArn: string;
  workspaceId?: string;
  workspaceConfiguration?: WorkspaceConfiguration;
  attachmentId: string;
  /** The attachment as the token's first call answered it. */
  answer: AttachmentRecord;
}

export interface AppsState {
  applications: ApplicationRecord[];
  dataSources: DataSourceRecord[];
  attachments: AttachmentRecord[];
  workspaces: WorkspaceRecord[];
  tokens: TokenRecord[];
  nextSeq: number;
}

export function appsState(store: Store, seed: () => AppsState): AppsState {
  return store.global<AppsState>(APPS_STORE_KEY, seed);
}

export function applicationArn(accountId: string, region: string, id: string): string {
  return `arn:aws:opensearch:${region}:${accountId}:application/${id}`;
}

/** The same account and region: the scope every lookup of the API is confined to. */
export interface Scope {
  accountId: string;
  region: string;
}

export function inScope(record: Scope, scope: Scope): boolean {
  return record.accountId === scope.accountId && record.region === scope.region;
}

export function findApplicationById(state: AppsState, scope: Scope, id: string): ApplicationRecord | undefined {
  return state.applications.find((a) => inScope(a, scope) && a.id === id);
}

export function findDataSource(state: AppsState, scope: Scope, dataSourceArn: string): DataSourceRecord | undefined {
  return state.dataSources.find((d) => inScope(d, scope) && d.dataSourceArn === dataSourceArn);
}

/** The attachment of one data source to one application (at most one exists per pair). */
export function findAttachment(state: AppsState, app: ApplicationRecord, dataSourceArn: string): AttachmentRecord | undefined {
  return state.attachments.find((a) => inScope(a, app) && a.applicationId === app.id && a.dataSourceArn === dataSourceArn);
}

export function findWorkspace(state: AppsState, app: ApplicationRecord, workspaceId: string): WorkspaceRecord | undefined {
  return state.workspaces.find((w) => inScope(w, app) && w.applicationId === app.id && w.workspaceId === workspaceId);
}

/** Removes attachments matching `drop` (the tokens that made them stay: see TokenRecord). */
export function removeAttachments(state: AppsState, drop: (a: AttachmentRecord) => boolean): void {
  state.attachments = state.attachments.filter((a) => !drop(a));
}

/** Attachments in creation order. */
export function inOrder(attachments: readonly AttachmentRecord[]): AttachmentRecord[] {
  return [...attachments].sort((a, b) => a.seq - b.seq);
}
