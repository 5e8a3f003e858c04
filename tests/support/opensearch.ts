import * as path from "path";
import {
  DescribeInboundConnectionsCommand,
  DescribeOutboundConnectionsCommand,
  OpenSearchClient,
  type InboundConnection,
  type OutboundConnection,
} from "@aws-sdk/client-opensearch";
import { ElasticsearchServiceClient } from "@aws-sdk/client-elasticsearch-service";
import type { CrossClusterConnectionRecord } from "../../emulator";
import { EXAMPLES_DIR, FIXTURES_DIR, startWorld, type World, type WorldOptions } from "./world";

/** OpenSearch cross-cluster helpers for lifecycle tests: the test accounts' SDK clients and the emulator's view. */
export const OS_EXAMPLES = {
  sameAccount: path.join(EXAMPLES_DIR, "opensearch-same-account"),
  crossAccount: path.join(EXAMPLES_DIR, "opensearch-cross-account"),
  crossRegion: path.join(EXAMPLES_DIR, "opensearch-cross-region"),
  reject: path.join(EXAMPLES_DIR, "opensearch-reject"),
} as const;

export const OS_FIXTURES = {
  /** One OutboundConnection (args from config `outbound`), optionally an accepter and a helper (see its index.ts). */
  connection: path.join(FIXTURES_DIR, "opensearch/connection"),
  /** One InboundConnectionAccepter for config `connectionId`, `action`, `aws` (the remote owner's own stack). */
  accepter: path.join(FIXTURES_DIR, "opensearch/accepter"),
} as const;

export const PRIMARY_ID = "111111111111";
export const PARTNER_ID = "222222222222";
export const THIRD_ID = "333333333333";
export const EXTERNAL_ID = "pulumi-aws-connections-test";
export const partnerRole = (name = "connections-admin-external") => `arn:aws:iam::${PARTNER_ID}:role/${name}`;

/** Every request that changes something in either cross-cluster API (OpenSearch and legacy Elasticsearch). */
export const MUTATING_CC_OPERATIONS: readonly string[] = [
  "OpenSearch.CreateOutboundConnection",
  "OpenSearch.AcceptInboundConnection",
  "OpenSearch.RejectInboundConnection",
  "OpenSearch.DeleteOutboundConnection",
  "OpenSearch.DeleteInboundConnection",
  "Elasticsearch.CreateOutboundCrossClusterSearchConnection",
  "Elasticsearch.AcceptInboundCrossClusterSearchConnection",
  "Elasticsearch.RejectInboundCrossClusterSearchConnection",
  "Elasticsearch.DeleteOutboundCrossClusterSearchConnection",
  "Elasticsearch.DeleteInboundCrossClusterSearchConnection",
];

export interface OpenSearchView {
  /** The unmodified OpenSearch SDK client with an account's keys (name) in a region (default us-east-1). */
  client(account?: string, region?: string): OpenSearchClient;
  /** The unmodified Elasticsearch Service SDK client with an account's keys. */
  esClient(account?: string, region?: string): ElasticsearchServiceClient;
  /** The outbound side as its owner sees it through the SDK (DescribeOutboundConnections by id). */
  outbound(id: string, account?: string, region?: string): Promise<OutboundConnection | undefined>;
  /** The inbound side as the remote owner sees it through the SDK. */
  inbound(id: string, account?: string, region?: string): Promise<InboundConnection | undefined>;
  /** The emulator's own record of a connection (either API family). */
  record(id: string): Promise<CrossClusterConnectionRecord>;
  /** Mutating cross-cluster requests since a `counts()` snapshot (only the non-zero ones). */
  mutationsSince(before: Record<string, number>): Promise<Record<string, number>>;
  /** Polls the emulator (every 10 ms, up to `timeoutMs` real ms) until the connection has this status. */
  untilStatus(id: string, status: string, timeoutMs?: number): Promise<CrossClusterConnectionRecord>;
  /** Connections not DELETED or REJECTED (either family). */
  live(): Promise<CrossClusterConnectionRecord[]>;
  dispose(): void;
}

export function openSearchView(world: World): OpenSearchView {
  const clients = new Map<string, { destroy(): void }>();
  const creds = (account: string) => {
    const a = world.account(account);
    return { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
  };
  const cached = <T extends { destroy(): void }>(key: string, make: () => T): T => {
    if (!clients.has(key)) clients.set(key, make());
    return clients.get(key) as T;
  };
  const client = (account = "primary", region = "us-east-1") =>
    cached(`os:${account}:${region}`, () => new OpenSearchClient({ endpoint: world.emulator.endpoint, region, credentials: creds(account) }));
  const esClient = (account = "primary", region = "us-east-1") =>
    cached(`es:${account}:${region}`, () => new ElasticsearchServiceClient({ endpoint: world.emulator.endpoint, region, credentials: creds(account) }));
  return {
    client,
    esClient,
    async outbound(id, account, region) {
      const out = await client(account, region).send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }));
      return out.Connections?.find((c) => c.ConnectionId === id);
    },
    async inbound(id, account, region) {
      const out = await client(account, region).send(new DescribeInboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }));
      return out.Connections?.find((c) => c.ConnectionId === id);
    },
    async record(id) {
      const found = (await world.emulator.control.crossClusterConnections()).find((c) => c.connectionId === id);
      if (!found) throw new Error(`the emulator has no connection ${id}`);
      return found;
    },
    async mutationsSince(before) {
      const delta = await world.countsSince(before);
      return Object.fromEntries(Object.entries(delta).filter(([key]) => MUTATING_CC_OPERATIONS.includes(key)));
    },
    async untilStatus(id, status, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await world.emulator.control.crossClusterConnections()).find((c) => c.connectionId === id);
        if (found?.status === status) return found;
        if (Date.now() > deadline) throw new Error(`connection ${id} is ${found?.status ?? "missing"}, not ${status}, after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async live() {
      return (await world.emulator.control.crossClusterConnections()).filter((c) => c.status !== "DELETED" && c.status !== "REJECTED");
    },
    dispose() {
      for (const c of clients.values()) c.destroy();
      clients.clear();
    },
  };
}

/**
 * Hooks for the enclosing `describe`: before its tests, a fresh generic world and its OpenSearch view, handed to
 * `ready` (which keeps them, and may go on setting up); after them, both disposed.
 *
 *   let world: World;
 *   let os: OpenSearchView;
 *   useOpenSearchWorld((w, v) => ((world = w), (os = v)));
 */
export function useOpenSearchWorld(ready: (world: World, os: OpenSearchView) => unknown, options: WorldOptions = {}): void {
  let world: World | undefined;
  let os: OpenSearchView | undefined;
  before(async () => {
    world = await startWorld(options);
    os = openSearchView(world);
    await ready(world, os);
  });
  after(async () => {
    os?.dispose();
    await world?.dispose();
  });
}
