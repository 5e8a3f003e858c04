import * as path from "path";
import { ElasticsearchServiceClient } from "@aws-sdk/client-elasticsearch-service";
import { OpenSearchClient } from "@aws-sdk/client-opensearch";
import { TEST_ACCOUNTS, startEmulator, type CrossClusterConnectionRecord, type Emulator } from "../../emulator";
import type { CliStack, StateResource } from "../../cli-runner";
import { pointProcessAt } from "./emulator-env";
import { MUTATING_CC_OPERATIONS, OS_EXAMPLES, partnerRole } from "./opensearch";
import { EXAMPLES_DIR, FAST_EMULATOR, FIXTURES_DIR, FAST_PROVIDER_ENV, sdkClientConfig, startWorld, type World } from "./world";

/**
 * Test worlds for cross-cluster connections of both API families (OpenSearch and legacy Elasticsearch), on top of the
 * generic ones: a real-CLI stack for a program in a generic world (./world: the real Pulumi runtime and
 * dynamic-provider host), or this process's environment pointed at the emulator (./emulator-env) for calling the
 * provider entry (`provider/index.ts`) directly. Both come with SDK clients of either family for any test account.
 *
 * Used by tests/elasticsearch/lifecycle.test.ts and tests/crosscluster/faults.test.ts.
 */
export { EXTERNAL_ID } from "./opensearch";
export { withId } from "./world";

export const ES_PAIR_EXAMPLE = path.join(EXAMPLES_DIR, "elasticsearch-pair");
/** One elasticsearch.OutboundConnection (args from config `outbound`) and an optional accepter (config `accepter`). */
export const ES_CONNECTION_FIXTURE = path.join(FIXTURES_DIR, "elasticsearch/connection");
export const OS_SAME_ACCOUNT_EXAMPLE = OS_EXAMPLES.sameAccount;

export const PRIMARY = TEST_ACCOUNTS[0];
export const PARTNER = TEST_ACCOUNTS[1];
export const PARTNER_ROLE = partnerRole();

/** Mutating requests of both cross-cluster APIs, per operation (for "nothing changed in AWS"). */
export const MUTATING_OPERATIONS = MUTATING_CC_OPERATIONS;

export type Family = "opensearch" | "elasticsearch";

interface Clients {
  es(account?: typeof PRIMARY): ElasticsearchServiceClient;
  os(account?: typeof PRIMARY): OpenSearchClient;
}

/** SDK clients of either family (no retries), each made on demand and destroyed together. */
function clientsFor(emulator: Emulator): Clients & { destroy(): void } {
  const made: { destroy(): void }[] = [];
  const config = (account: typeof PRIMARY) => ({ ...sdkClientConfig(emulator, account), maxAttempts: 1 });
  const keep = <T extends { destroy(): void }>(client: T): T => {
    made.push(client);
    return client;
  };
  return {
    es: (account = PRIMARY) => keep(new ElasticsearchServiceClient(config(account))),
    os: (account = PRIMARY) => keep(new OpenSearchClient(config(account))),
    destroy() {
      for (const client of made) client.destroy();
    },
  };
}

/** Connections of one family that are not DELETED (what "one connection per resource" counts). */
export async function liveConnections(emulator: Emulator, family: Family): Promise<CrossClusterConnectionRecord[]> {
  return (await emulator.control.crossClusterConnections()).filter((c) => c.family === family && c.status !== "DELETED");
}

export async function connectionById(emulator: Emulator, id: string): Promise<CrossClusterConnectionRecord> {
  const found = (await emulator.control.crossClusterConnections()).find((c) => c.connectionId === id);
  if (!found) throw new Error(`the emulator has no connection ${id}`);
  return found;
}

/** Polls the emulator (real time) until a connection has one of the statuses. */
export async function untilStatus(emulator: Emulator, id: string, statuses: string[], timeoutMs = 120_000): Promise<CrossClusterConnectionRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await connectionById(emulator, id);
    if (statuses.includes(c.status)) return c;
    if (Date.now() > deadline) throw new Error(`${id} is still ${c.status}, expected ${statuses.join(" or ")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface StackWorld extends Clients {
  /** The generic world underneath. */
  world: World;
  emulator: Emulator;
  stack: CliStack;
  output: string[];
  /** The custom (dynamic) resources in state. */
  resources(): StateResource[];
  dispose(): Promise<void>;
}

/** A generic world with one real-CLI stack for a program (config as given), plus SDK clients. */
export async function stackWorld(programDir: string, config: Record<string, string> = {}): Promise<StackWorld> {
  const world = await startWorld();
  const stack = world.stack(programDir, { config });
  const clients = clientsFor(world.emulator);
  return {
    world,
    emulator: world.emulator,
    stack,
    output: world.output,
    es: clients.es,
    os: clients.os,
    resources: () => stack.readState().resources.filter((r) => r.type.includes("dynamic")),
    async dispose() {
      clients.destroy();
      await world.dispose();
    },
  };
}

export interface DirectWorld extends Clients {
  emulator: Emulator;
  dispose(): Promise<void>;
}

/** Points this process at a fresh emulator (fast clock, fast polling) for direct calls of the provider entry; dispose restores the environment. */
export async function directWorld(): Promise<DirectWorld> {
  const emulator = await startEmulator(FAST_EMULATOR);
  const restore = pointProcessAt(emulator, FAST_PROVIDER_ENV);
  const clients = clientsFor(emulator);
  return {
    emulator,
    es: clients.es,
    os: clients.os,
    async dispose() {
      clients.destroy();
      restore();
      await emulator.stop();
    },
  };
}

export function byType<T extends { type: string }>(items: T[], type: string): T {
  const found = items.filter((item) => item.type.endsWith(`/${type}`));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length} among ${items.map((i) => i.type).join(", ")}`);
  return found[0];
}
