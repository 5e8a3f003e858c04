import type { ApplicationRecord, AppsState, Activatable, AttachmentRecord, WorkspaceRecord } from "./model";
import { findApplicationById, findDataSource, findWorkspace } from "./model";
import { newWorkspaceId } from "./ids";

const HOUR = 3600_000;

/** "Pending attachments that are not completed within 24 hours are marked as FAILED" (AttachDataSource docs). */
export const ATTACHMENT_PENDING_TIMEOUT_MS = 24 * HOUR;

/*
 * Lazy ageing, as for the other services: nothing is scheduled; every request and control call first brings the state
 * up to the current emulated time, each change dated at the exact instant it was due, so that one big `advance` gives
 * the same result as many small ones.
 *
 * An attachment is PENDING until both its application and its data source are ACTIVE, then ATTACHED (at the later of
 * the two instants, or at once when both already are); PENDING for 24 hours is FAILED. Anything else (an application
 * going FAILED or DELETING) leaves a PENDING attachment PENDING: AWS documents only the timeout as a way to fail.
 */

/** A CREATING/UPDATING status with a due `activeAt` becomes ACTIVE at that instant. */
function ageActivatable<S extends string>(r: Activatable<S>, now: number, active: S): boolean {
  if (r.activeAt === undefined || r.activeAt > now) return false;
  if (r.status !== active) {
    r.status = active;
    r.statusSince = r.activeAt;
  }
  delete r.activeAt;
  return true;
}

/** Since when the resource is ACTIVE, or when it will be; undefined when nothing will make it ACTIVE. */
function activeFrom<S extends string>(r: Activatable<S> | undefined, active: S): number | undefined {
  if (!r) return undefined;
  if (r.status === active) return r.statusSince;
  return r.activeAt;
}

/** Ages every application, data source and attachment to `now`. */
export function ageAll(state: AppsState, now: number): boolean {
  let changed = false;
  for (const app of state.applications) if (ageActivatable(app, now, "ACTIVE")) changed = true;
  for (const ds of state.dataSources) if (ageActivatable(ds, now, "ACTIVE")) changed = true;
  // In creation order, so that two attachments competing for one new workspace name resolve as they were requested.
  for (const a of [...state.attachments].sort((x, y) => x.seq - y.seq)) if (ageAttachment(state, a, now)) changed = true;
  return changed;
}

function ageAttachment(state: AppsState, a: AttachmentRecord, now: number): boolean {
  if (a.status !== "PENDING") return false;
  const app = findApplicationById(state, a, a.applicationId);
  const ds = findDataSource(state, a, a.dataSourceArn);
  const appActive = activeFrom(app, "ACTIVE");
  const dsActive = activeFrom(ds, "ACTIVE");
  const failAt = a.createdAt + ATTACHMENT_PENDING_TIMEOUT_MS;
  if (app && appActive !== undefined && dsActive !== undefined) {
    const readyAt = Math.max(a.createdAt, appActive, dsActive);
    if (readyAt <= now && readyAt <= failAt) {
      complete(state, app, a, readyAt);
      return true;
    }
  }
  if (failAt <= now) {
    fail(a, failAt, `Not completed within 24 hours: application ${a.applicationId} is ${app?.status ?? "gone"}, data source is ${ds?.status ?? "unknown"}.`);
    return true;
  }
  return false;
}

export function fail(a: AttachmentRecord, at: number, reason: string): void {
  a.status = "FAILED";
  a.statusSince = at;
  a.failureReason = reason;
}

/**
 * PENDING → ATTACHED, with the workspace effects: a `workspaceConfiguration` creates the workspace and links the data
 * source to it; a `workspaceId` adds the data source to that workspace.
 *
 * Choice where AWS is silent: when the application already has a workspace with the configured name (made by an
 * earlier attachment that was since detached, say), the data source joins that workspace if its type matches, so a
 * detach followed by a re-attach with the same configuration works; a workspace of that name but another type makes
 * the attachment FAILED (workspace names are unique in OpenSearch Dashboards, and the request cannot be honoured).
 */
function complete(state: AppsState, app: ApplicationRecord, a: AttachmentRecord, at: number): void {
  let workspace: WorkspaceRecord | undefined;
  if (a.workspaceId !== undefined) {
    workspace = findWorkspace(state, app, a.workspaceId);
    if (!workspace) return fail(a, at, `Workspace ${a.workspaceId} no longer exists in application ${app.id}.`);
  } else if (a.workspaceConfiguration) {
    const { name, workspaceType } = a.workspaceConfiguration;
    const mine = state.workspaces.filter((w) => w.accountId === app.accountId && w.region === app.region && w.applicationId === app.id);
    workspace = mine.find((w) => w.name === name);
    if (workspace && workspace.workspaceType !== workspaceType) {
      return fail(a, at, `Application ${app.id} already has a workspace named ${name} of type ${workspace.workspaceType}, not ${workspaceType}.`);
    }
    if (!workspace) {
      workspace = {
        accountId: app.accountId,
        region: app.region,
        applicationId: app.id,
        workspaceId: newWorkspaceId((id) => mine.some((w) => w.workspaceId === id)),
        name,
        workspaceType,
        dataSourceArns: [],
        createdAt: at,
        createdByAttachmentId: a.attachmentId,
      };
      state.workspaces.push(workspace);
    }
  }
  if (workspace) {
    if (!workspace.dataSourceArns.includes(a.dataSourceArn)) workspace.dataSourceArns.push(a.dataSourceArn);
    a.linkedWorkspaceId = workspace.workspaceId;
  }
  a.status = "ATTACHED";
  a.statusSince = at;
  app.lastUpdatedAt = Math.max(app.lastUpdatedAt, at);
}
