import { readFileSync } from "node:fs";
import { resolveAccount } from "../../accounts";
import type { ApplicationInput, ApplicationStatus, DataSourceInput, DataSourceStatus, EmulatorOptions, WorkspaceType } from "../../types";
import { newWorkspaceId } from "./ids";
import { applicationArn, type AppsState, type ApplicationRecord, type DataSourceKind, type DataSourceRecord, type WorkspaceRecord } from "./model";
import { APPLICATION_ID, APPLICATION_NAME, WORKSPACE_NAME, WORKSPACE_TYPES } from "./validation";
import SEED from "./seed-applications.json";

/*
 * Applications and data sources as seeded (fixture, options, file) or put through the control API. Inputs are
 * untrusted JSON: every check throws a TypeError naming the problem, which the control API sends as 400.
 */

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ["CREATING", "ACTIVE", "UPDATING", "DELETING", "FAILED"];
export const DATA_SOURCE_STATUSES: readonly DataSourceStatus[] = ["CREATING", "ACTIVE", "UPDATING", "DELETING", "FAILED"];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const DOMAIN_ARN = /^arn:aws:es:([a-z0-9-]+):(\d{12}):domain\/([a-z][a-z0-9-]{2,27})$/;
const COLLECTION_ARN = /^arn:aws:aoss:([a-z0-9-]+):(\d{12}):collection\/([a-z0-9]{3,40})$/;

export interface CheckedWorkspace {
  id?: string;
  name: string;
  workspaceType: WorkspaceType;
  dataSourceArns: string[];
}

export interface CheckedApplication {
  accountId: string;
  region: string;
  id: string;
  name: string;
  status: ApplicationStatus;
  activeAfterMs?: number;
  workspaces: CheckedWorkspace[];
}

export interface CheckedDataSource {
  accountId: string;
  region: string;
  dataSourceArn: string;
  kind: DataSourceKind;
  resourceName: string;
  status: DataSourceStatus;
  activeAfterMs?: number;
}

/** What an empty state (start, reset) begins with. */
export interface ApplicationSeed {
  applications: readonly CheckedApplication[];
  dataSources: readonly CheckedDataSource[];
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`${what} must be an object`);
  return value as Json;
}

function text(v: Json, name: string, what: string): string {
  const field = v[name];
  if (typeof field !== "string" || field === "") throw new TypeError(`${what} ${name} must be a non-empty string`);
  return field;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) throw new TypeError(`${what} must be one of ${allowed.join(", ")}`);
  return value as T;
}

/**
 * A status with its optional timing: `activeAfterMs` schedules ACTIVE, which only makes sense from CREATING or
 * UPDATING (AWS's transitional statuses that end in ACTIVE).
 */
export function checkTiming(status: string, activeAfterMs: unknown, what: string): number | undefined {
  if (activeAfterMs === undefined || activeAfterMs === null) return undefined;
  if (typeof activeAfterMs !== "number" || !Number.isFinite(activeAfterMs) || activeAfterMs < 0) {
    throw new TypeError(`${what} activeAfterMs must be a non-negative number of emulated ms`);
  }
  if (status !== "CREATING" && status !== "UPDATING") throw new TypeError(`${what} activeAfterMs needs status CREATING or UPDATING, not ${status}`);
  return activeAfterMs;
}

export function parseDataSourceArn(arn: string): { kind: DataSourceKind; region: string; accountId: string; resourceName: string } | undefined {
  const domain = DOMAIN_ARN.exec(arn);
  if (domain) return { kind: "domain", region: domain[1], accountId: domain[2], resourceName: domain[3] };
  const collection = COLLECTION_ARN.exec(arn);
  if (collection) return { kind: "collection", region: collection[1], accountId: collection[2], resourceName: collection[3] };
  return undefined;
}

export function toWorkspace(value: unknown): CheckedWorkspace {
  const v = object(value, "a workspace");
  if (v.id !== undefined && (typeof v.id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(v.id))) {
    throw new TypeError("workspace id must be 1-64 letters, digits, hyphens or underscores");
  }
  const name = text(v, "name", "workspace");
  if (!WORKSPACE_NAME.test(name)) throw new TypeError(`workspace name ${name} must be 1-40 of letters, digits, ()[]-_ and spaces`);
  const workspaceType = oneOf(v.workspaceType, WORKSPACE_TYPES, "workspace workspaceType");
  const arns = v.dataSourceArns ?? [];
  if (!Array.isArray(arns) || arns.some((a) => typeof a !== "string")) throw new TypeError("workspace dataSourceArns must be a list of strings");
  return { ...(typeof v.id === "string" ? { id: v.id } : {}), name, workspaceType, dataSourceArns: [...(arns as string[])] };
}

export function toApplication(value: unknown): CheckedApplication {
  const v = object(value, "an application");
  const account = resolveAccount(text(v, "account", "application"));
  if (!account) throw new TypeError(`unknown account ${String(v.account)}`);
  const region = text(v, "region", "application");
  if (!REGION.test(region)) throw new TypeError(`application region ${region} is not a region name`);
  const id = text(v, "id", "application");
  if (!APPLICATION_ID.test(id)) throw new TypeError(`application id ${id} must be 3-30 of [a-z0-9]`);
  const name = text(v, "name", "application");
  if (!APPLICATION_NAME.test(name)) throw new TypeError(`application name ${name} must be 3-30 of [a-z0-9-] starting with a letter`);
  const status = v.status === undefined ? "ACTIVE" : oneOf(v.status, APPLICATION_STATUSES, "application status");
  const activeAfterMs = checkTiming(status, v.activeAfterMs, "application");
  const rawWorkspaces = v.workspaces ?? [];
  if (!Array.isArray(rawWorkspaces)) throw new TypeError("application workspaces must be a list");
  const workspaces = rawWorkspaces.map(toWorkspace);
  const names = new Set(workspaces.map((w) => w.name));
  if (names.size !== workspaces.length) throw new TypeError(`application ${id} lists a workspace name twice`);
  return { accountId: account.accountId, region, id, name, status, ...(activeAfterMs !== undefined ? { activeAfterMs } : {}), workspaces };
}

export function toDataSource(value: unknown): CheckedDataSource {
  const v = object(value, "a data source");
  const dataSourceArn = text(v, "dataSourceArn", "data source");
  const parsed = parseDataSourceArn(dataSourceArn);
  if (!parsed) {
    throw new TypeError(`dataSourceArn ${dataSourceArn} must be arn:aws:es:{region}:{account}:domain/{name} or arn:aws:aoss:{region}:{account}:collection/{id}`);
  }
  if (!REGION.test(parsed.region)) throw new TypeError(`dataSourceArn ${dataSourceArn} does not name a region`);
  if (!resolveAccount(parsed.accountId)) throw new TypeError(`dataSourceArn ${dataSourceArn} names an account that is not a test account`);
  const status = v.status === undefined ? "ACTIVE" : oneOf(v.status, DATA_SOURCE_STATUSES, "data source status");
  const activeAfterMs = checkTiming(status, v.activeAfterMs, "data source");
  return { ...parsed, dataSourceArn, status, ...(activeAfterMs !== undefined ? { activeAfterMs } : {}) };
}

/** A whole application list; an id or a name used twice in one account and region is an error. */
export function toApplicationList(value: unknown): CheckedApplication[] {
  if (!Array.isArray(value)) throw new TypeError("applications must be an array");
  const out: CheckedApplication[] = [];
  for (const item of value) {
    const app = toApplication(item);
    const clash = out.find((a) => a.accountId === app.accountId && a.region === app.region && (a.id === app.id || a.name === app.name));
    if (clash) throw new TypeError(`application ${app.id} (${app.name}) clashes with ${clash.id} (${clash.name}) in ${app.accountId} ${app.region}`);
    out.push(app);
  }
  return out;
}

export function toDataSourceList(value: unknown): CheckedDataSource[] {
  if (!Array.isArray(value)) throw new TypeError("dataSources must be an array");
  const out: CheckedDataSource[] = [];
  for (const item of value) {
    const ds = toDataSource(item);
    if (out.some((d) => d.dataSourceArn === ds.dataSourceArn)) throw new TypeError(`data source ${ds.dataSourceArn} is listed twice`);
    out.push(ds);
  }
  return out;
}

/**
 * The built-in fixture (seed-applications.json). primary/us-east-1: logsapp01 "logs-app" ACTIVE (with workspace
 * Obs001), newapp002 "new-app" CREATING (stays CREATING until a test changes it); domains app-logs and analytics and
 * one serverless collection ACTIVE, one collection CREATING. primary/us-west-2: westapp01 and domain app-logs-west.
 * partner/us-east-1: partnerapp01 and domain partner-logs. Validated when this module loads.
 */
export const SEEDED_APPLICATIONS: readonly ApplicationInput[] = Object.freeze(
  validated(SEED.applications as ApplicationInput[], toApplicationList).map((a) => Object.freeze({ ...a })),
);
export const SEEDED_DATA_SOURCES: readonly DataSourceInput[] = Object.freeze(
  validated(SEED.dataSources as DataSourceInput[], toDataSourceList).map((d) => Object.freeze({ ...d })),
);

/** The fixture as typed inputs, once the checks have passed (a broken fixture fails at load, not at first use). */
function validated<T>(inputs: T[], check: (value: unknown) => unknown): T[] {
  check(inputs);
  return inputs;
}

/** The seed the options ask for, and which of its parts were given explicitly (those replace a loaded state's). */
export function seedFromOptions(options: EmulatorOptions): { seed: ApplicationSeed; explicit: { applications: boolean; dataSources: boolean } } {
  let fromFile: { applications?: CheckedApplication[]; dataSources?: CheckedDataSource[] } = {};
  if (options.applicationsFile !== undefined) {
    if (options.applications !== undefined || options.dataSources !== undefined) {
      throw new Error("give applicationsFile, or applications/dataSources, not both");
    }
    fromFile = loadApplicationsFile(options.applicationsFile);
  }
  const applications = options.applications !== undefined ? toApplicationList(options.applications) : fromFile.applications;
  const dataSources = options.dataSources !== undefined ? toDataSourceList(options.dataSources) : fromFile.dataSources;
  return {
    seed: {
      applications: applications ?? toApplicationList(SEEDED_APPLICATIONS),
      dataSources: dataSources ?? toDataSourceList(SEEDED_DATA_SOURCES),
    },
    explicit: { applications: applications !== undefined, dataSources: dataSources !== undefined },
  };
}

/** Reads a file in the fixture's format; each part is optional. */
export function loadApplicationsFile(file: string): { applications?: CheckedApplication[]; dataSources?: CheckedDataSource[] } {
  try {
    const v = object(JSON.parse(readFileSync(file, "utf8")) as unknown, "the applications file");
    return {
      ...(v.applications !== undefined ? { applications: toApplicationList(v.applications) } : {}),
      ...(v.dataSources !== undefined ? { dataSources: toDataSourceList(v.dataSources) } : {}),
    };
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function applicationRecord(c: CheckedApplication, now: number): ApplicationRecord {
  return {
    accountId: c.accountId,
    region: c.region,
    id: c.id,
    name: c.name,
    arn: applicationArn(c.accountId, c.region, c.id),
    status: c.status,
    statusSince: now,
    ...(c.activeAfterMs !== undefined ? { activeAt: now + c.activeAfterMs } : {}),
    createdAt: now,
    lastUpdatedAt: now,
  };
}

export function dataSourceRecord(c: CheckedDataSource, now: number): DataSourceRecord {
  return {
    accountId: c.accountId,
    region: c.region,
    dataSourceArn: c.dataSourceArn,
    kind: c.kind,
    resourceName: c.resourceName,
    status: c.status,
    statusSince: now,
    ...(c.activeAfterMs !== undefined ? { activeAt: now + c.activeAfterMs } : {}),
  };
}

/**
 * Adds a workspace to an application (replacing one with the same id), for the seed and the control API; a name taken
 * by another workspace of the application is an error (OpenSearch Dashboards keeps workspace names unique).
 */
export function putWorkspace(state: AppsState, app: ApplicationRecord, w: CheckedWorkspace, now: number): WorkspaceRecord {
  const mine = state.workspaces.filter((x) => x.accountId === app.accountId && x.region === app.region && x.applicationId === app.id);
  const clash = mine.find((x) => x.name === w.name && x.workspaceId !== w.id);
  if (clash) throw new TypeError(`application ${app.id} already has a workspace named ${w.name} (${clash.workspaceId})`);
  const workspaceId = w.id ?? newWorkspaceId((id) => mine.some((x) => x.workspaceId === id));
  const record: WorkspaceRecord = {
    accountId: app.accountId,
    region: app.region,
    applicationId: app.id,
    workspaceId,
    name: w.name,
    workspaceType: w.workspaceType,
    dataSourceArns: [...w.dataSourceArns],
    createdAt: now,
  };
  state.workspaces = state.workspaces.filter((x) => !(x.accountId === app.accountId && x.region === app.region && x.applicationId === app.id && x.workspaceId === workspaceId));
  state.workspaces.push(record);
  return record;
}

export function initialState(seed: ApplicationSeed, now: number): AppsState {
  const state: AppsState = { applications: [], dataSources: [], attachments: [], workspaces: [], tokens: [], nextSeq: 1 };
  replaceApplications(state, seed.applications, now);
  state.dataSources = seed.dataSources.map((d) => dataSourceRecord(d, now));
  return state;
}

/**
 * Replaces every application (and so their workspaces, attachments and tokens) with `applications`: for an empty
 * state, and when options name the applications explicitly over a loaded state file.
 */
export function replaceApplications(state: AppsState, applications: readonly CheckedApplication[], now: number): void {
  state.applications = applications.map((a) => applicationRecord(a, now));
  state.workspaces = [];
  state.attachments = [];
  state.tokens = [];
  for (const a of applications) {
    const app = state.applications.find((r) => r.accountId === a.accountId && r.region === a.region && r.id === a.id)!;
    for (const w of a.workspaces) putWorkspace(state, app, w, now);
  }
}

/** Replaces every data source; attachments that name one that is gone stay (and, if PENDING, will fail). */
export function replaceDataSources(state: AppsState, dataSources: readonly CheckedDataSource[], now: number): void {
  state.dataSources = dataSources.map((d) => dataSourceRecord(d, now));
}
