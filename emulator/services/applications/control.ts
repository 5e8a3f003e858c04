import { resolveAccount } from "../../accounts";
import type { ControlRoute, EmulatorRuntime } from "../types";
import { removeAttachments, type AppsState, type ApplicationRecord, type Activatable } from "./model";
import { currentState } from "./operations";
import {
  APPLICATION_STATUSES,
  DATA_SOURCE_STATUSES,
  applicationRecord,
  checkTiming,
  dataSourceRecord,
  putWorkspace,
  toApplication,
  toDataSource,
  toWorkspace,
} from "./seed";
import { ageAll } from "./state-machine";

type Json = Record<string, unknown>;

function body(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("the body must be a JSON object");
  return value as Json;
}

function field(b: Json, name: string): string {
  const value = b[name];
  if (typeof value !== "string" || value === "") throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The application named by `{ account, region, applicationId }` (account: name or id). */
function application(state: AppsState, b: Json): ApplicationRecord {
  const account = resolveAccount(field(b, "account"));
  if (!account) throw new TypeError(`unknown account ${String(b.account)}`);
  const region = field(b, "region");
  const id = field(b, "applicationId");
  const app = state.applications.find((a) => a.accountId === account.accountId && a.region === region && a.id === id);
  if (!app) throw new RangeError(`no application ${id} in ${account.accountId} ${region}`);
  return app;
}

/**
 * Sets a status out of band, dated now; `activeAfterMs` (CREATING/UPDATING only) schedules ACTIVE. The state was aged
 * to now before (currentState), so attachments that were due to complete under the old status have; ageing again
 * afterwards completes those the new status allows, in the same call.
 */
function setStatus<S extends string>(r: Activatable<S>, status: S, activeAfterMs: unknown, what: string, now: number): void {
  const after = checkTiming(status, activeAfterMs, what);
  r.status = status;
  r.statusSince = now;
  if (after !== undefined) r.activeAt = now + after;
  else delete r.activeAt;
}

/**
 * Control routes of the OpenSearch application emulation: the applications and data sources that exist and their
 * statuses (AWS changes them on its own: a new application becomes ACTIVE, a collection finishes creating), the
 * workspaces, and the attachments for inspection. Every route sees the state aged to now.
 */
export const applicationControlRoutes: readonly ControlRoute[] = [
  {
    method: "GET",
    path: "opensearch/applications",
    handle: (_b: unknown, runtime: EmulatorRuntime) => clone(currentState(runtime).applications),
  },
  {
    // Creates, or updates in place (same account, region and id: name, status and timing change; attachments and
    // workspaces stay), an application: ApplicationInput. Listed workspaces are added (or replaced by id).
    method: "POST",
    path: "opensearch/applications",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const input = toApplication(raw);
      const state = currentState(runtime);
      const now = runtime.clock.now();
      const clash = state.applications.find((a) => a.accountId === input.accountId && a.region === input.region && a.id !== input.id && a.name === input.name);
      if (clash) throw new TypeError(`application ${clash.id} in ${input.accountId} ${input.region} is already named ${input.name}`);
      let app = state.applications.find((a) => a.accountId === input.accountId && a.region === input.region && a.id === input.id);
      if (app) {
        app.name = input.name;
        setStatus(app, input.status, input.activeAfterMs, "application", now);
        app.lastUpdatedAt = now;
      } else {
        app = applicationRecord(input, now);
        state.applications.push(app);
      }
      for (const w of input.workspaces) putWorkspace(state, app, w, now);
      ageAll(state, now);
      return clone(app);
    },
  },
  {
    // { account, region, applicationId }: the application goes with its attachments and workspaces.
    method: "DELETE",
    path: "opensearch/applications",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const state = currentState(runtime);
      const app = application(state, body(raw));
      const mine = (r: { accountId: string; region: string; applicationId: string }): boolean =>
        r.accountId === app.accountId && r.region === app.region && r.applicationId === app.id;
      removeAttachments(state, mine);
      state.workspaces = state.workspaces.filter((w) => !mine(w));
      state.tokens = state.tokens.filter((t) => !mine(t));
      state.applications = state.applications.filter((a) => a !== app);
      return { ok: true };
    },
  },
  {
    // { account, region, applicationId, status, activeAfterMs? }.
    method: "POST",
    path: "opensearch/application-status",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const b = body(raw);
      const status = field(b, "status");
      const match = APPLICATION_STATUSES.find((s) => s === status);
      if (!match) throw new TypeError(`status must be one of ${APPLICATION_STATUSES.join(", ")}`);
      const state = currentState(runtime);
      const app = application(state, b);
      const now = runtime.clock.now();
      setStatus(app, match, b.activeAfterMs, "application", now);
      app.lastUpdatedAt = now;
      ageAll(state, now);
      return clone(app);
    },
  },
  {
    method: "GET",
    path: "opensearch/data-sources",
    handle: (_b: unknown, runtime: EmulatorRuntime) => clone(currentState(runtime).dataSources),
  },
  {
    // Creates or replaces (same ARN) a data source: DataSourceInput. Attachments that name it stay.
    method: "POST",
    path: "opensearch/data-sources",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const input = toDataSource(raw);
      const state = currentState(runtime);
      const now = runtime.clock.now();
      const record = dataSourceRecord(input, now);
      state.dataSources = [...state.dataSources.filter((d) => d.dataSourceArn !== input.dataSourceArn), record];
      ageAll(state, now);
      return clone(record);
    },
  },
  {
    // { dataSourceArn }. Attachments that name it stay as they are (a PENDING one will fail after 24 hours).
    method: "DELETE",
    path: "opensearch/data-sources",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const arn = field(body(raw), "dataSourceArn");
      const state = currentState(runtime);
      if (!state.dataSources.some((d) => d.dataSourceArn === arn)) throw new RangeError(`no data source ${arn}`);
      state.dataSources = state.dataSources.filter((d) => d.dataSourceArn !== arn);
      return { ok: true };
    },
  },
  {
    // { dataSourceArn, status, activeAfterMs? }.
    method: "POST",
    path: "opensearch/data-source-status",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const b = body(raw);
      const status = field(b, "status");
      const match = DATA_SOURCE_STATUSES.find((s) => s === status);
      if (!match) throw new TypeError(`status must be one of ${DATA_SOURCE_STATUSES.join(", ")}`);
      const arn = field(b, "dataSourceArn");
      const state = currentState(runtime);
      const ds = state.dataSources.find((d) => d.dataSourceArn === arn);
      if (!ds) throw new RangeError(`no data source ${arn}`);
      const now = runtime.clock.now();
      setStatus(ds, match, b.activeAfterMs, "data source", now);
      ageAll(state, now);
      return clone(ds);
    },
  },
  {
    // Every attachment of every account and region, as stored (status as of now), in creation order.
    method: "GET",
    path: "opensearch/data-source-attachments",
    handle: (_b: unknown, runtime: EmulatorRuntime) => clone([...currentState(runtime).attachments].sort((a, b) => a.seq - b.seq)),
  },
  {
    method: "GET",
    path: "opensearch/workspaces",
    handle: (_b: unknown, runtime: EmulatorRuntime) => clone(currentState(runtime).workspaces),
  },
  {
    // { account, region, applicationId, id?, name, workspaceType, dataSourceArns? }: adds (or replaces by id) a workspace.
    method: "POST",
    path: "opensearch/workspaces",
    handle(raw: unknown, runtime: EmulatorRuntime) {
      const b = body(raw);
      const state = currentState(runtime);
      const app = application(state, b);
      const { account: _account, region: _region, applicationId: _applicationId, ...workspace } = b;
      return clone(putWorkspace(state, app, toWorkspace(workspace), runtime.clock.now()));
    },
  },
];
