import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ElasticsearchServiceClient } from "@aws-sdk/client-elasticsearch-service";
import { OpenSearchClient } from "@aws-sdk/client-opensearch";
import { TEST_ACCOUNTS, startEmulator, type CrossClusterConnectionRecord, type Emulator } from "../../emulator";
import { LocalStack, type StateResource } from "../../harness";
import { resetClients } from "../../provider/core/aws-clients";

/**
 * Test worlds for cross-cluster connections (both API families): an emulator on loopback with a fast clock, plus either
 * a harness stack for a program (the real Pulumi runtime and dynamic-provider host), or this process's environment
 * pointed at the emulator for calling the provider entry (`provider/index.ts`) directly.
 *
 * Shared by tests/elasticsearch/*.test.ts and tests/crosscluster/faults.test.ts.
 */
export const REPO_ROOT = path.resolve(__dirname, "../..");
export const ES_PAIR_EXAMPLE = path.join(REPO_ROOT, "examples/elasticsearch-pair");
export const OS_SAME_ACCOUNT_EXAMPLE = path.join(REPO_ROOT, "examples/opensearch-same-account");

export const PRIMARY = TEST_ACCOUNTS[0];
export const PARTNER = TEST_ACCOUNTS[1];
export const EXTERNAL_ID = "pulumi-aws-connections-test";
export const PARTNER_ROLE = `arn:aws:iam::${PARTNER.accountId}:role/connections-admin-external`;

/** Environment for the provider host (or this process): the emulator's endpoints, fast polling, no progress lines. */
export function providerEnv(emulator: Emulator, account = "primary"): Record<string, string> {
  return {
    ...emulator.envFor(account),
    // The emulator's clock runs 1000× real time: poll every few milliseconds instead of seconds.
    PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50",
    PULUMI_AWS_CONNECTIONS_QUIET: "1",
  };
}

export type Family = "opensearch" | "elasticsearch";

interface Clients {
  es(account?: typeof PRIMARY): ElasticsearchServiceClient;
  os(account?: typeof PRIMARY): OpenSearchClient;
}

function clientsFor(emulator: Emulator): Clients & { destroy(): void } {
  const made: { destroy(): void }[] = [];
  const config = (account: typeof PRIMARY) => ({
    endpoint: emulator.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    maxAttempts: 1,
  });
  return {
    es(account = PRIMARY) {
      const client = new ElasticsearchServiceClient(config(account));
      made.push(client);
      return client;
    },
    os(account = PRIMARY) {
      const client = new OpenSearchClient(config(account));
      made.push(client);
      return client;
    },
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
export async function untilStatus(emulator: Emulator, id: string, statuses: string[], timeoutMs = 5_000): Promise<CrossClusterConnectionRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await connectionById(emulator, id);
    if (statuses.includes(c.status)) return c;
    if (Date.now() > deadline) throw new Error(`${id} is still ${c.status}, expected ${statuses.join(" or ")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Mutating requests of both cross-cluster APIs, per operation (for "nothing changed in AWS"). */
export const MUTATING_OPERATIONS = [
  "Elasticsearch.CreateOutboundCrossClusterSearchConnection",
  "Elasticsearch.AcceptInboundCrossClusterSearchConnection",
  "Elasticsearch.RejectInboundCrossClusterSearchConnection",
  "Elasticsearch.DeleteInboundCrossClusterSearchConnection",
  "Elasticsearch.DeleteOutboundCrossClusterSearchConnection",
  "OpenSearch.CreateOutboundConnection",
  "OpenSearch.AcceptInboundConnection",
  "OpenSearch.RejectInboundConnection",
  "OpenSearch.DeleteInboundConnection",
  "OpenSearch.DeleteOutboundConnection",
];

export interface StackWorld extends Clients {
  emulator: Emulator;
  stack: LocalStack;
  output: string[];
  /** The custom (dynamic) resources in state. */
  resources(): StateResource[];
  dispose(): Promise<void>;
}

export async function stackWorld(programDir: string, config: Record<string, string> = {}): Promise<StackWorld> {
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-cc-"));
  const output: string[] = [];
  const out = new (require("stream").Writable)({
    write(chunk: Buffer, _encoding: string, done: () => void) {
      output.push(chunk.toString());
      done();
    },
  }) as NodeJS.WritableStream;
  const stack = new LocalStack({ programDir, stackName: "test", stateFile: path.join(dir, "state.json"), env: providerEnv(emulator), config, out });
  const clients = clientsFor(emulator);
  return {
    emulator,
    stack,
    output,
    es: clients.es,
    os: clients.os,
    resources: () => stack.readState().resources.filter((r) => r.type.includes("dynamic")),
    async dispose() {
      clients.destroy();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DirectWorld extends Clients {
  emulator: Emulator;
  dispose(): Promise<void>;
}

/**
 * Points this process at a fresh emulator for direct calls of the provider entry; dispose restores the environment.
 * The provider caches AWS clients per settings, so they are forgotten on both ends.
 */
export async function directWorld(): Promise<DirectWorld> {
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  const env = providerEnv(emulator);
  const saved = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  resetClients();
  const clients = clientsFor(emulator);
  return {
    emulator,
    es: clients.es,
    os: clients.os,
    async dispose() {
      clients.destroy();
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetClients();
      await emulator.stop();
    },
  };
}

export function byType<T extends { type: string }>(items: T[], type: string): T {
  const found = items.filter((item) => item.type.endsWith(`/${type}`));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length} among ${items.map((i) => i.type).join(", ")}`);
  return found[0];
}

/** A custom resource from state, which must have an id by now. */
export function withId<T extends { name: string; id?: string }>(resource: T): T & { id: string } {
  if (!resource.id) throw new Error(`${resource.name} has no id in state`);
  return resource as T & { id: string };
}
