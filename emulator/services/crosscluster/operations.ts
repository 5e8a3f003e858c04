import { randomBytes } from "node:crypto";
import type { EmulatorRuntime, OperationContext } from "../types";
import type { CrossClusterStatus, DomainInfo } from "../../types";
import { compareEngines, findDomain, isElasticsearch, parseEngine } from "./domains";
import {
  alreadyExists,
  badPaginationToken,
  connectionNotFound,
  constraint,
  domainNotFound,
  limitExceeded,
  serialization,
  validation,
} from "./errors";
import { ccState, hasInboundSide, inOrder, isFinished, sameDomain, type CcConnectionRecord, type CcState, type DomainRef, type Family } from "./model";
import { ageAll, setStatus } from "./state-machine";
import { MAX_INBOUND_PER_DOMAIN, MAX_OUTBOUND_PER_DOMAIN, MAX_PAGE_SIZE, Struct, checkConnectionId } from "./validation";

/*
 * Family isolation. The OpenSearch API (2021-01-01) and the legacy Elasticsearch API (2015-01-01) each answer only the
 * connections made through them: a connection created with one API is not listed by the other's Describe*, and the
 * other's Accept/Reject/Delete answer ResourceNotFoundException for its id, exactly as for an id that does not exist.
 * AWS does not document how the two APIs see each other's connections; this is the conservative reading of "a
 * connection made with the OpenSearch API cannot be accepted with the ES API", and it is what lets a client tell from
 * a not-found on one API that it must ask the other. Domains are shared: an Elasticsearch-engine domain can be used
 * through both APIs, and the per-domain limits and alias uniqueness count connections of both families.
 */

/** A domain reference as given in a request: owner and region may be omitted (they default to the caller's). */
export interface RequestedDomain {
  domainName: string;
  ownerId?: string;
  region?: string;
}

export interface CreateRequest {
  local: RequestedDomain;
  remote: RequestedDomain;
  connectionAlias: string;
  connectionMode: "DIRECT" | "VPC_ENDPOINT";
  endpoint?: string;
  skipUnavailable: "ENABLED" | "DISABLED";
}

/** What differs between the two API families, apart from the wire shapes. */
export interface FamilySpec {
  family: Family;
  /** Member name of the Filters list (for error messages). */
  filtersMember: string;
  /** Filter name → the connection field it matches, for DescribeOutbound… and DescribeInbound… */
  outboundFilters: Readonly<Record<string, (c: CcConnectionRecord) => string>>;
  inboundFilters: Readonly<Record<string, (c: CcConnectionRecord) => string>>;
}

export type Side = "outbound" | "inbound";

/** The whole cross-cluster state, aged to the current emulated time. Every operation and control route starts here. */
export function currentState(runtime: EmulatorRuntime): CcState {
  const state = ccState(runtime.store, () => runtime.settings.domainSeed.map((d) => ({ ...d })));
  ageAll(state, runtime.clock.now(), runtime.settings.ccTransitions);
  return state;
}

export function createConnection(spec: FamilySpec, req: CreateRequest, ctx: OperationContext): CcConnectionRecord {
  const state = currentState(ctx.runtime);
  const caller = ctx.caller.accountId;

  // The local domain is the caller's own: it must exist in the caller's account and the request's region.
  const localOwner = req.local.ownerId ?? caller;
  const localRegion = req.local.region ?? ctx.region;
  const localDomain = localOwner === caller && localRegion === ctx.region ? findDomain(state.domains, caller, ctx.region, req.local.domainName) : undefined;
  if (!localDomain) throw domainNotFound(req.local.domainName);
  if (spec.family === "elasticsearch" && !isElasticsearch(localDomain)) throw openSearchDomainRefused(localDomain);

  const local: DomainRef = { ownerId: caller, region: ctx.region, domainName: localDomain.domainName };
  const remote: DomainRef = { ownerId: req.remote.ownerId ?? caller, region: req.remote.region ?? ctx.region, domainName: req.remote.domainName };
  if (sameDomain(local, remote)) throw validation("The source and destination domains must be different domains.");
  const remoteDomain = findDomain(state.domains, remote.ownerId, remote.region, remote.domainName);
  if (spec.family === "elasticsearch" && remoteDomain && !isElasticsearch(remoteDomain)) throw openSearchDomainRefused(remoteDomain);

  const live = Object.values(state.connections).filter((c) => !isFinished(c.status) && sameDomain(c.local, local));
  if (live.some((c) => c.connectionAlias === req.connectionAlias)) {
    throw alreadyExists(`A connection with alias ${req.connectionAlias} already exists for domain ${local.domainName}.`);
  }
  if (live.length >= MAX_OUTBOUND_PER_DOMAIN) {
    throw limitExceeded(`Domain ${local.domainName} already has the maximum of ${MAX_OUTBOUND_PER_DOMAIN} outbound connections.`);
  }

  const now = ctx.runtime.clock.now();
  const record: CcConnectionRecord = {
    connectionId: newConnectionId(state),
    family: spec.family,
    local,
    remote,
    connectionAlias: req.connectionAlias,
    connectionMode: req.connectionMode,
    ...(req.endpoint !== undefined ? { endpoint: req.endpoint } : {}),
    skipUnavailable: req.skipUnavailable,
    status: "VALIDATING",
    reachedRemote: false,
    ...validationOutcome(localDomain, remoteDomain, remote),
    statusSince: now,
    createdAt: now,
    seq: state.nextSeq++,
  };
  state.connections[record.connectionId] = record;
  // A zero validation time completes at once.
  ageAll(state, now, ctx.runtime.settings.ccTransitions);
  return record;
}

/**
 * Why validation will fail, decided at creation so the outcome does not depend on when the clock is next read. AWS
 * checks the remote domain asynchronously (it may be in another account), so these are VALIDATION_FAILED, not errors.
 */
function validationOutcome(local: DomainInfo, remote: DomainInfo | undefined, ref: DomainRef): { validationFailure?: string } {
  if (!remote) {
    return { validationFailure: `Remote domain ${ref.domainName} was not found in account ${ref.ownerId} in region ${ref.region}.` };
  }
  const source = parseEngine(local.engineVersion)!;
  const destination = parseEngine(remote.engineVersion)!;
  if (source.engine === "Elasticsearch" && destination.engine === "OpenSearch") {
    return {
      validationFailure: `A connection from an Elasticsearch domain (${local.engineVersion}) to an OpenSearch domain (${remote.engineVersion}) is not supported.`,
    };
  }
  if (compareEngines(source, destination) < 0) {
    return {
      validationFailure: `The source domain version (${local.engineVersion}) must be the same as or later than the destination domain version (${remote.engineVersion}).`,
    };
  }
  return {};
}

function openSearchDomainRefused(domain: DomainInfo): Error {
  return validation(
    `Domain ${domain.domainName} runs ${domain.engineVersion}; the Elasticsearch API (2015-01-01) supports only Elasticsearch domains. Use the OpenSearch API (2021-01-01).`,
  );
}

/** `cc-` and 22 characters of [a-z0-9]; matches the model's ConnectionId pattern [a-z][a-z0-9\-]+ (10–256). */
function newConnectionId(state: CcState): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (;;) {
    let id = "cc-";
    for (const b of randomBytes(22)) id += alphabet[b % alphabet.length];
    if (!(id in state.connections)) return id;
  }
}

function visible(spec: FamilySpec, side: Side, c: CcConnectionRecord, ctx: OperationContext): boolean {
  if (c.family !== spec.family) return false;
  if (side === "outbound") return c.local.ownerId === ctx.caller.accountId && c.local.region === ctx.region;
  return c.remote.ownerId === ctx.caller.accountId && c.remote.region === ctx.region && hasInboundSide(c);
}

/** One side of a connection as the caller sees it; ResourceNotFoundException when the caller cannot see that side. */
function find(spec: FamilySpec, side: Side, member: string, connectionId: string, ctx: OperationContext): CcConnectionRecord {
  checkConnectionId(member, connectionId);
  const state = currentState(ctx.runtime);
  const c = Object.prototype.hasOwnProperty.call(state.connections, connectionId) ? state.connections[connectionId] : undefined;
  if (!c || !visible(spec, side, c, ctx)) throw connectionNotFound(connectionId);
  return c;
}

export function acceptInbound(spec: FamilySpec, member: string, connectionId: string, ctx: OperationContext): CcConnectionRecord {
  const c = find(spec, "inbound", member, connectionId, ctx);
  if (c.status !== "PENDING_ACCEPTANCE") throw wrongStatus(c, "accepted");
  // The inbound limit bites when the destination commits to a connection: pending requests cost it nothing.
  const state = currentState(ctx.runtime);
  const accepted = Object.values(state.connections).filter(
    (o) => sameDomain(o.remote, c.remote) && (o.status === "APPROVED" || o.status === "PROVISIONING" || o.status === "ACTIVE"),
  );
  if (accepted.length >= MAX_INBOUND_PER_DOMAIN) {
    throw limitExceeded(`Domain ${c.remote.domainName} already has the maximum of ${MAX_INBOUND_PER_DOMAIN} inbound connections.`);
  }
  return transition(c, "APPROVED", ctx);
}

export function rejectInbound(spec: FamilySpec, member: string, connectionId: string, ctx: OperationContext): CcConnectionRecord {
  const c = find(spec, "inbound", member, connectionId, ctx);
  if (c.status !== "PENDING_ACCEPTANCE") throw wrongStatus(c, "rejected");
  return transition(c, "REJECTING", ctx);
}

/** Either side may delete; deleting a connection that is already DELETING or DELETED returns it unchanged. */
export function deleteConnection(spec: FamilySpec, side: Side, member: string, connectionId: string, ctx: OperationContext): CcConnectionRecord {
  const c = find(spec, side, member, connectionId, ctx);
  if (c.status === "DELETING" || c.status === "DELETED") return c;
  return transition(c, "DELETING", ctx);
}

function transition(c: CcConnectionRecord, status: CrossClusterStatus, ctx: OperationContext): CcConnectionRecord {
  const now = ctx.runtime.clock.now();
  setStatus(c, status, now);
  ageAll(currentState(ctx.runtime), now, ctx.runtime.settings.ccTransitions); // zero timings complete at once
  return c;
}

function wrongStatus(c: CcConnectionRecord, verb: string): Error {
  return validation(`Connection ${c.connectionId} is in status ${c.status} and cannot be ${verb}; only a PENDING_ACCEPTANCE connection can.`);
}

export interface Page {
  connections: CcConnectionRecord[];
  nextToken?: string;
}

/** Describe{Outbound,Inbound}…: Filters (AND across filters, OR across one filter's values), MaxResults, NextToken. */
export function describe(spec: FamilySpec, side: Side, input: Struct, ctx: OperationContext): Page {
  const table = side === "outbound" ? spec.outboundFilters : spec.inboundFilters;
  const filters = (input.optionalList("Filters") ?? []).map((raw, i) => {
    const f = Struct.of(raw, `${spec.filtersMember}.${i + 1}.member`);
    const name = f.requiredString("Name");
    const values = f.optionalList("Values");
    if (!Object.prototype.hasOwnProperty.call(table, name)) {
      throw validation(`Filter name ${name} is not valid. Valid filter names are: ${Object.keys(table).join(", ")}.`);
    }
    if (values === undefined || values.length === 0) throw validation(`Filter ${name} needs at least one value.`);
    if (values.some((v) => typeof v !== "string")) throw serialization(`${spec.filtersMember}.${i + 1}.member.values`, "a list of strings");
    return { field: table[name], values: values as string[] };
  });
  const maxResults = input.optionalInteger("MaxResults");
  if (maxResults !== undefined && maxResults > MAX_PAGE_SIZE) {
    throw constraint("maxResults", maxResults, `Member must have value less than or equal to ${MAX_PAGE_SIZE}`);
  }
  if (maxResults !== undefined && maxResults < 1) throw constraint("maxResults", maxResults, "Member must have value greater than or equal to 1");
  const pageSize = maxResults ?? MAX_PAGE_SIZE;
  const scope: TokenScope = { side, family: spec.family, accountId: ctx.caller.accountId, region: ctx.region };
  const nextToken = input.optionalString("NextToken");
  const after = nextToken === undefined ? 0 : decodeToken(nextToken, scope);

  const matching = inOrder(currentState(ctx.runtime)).filter(
    (c) => visible(spec, side, c, ctx) && filters.every((f) => f.values.includes(f.field(c))),
  );
  // The token names the last position returned, not an offset, so changes between pages neither skip nor repeat.
  const rest = matching.filter((c) => c.seq > after);
  const page = rest.slice(0, pageSize);
  return {
    connections: page,
    ...(rest.length > page.length ? { nextToken: encodeToken(scope, page[page.length - 1].seq) } : {}),
  };
}

interface TokenScope {
  side: Side;
  family: Family;
  accountId: string;
  region: string;
}

function encodeToken(scope: TokenScope, after: number): string {
  return Buffer.from(JSON.stringify({ v: 1, ...scope, after }), "utf8").toString("base64url");
}

/** A token from another listing (side, family, account or region) or not one of ours is InvalidPaginationToken. */
function decodeToken(token: string, scope: TokenScope): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw badPaginationToken();
  }
  const t = parsed as Partial<TokenScope & { v: number; after: number }> | null;
  if (
    typeof t !== "object" ||
    t === null ||
    t.v !== 1 ||
    typeof t.after !== "number" ||
    t.side !== scope.side ||
    t.family !== scope.family ||
    t.accountId !== scope.accountId ||
    t.region !== scope.region
  ) {
    throw badPaginationToken();
  }
  return t.after;
}
