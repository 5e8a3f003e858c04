import type { EmulatorRuntime, OperationContext } from "../types";
import { validation } from "../crosscluster/errors";
import { applicationNotFound, attachmentNotFound, conflict, dataSourceNotFound, tokenMismatch, workspaceNotFound } from "./errors";
import { newAttachmentId } from "./ids";
import {
  appsState,
  findApplicationById,
  findAttachment,
  findDataSource,
  findWorkspace,
  inOrder,
  inScope,
  removeAttachments,
  type ApplicationRecord,
  type AppsState,
  type AttachmentRecord,
  type Scope,
  type TokenRecord,
  type WorkspaceConfiguration,
} from "./model";
import { initialState } from "./seed";
import { ageAll } from "./state-machine";
import type { AttachRequest } from "./validation";

/** The whole applications state, seeded on first use and aged to the current emulated time. Everything starts here. */
export function currentState(runtime: EmulatorRuntime): AppsState {
  const state = appsState(runtime.store, () => initialState(runtime.settings.applicationSeed, runtime.clock.now()));
  ageAll(state, runtime.clock.now());
  return state;
}

function scopeOf(ctx: OperationContext): Scope {
  return { accountId: ctx.caller.accountId, region: ctx.region };
}

/** By id first, then by name ("the unique identifier or name of the OpenSearch application"), in the caller's scope. */
export function resolveApplication(state: AppsState, scope: Scope, ref: string): ApplicationRecord {
  const app = findApplicationById(state, scope, ref) ?? state.applications.find((a) => inScope(a, scope) && a.name === ref);
  if (!app) throw applicationNotFound(ref);
  return app;
}

export interface AttachmentResult {
  app: ApplicationRecord;
  attachment: AttachmentRecord;
}

function sameConfiguration(a: WorkspaceConfiguration | undefined, b: WorkspaceConfiguration | undefined): boolean {
  return a?.name === b?.name && a?.workspaceType === b?.workspaceType;
}

function sameParameters(t: TokenRecord, app: ApplicationRecord, req: AttachRequest): boolean {
  return (
    t.applicationId === app.id &&
    t.dataSourceArn === req.dataSourceArn &&
    t.workspaceId === req.workspaceId &&
    sameConfiguration(t.workspaceConfiguration, req.workspaceConfiguration)
  );
}

/**
 * AttachDataSource. Order of the checks, where AWS documents none:
 * 1. the application must exist (ResourceNotFoundException);
 * 2. a clientToken already used in this account and region must come with the same parameters (application, data
 *    source, workspace choice), else ConflictException; with the same parameters the attachment it made is returned
 *    as it is now, or, if it was detached since, the answer the token first got: nothing new is made ("the retry
 *    succeeds without performing any further actions");
 * 3. an attachment of the pair that is PENDING or ATTACHED is returned unchanged, whatever the token and the workspace
 *    parameters ("If a data source is already attached or pending for the same application, the existing attachment
 *    is returned");
 * 4. the data source must exist in the caller's account and region, and a workspaceId must name a workspace of the
 *    application (ResourceNotFoundException);
 * 5. a FAILED attachment of the pair is replaced by a new one (new attachmentId): a FAILED attachment is final, and a
 *    new request is how a user retries, so keeping the old one would make the pair unattachable until detached;
 * 6. a new attachment starts PENDING and is ATTACHED at once if both resources are ACTIVE.
 */
export function attachDataSource(req: AttachRequest, ctx: OperationContext): AttachmentResult {
  const state = currentState(ctx.runtime);
  const scope = scopeOf(ctx);
  const app = resolveApplication(state, scope, req.applicationRef);

  const token = req.clientToken === undefined ? undefined : state.tokens.find((t) => inScope(t, scope) && t.clientToken === req.clientToken);
  if (token) {
    if (!sameParameters(token, app, req)) throw tokenMismatch(token.clientToken);
    const made = state.attachments.find((a) => a.attachmentId === token.attachmentId);
    return { app, attachment: made ?? token.answer };
  }

  const existing = findAttachment(state, app, req.dataSourceArn);
  if (existing && existing.status !== "FAILED") {
    remember(state, scope, app, req, existing);
    return { app, attachment: existing };
  }

  if (!findDataSource(state, scope, req.dataSourceArn)) throw dataSourceNotFound(req.dataSourceArn);
  if (req.workspaceId !== undefined && !findWorkspace(state, app, req.workspaceId)) throw workspaceNotFound(app.id, req.workspaceId);

  if (existing) removeAttachments(state, (a) => a.attachmentId === existing.attachmentId);
  const now = ctx.runtime.clock.now();
  const attachment: AttachmentRecord = {
    attachmentId: newAttachmentId((id) => state.attachments.some((a) => a.attachmentId === id)),
    accountId: app.accountId,
    region: app.region,
    applicationId: app.id,
    dataSourceArn: req.dataSourceArn,
    status: "PENDING",
    statusSince: now,
    createdAt: now,
    seq: state.nextSeq++,
    ...(req.workspaceId !== undefined ? { workspaceId: req.workspaceId } : {}),
    ...(req.workspaceConfiguration !== undefined ? { workspaceConfiguration: { ...req.workspaceConfiguration } } : {}),
  };
  state.attachments.push(attachment);
  ageAll(state, now); // both ACTIVE: ATTACHED in this very response
  remember(state, scope, app, req, attachment);
  return { app, attachment };
}

/** Records a new clientToken with the parameters it came with. */
function remember(state: AppsState, scope: Scope, app: ApplicationRecord, req: AttachRequest, attachment: AttachmentRecord): void {
  if (req.clientToken === undefined || state.tokens.some((t) => inScope(t, scope) && t.clientToken === req.clientToken)) return;
  state.tokens.push({
    ...scope,
    clientToken: req.clientToken,
    applicationId: app.id,
    dataSourceArn: req.dataSourceArn,
    ...(req.workspaceId !== undefined ? { workspaceId: req.workspaceId } : {}),
    ...(req.workspaceConfiguration !== undefined ? { workspaceConfiguration: { ...req.workspaceConfiguration } } : {}),
    attachmentId: attachment.attachmentId,
    answer: { ...attachment },
  });
}

export function describeAttachment(applicationRef: string, dataSourceArn: string, ctx: OperationContext): AttachmentResult {
  const state = currentState(ctx.runtime);
  const app = resolveApplication(state, scopeOf(ctx), applicationRef);
  const attachment = findAttachment(state, app, dataSourceArn);
  if (!attachment) throw attachmentNotFound(app.id, dataSourceArn);
  return { app, attachment };
}

/**
 * DetachDataSource: a PENDING attachment cannot be detached (ConflictException, as the API reference's error list
 * allows); an ATTACHED or FAILED one is removed at once (no DETACHING status exists), the data source is unlinked from
 * the application's workspaces, and the workspaces themselves stay (they belong to the application and may hold
 * other data sources and saved objects). "The application must be in the ACTIVE state" (API reference): otherwise a
 * ConflictException too (the reference names no error for it; Conflict is its "resource in use" answer), checked after
 * not-found, so detaching from a CREATING application what was never attached is still not-found.
 */
export function detachDataSource(applicationRef: string, dataSourceArn: string, ctx: OperationContext): AttachmentResult {
  const state = currentState(ctx.runtime);
  const app = resolveApplication(state, scopeOf(ctx), applicationRef);
  const attachment = findAttachment(state, app, dataSourceArn);
  if (!attachment) throw attachmentNotFound(app.id, dataSourceArn);
  if (app.status !== "ACTIVE") {
    throw conflict(`Application ${app.id} is ${app.status}; data sources can be detached only while the application is ACTIVE.`);
  }
  if (attachment.status === "PENDING") {
    throw conflict(`The attachment of ${dataSourceArn} to application ${app.id} is PENDING; it can be detached once it is ATTACHED or FAILED.`);
  }
  removeAttachments(state, (a) => a.attachmentId === attachment.attachmentId);
  if (attachment.status === "ATTACHED") {
    for (const w of state.workspaces) {
      if (inScope(w, app) && w.applicationId === app.id) w.dataSourceArns = w.dataSourceArns.filter((arn) => arn !== dataSourceArn);
    }
    app.lastUpdatedAt = Math.max(app.lastUpdatedAt, ctx.runtime.clock.now());
  }
  return { app, attachment };
}

export interface AttachmentPage {
  attachments: AttachmentRecord[];
  nextToken?: string;
}

/** ListDataSourceAttachments: every attachment of the application in creation order, paged by position. */
export function listAttachments(applicationRef: string, pageSize: number, nextToken: string | undefined, ctx: OperationContext): AttachmentPage {
  const state = currentState(ctx.runtime);
  const app = resolveApplication(state, scopeOf(ctx), applicationRef);
  const after = nextToken === undefined ? 0 : decodeToken(nextToken, app);
  // The token names the last position returned, not an offset, so detaches between pages neither skip nor repeat.
  const rest = inOrder(state.attachments.filter((a) => inScope(a, app) && a.applicationId === app.id && a.seq > after));
  const page = rest.slice(0, pageSize);
  return {
    attachments: page,
    ...(rest.length > page.length ? { nextToken: encodeToken(app, page[page.length - 1].seq) } : {}),
  };
}

export function getApplication(applicationRef: string, ctx: OperationContext): { app: ApplicationRecord; attached: string[] } {
  const state = currentState(ctx.runtime);
  const app = resolveApplication(state, scopeOf(ctx), applicationRef);
  const attached = inOrder(state.attachments.filter((a) => inScope(a, app) && a.applicationId === app.id && a.status === "ATTACHED")).map((a) => a.dataSourceArn);
  return { app, attached };
}

interface PageToken {
  v: 1;
  accountId: string;
  region: string;
  applicationId: string;
  after: number;
}

function encodeToken(app: ApplicationRecord, after: number): string {
  const token: PageToken = { v: 1, accountId: app.accountId, region: app.region, applicationId: app.id, after };
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64url");
}

/** Only a token this listing issued (same account, region and application) is accepted; anything else is invalid. */
function decodeToken(token: string, app: ApplicationRecord): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const t = parsed as Partial<PageToken> | null | undefined;
  if (
    typeof t !== "object" ||
    t === null ||
    t.v !== 1 ||
    typeof t.after !== "number" ||
    t.accountId !== app.accountId ||
    t.region !== app.region ||
    t.applicationId !== app.id
  ) {
    throw validation("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: the pagination token is invalid or has expired.");
  }
  return t.after;
}
