import { execFileSync } from "child_process";
import * as path from "path";
import { DetachDataSourceCommand, OpenSearchClient } from "@aws-sdk/client-opensearch";
import type { DataSourceAttachmentRecord, Emulator } from "../../emulator";
import type { CliStack } from "../../cli-runner";
import { EXAMPLES_DIR, FIXTURES_DIR, resourceOf, sdkClientConfig, withId } from "./world";

/** opensearch.DataSourceAttachment helpers for lifecycle and fault tests: seeded names, the emulator's view, out-of-band calls. */
export const ATTACHMENT_KIND = "opensearch:DataSourceAttachment";
export const ATTACHMENT_FIXTURE = path.join(FIXTURES_DIR, "opensearch/attachment");
export const ATTACHMENT_EXAMPLE = path.join(EXAMPLES_DIR, "opensearch-data-sources");

/** Seeded in the emulator (emulator/services/applications/seed-applications.json), primary account, us-east-1 unless said. */
export const SEEDED = {
  activeApp: "logsapp01",
  creatingApp: "newapp002",
  westApp: "westapp01",
  workspaceOfActiveApp: "Obs001",
  appLogs: "arn:aws:es:us-east-1:111111111111:domain/app-logs",
  analytics: "arn:aws:es:us-east-1:111111111111:domain/analytics",
  collection: "arn:aws:aoss:us-east-1:111111111111:collection/k3xq8m2vd7tb1n9wz4hp",
  creatingCollection: "arn:aws:aoss:us-east-1:111111111111:collection/p7rc2j5mx0ws8qy3ft6e",
  appLogsWest: "arn:aws:es:us-west-2:111111111111:domain/app-logs-west",
} as const;

/** Every attachment the emulator holds (any account and region), optionally only one application's. */
export async function attachmentsIn(emulator: Emulator, applicationId?: string): Promise<DataSourceAttachmentRecord[]> {
  const all = await emulator.control.dataSourceAttachments();
  return applicationId === undefined ? all : all.filter((a) => a.applicationId === applicationId);
}

/** The attachment resource `name` in a stack's state. */
export function attachmentIn(stack: CliStack, name: string) {
  return withId(resourceOf(stack.readState().resources, ATTACHMENT_KIND, name));
}

/** Detaches out of band, as someone in the console would (primary account). */
export async function detachOutOfBand(emulator: Emulator, applicationId: string, dataSourceArn: string, region = "us-east-1"): Promise<void> {
  const client = new OpenSearchClient(sdkClientConfig(emulator, "primary", region));
  try {
    await client.send(new DetachDataSourceCommand({ id: applicationId, dataSourceArn }));
  } finally {
    client.destroy();
  }
}

/**
 * Kills the dynamic-provider hosts among this process's descendants (SIGKILL), as a crash of the Pulumi engine's
 * plugin would: the real CLI, a child of the test process, starts the host (through its plugin script). Returns how
 * many were killed.
 */
export function killProviderHosts(): number {
  const listing = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" });
  const rows = listing
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const descendants = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (descendants.has(r.ppid) && !descendants.has(r.pid)) (descendants.add(r.pid), (grew = true));
  }
  const hosts = rows.filter((r) => descendants.has(r.pid) && r.args.includes("dynamic-provider/index.js"));
  for (const h of hosts) process.kill(h.pid, "SIGKILL");
  return hosts.length;
}
