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
 * Kills this process's dynamic-provider hosts (SIGKILL), as a crash of the Pulumi engine's plugin would: the host is a
 * direct child of the test process, started by the harness. Returns how many were killed.
 */
export function killProviderHosts(): number {
  const listing = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const pids = listing
    .split("\n")
    .filter((line) => line.includes("dynamic-provider"))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
  for (const pid of pids) process.kill(pid, "SIGKILL");
  return pids.length;
}
