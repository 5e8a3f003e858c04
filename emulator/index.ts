import { TEST_ACCOUNTS, resolveAccount } from "./accounts";
import { ControlClient } from "./control-client";
import { createRuntime } from "./runtime";
import { close, createHttpServer, listen } from "./server";
import { StateFile, loadStateFile, removeStaleTempFiles } from "./state-file";
import type { EmulatorOptions, TestAccount } from "./types";

// Every type of types.ts is public.
export type * from "./types";
export { ControlClient } from "./control-client";
export type {
  CrossClusterConnectionRecord,
  DataSourceAttachmentRecord,
  OpenSearchApplicationRecord,
  OpenSearchDataSourceRecord,
  OpenSearchWorkspaceRecord,
  SeededLag,
  StateSnapshot,
  StatusTiming,
} from "./control-client";
export { TEST_ACCOUNTS } from "./accounts";
export { TEST_EXTERNAL_ID } from "./services/sts/roles";
export { DEFAULT_DX_TRANSITIONS } from "./services/directconnect/state-machine";
export { DEFAULT_CROSS_CLUSTER_TRANSITIONS } from "./services/crosscluster/state-machine";
export { SEEDED_DOMAINS } from "./services/crosscluster/domains";
export { SEEDED_APPLICATIONS, SEEDED_DATA_SOURCES } from "./services/applications/seed";
export { ATTACHMENT_PENDING_TIMEOUT_MS } from "./services/applications/state-machine";

/** The environment variables that point the AWS SDKs (and the AWS CLI) at the emulator. */
export const ENDPOINT_ENV_VARS: readonly string[] = [
  "AWS_ENDPOINT_URL_DIRECT_CONNECT",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_OPENSEARCH",
  "AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE",
];

export interface Emulator {
  /** e.g. "http://127.0.0.1:4566" */
  readonly endpoint: string;
  readonly port: number;
  readonly accounts: readonly TestAccount[];
  /**
   * Credentials, region and endpoint variables for one account (default "primary", region "us-east-1"), ready to
   * merge into a child process's environment.
   */
  envFor(accountName?: string, region?: string): Record<string, string>;
  readonly control: ControlClient;
  /** Stops serving, closes open connections and writes the state file (if any). */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  // A temporary file left by a killed emulator is never loaded; it is removed before anything else.
  if (options.stateFile) removeStaleTempFiles(options.stateFile);
  const initial = options.stateFile ? loadStateFile(options.stateFile) : undefined;
  const runtime = createRuntime(options, initial);
  const stateFile = options.stateFile
    ? new StateFile(options.stateFile, () => ({ ...runtime.store.raw(), clockAt: runtime.clock.now() }))
    : undefined;
  // Every request that changed the state waits for a save that includes it; one that changed nothing waits only for
  // saves under way (it may have seen what they write).
  if (stateFile) runtime.store.observe({ active: true, settled: (_json, changed) => (changed ? stateFile.commit() : stateFile.settled()) });

  const server = createHttpServer(runtime, options.controlHosts ?? []);
  const host = options.host ?? "127.0.0.1";
  const address = await listen(server, options.port ?? 0, host);
  const endpoint = `http://${endpointHost(host)}:${address.port}`;
  // Write the file at once so a state file exists from the start (and a loaded one is normalised).
  if (stateFile) await stateFile.flush();

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port: address.port,
    accounts: TEST_ACCOUNTS,
    control: new ControlClient(endpoint),
    envFor(accountName = "primary", region = "us-east-1") {
      return envFor(endpoint, accountName, region);
    },
    stop() {
      stopped ??= (async () => {
        await close(server);
        if (stateFile) await stateFile.flush();
      })();
      return stopped;
    },
  };
}

/**
 * How local clients reach a server bound to `host`: a wildcard bind (all interfaces) is reached through loopback, the
 * one address the control API accepts without question (see control-guard.ts).
 */
function endpointHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

export function envFor(endpoint: string, accountName: string, region: string): Record<string, string> {
  const account = resolveAccount(accountName);
  if (!account) throw new Error(`unknown emulator account ${accountName}; known: ${TEST_ACCOUNTS.map((a) => a.name).join(", ")}`);
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: account.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
    AWS_REGION: region,
    // Older tools (AWS CLI v1, some SDKs) read only this one.
    AWS_DEFAULT_REGION: region,
  };
  for (const name of ENDPOINT_ENV_VARS) env[name] = endpoint;
  return env;
}
