import type { AwsSettings } from "../core/aws-clients";

/**
 * Cross-cluster search connections exist on two APIs with one state machine: OpenSearch Service
 * (CreateOutboundConnection, …) and the legacy Elasticsearch Service (CreateOutboundCrossClusterSearchConnection, …).
 * The resource specs are written once against this interface; each API is an adapter that only translates shapes.
 */
export type ApiFamily = "opensearch" | "elasticsearch";

export interface DomainRef {
  domainName: string;
  ownerId?: string;
  region?: string;
}

/** A connection as either API describes it, from either side (outbound or inbound). */
export interface ConnectionView {
  id: string;
  alias?: string;
  status: string;
  message?: string;
  local: DomainRef;
  remote: DomainRef;
  mode?: string;
  endpoint?: string;
  skipUnavailable?: string;
}

export interface OutboundRequest {
  local: DomainRef;
  remote: DomainRef;
  alias: string;
  mode?: string;
  endpoint?: string;
  skipUnavailable?: string;
}

/** `label` names the resource in errors; `aws` says which account and region to act as. */
export interface WireCall {
  label: string;
  aws: AwsSettings;
}

export interface CrossClusterWire {
  family: ApiFamily;
  /** The AWS SDK client package of this API. */
  sdkPackage: string;
  /**
   * The inbound side's statuses after an accept. OpenSearch goes APPROVED → PROVISIONING → ACTIVE; the legacy API's
   * inbound status has no ACTIVE at all: accepted is APPROVED, final (its outbound side still reaches ACTIVE).
   */
  inboundAccepted: { settling: readonly string[]; final: readonly string[] };
  /** One attempt, no SDK retries: the caller makes the create safe to retry. Returns the new connection as the answer describes it. */
  createOutbound(call: WireCall, request: OutboundRequest): Promise<ConnectionView>;
  findOutbound(call: WireCall, id: string): Promise<ConnectionView | undefined>;
  /** Outbound connections of one local domain, all pages. */
  listOutbound(call: WireCall, localDomainName: string): Promise<ConnectionView[]>;
  findInbound(call: WireCall, id: string): Promise<ConnectionView | undefined>;
  /**
   * The connections of one side with these ids, in one call per 100 ids (the connection-id filter takes many values,
   * OR-ed): the shared poller's tick. Ids the caller cannot see are left out.
   */
  describeMany(call: WireCall, side: "outbound" | "inbound", ids: readonly string[]): Promise<ConnectionView[]>;
  /** Resolves with the inbound side as the accept's answer describes it (APPROVED), when it does. */
  accept(call: WireCall, id: string): Promise<ConnectionView | undefined>;
  reject(call: WireCall, id: string): Promise<void>;
  /** Not-found is thrown as NotFoundError. */
  deleteOutbound(call: WireCall, id: string): Promise<void>;
  deleteInbound(call: WireCall, id: string): Promise<void>;
}

/** The resource type users should pick for a connection made with a given API (for wrong-family messages). */
export const ACCEPTER_TYPE: Record<ApiFamily, string> = {
  opensearch: "opensearch.InboundConnectionAccepter",
  elasticsearch: "elasticsearch.InboundConnectionAccepter",
};
