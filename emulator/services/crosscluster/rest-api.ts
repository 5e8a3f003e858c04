import { RestJsonProtocol, type RestRoute } from "../../protocols/rest-json";
import type { OperationHandler, ServiceDefinition } from "../types";
import { ES_FAULT_ERRORS } from "./errors";
import type { CcConnectionRecord, DomainRef } from "./model";
import {
  acceptInbound,
  createConnection,
  deleteConnection,
  describe,
  rejectInbound,
  type CreateRequest,
  type FamilySpec,
  type Page,
  type RequestedDomain,
} from "./operations";
import { Struct, checkDomainName, checkOwnerId, checkRegion } from "./validation";

/*
 * The restJson1 front end shared by the two cross-cluster API families (OpenSearch 2021-01-01, legacy Elasticsearch
 * 2015-01-01). Both have the same seven operations over the same model; a family declares only its operation names,
 * paths, member names and wire shapes (a `CrossClusterApi`), and `crossClusterService` builds the service from it.
 */

/** `{ OwnerId, DomainName, Region }`, as both families write a domain (OpenSearch wraps it in AWSDomainInformation). */
export function domainInformation(d: DomainRef): object {
  return { OwnerId: d.ownerId, DomainName: d.domainName, Region: d.region };
}

/** ConnectionStatus: the family's status code, and the message when there is one. */
export function connectionStatus(code: string, c: CcConnectionRecord): object {
  return { StatusCode: code, ...(c.message !== undefined ? { Message: c.message } : {}) };
}

/** A domain as a request names it (`{ OwnerId?, DomainName, Region? }`), checked. */
export function requestedDomain(info: Struct): RequestedDomain {
  const ownerId = info.optionalString("OwnerId");
  const region = info.optionalString("Region");
  return {
    domainName: checkDomainName(info.member("DomainName"), info.requiredString("DomainName")),
    ...(ownerId !== undefined ? { ownerId: checkOwnerId(info.member("OwnerId"), ownerId) } : {}),
    ...(region !== undefined ? { region: checkRegion(info.member("Region"), region) } : {}),
  };
}

/** The operations every family has, in the order their routes are tried and their handlers listed. */
const OPERATIONS = ["create", "describeOutbound", "describeInbound", "deleteOutbound", "accept", "reject", "deleteInbound"] as const;
export type CrossClusterOperation = (typeof OPERATIONS)[number];

/** What one API family declares; the rest is common. */
export interface CrossClusterApi {
  /** ServiceDefinition name (request log and counts). */
  name: string;
  /** Versioned path prefix that claims the service's requests; every route path starts with it. */
  prefix: string;
  /** Each operation's name and HTTP binding; the connection id is the `{idLabel}` path label. */
  routes: Readonly<Record<CrossClusterOperation, RestRoute>>;
  spec: FamilySpec;
  /** Path label (and so input member) that carries the connection id. */
  idLabel: string;
  /** The connection id's member name in error messages. */
  idMember: string;
  /** Output member of the Describe… list. */
  listMember: string;
  /** Output member of the one connection that Delete…, Accept… and Reject… return. */
  itemMember: string;
  /** Checks CreateOutbound…'s input (the whole output is the outbound shape of the new connection). */
  createRequest(args: Struct): CreateRequest;
  outbound(c: CcConnectionRecord): object;
  inbound(c: CcConnectionRecord): object;
}

/** restJson1 service for one cross-cluster API family (signing name "es" for both). */
export function crossClusterService(api: CrossClusterApi, extra: Pick<ServiceDefinition, "controlRoutes" | "refresh"> = {}): ServiceDefinition {
  const { spec, idMember } = api;
  const idOf = (raw: Record<string, unknown>): string => Struct.of(raw, "").requiredString(api.idLabel);
  const list = (page: Page, shape: (c: CcConnectionRecord) => object): object => ({
    [api.listMember]: page.connections.map(shape),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  });
  const one = (c: CcConnectionRecord, shape: (c: CcConnectionRecord) => object): object => ({ [api.itemMember]: shape(c) });

  const handlers: Record<CrossClusterOperation, OperationHandler> = {
    create: (raw, ctx) => api.outbound(createConnection(spec, api.createRequest(Struct.of(raw, "")), ctx)),
    describeOutbound: (raw, ctx) => list(describe(spec, "outbound", Struct.of(raw, ""), ctx), api.outbound),
    describeInbound: (raw, ctx) => list(describe(spec, "inbound", Struct.of(raw, ""), ctx), api.inbound),
    deleteOutbound: (raw, ctx) => one(deleteConnection(spec, "outbound", idMember, idOf(raw), ctx), api.outbound),
    accept: (raw, ctx) => one(acceptInbound(spec, idMember, idOf(raw), ctx), api.inbound),
    reject: (raw, ctx) => one(rejectInbound(spec, idMember, idOf(raw), ctx), api.inbound),
    deleteInbound: (raw, ctx) => one(deleteConnection(spec, "inbound", idMember, idOf(raw), ctx), api.inbound),
  };

  return {
    name: api.name,
    signingName: "es",
    protocol: new RestJsonProtocol(
      api.prefix,
      OPERATIONS.map((op) => api.routes[op]),
    ),
    operations: Object.fromEntries(OPERATIONS.map((op) => [api.routes[op].operation, handlers[op]])),
    faultErrors: ES_FAULT_ERRORS,
    ...extra,
  };
}
