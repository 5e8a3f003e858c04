import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CliStack } from "../../cli-runner/stack";
import type { PulumiInstallation } from "../../cli-runner/installation";
import type { HostNode } from "./host-node";
import { watchCheckpoints } from "./checkpoints";
import { outputTail } from "./output-tail";
import { watchHost } from "./host-usage";

/** The host's peak RSS for N concurrent creates of a provider that only sleeps (bench/floor-program). */
export interface FloorResult {
  n: number;
  ok: boolean;
  hostPeakRssMiB: number;
  /** The host's CPU time (user + system), seconds. */
  hostCpuS?: number;
  wallS: number;
  /** The host's Node.js (`node --version`). */
  node?: string;
  /** Checkpoints the engine wrote during the up (what a provider that adds no step of its own costs). */
  checkpointWrites?: number;
}

const PROGRAM = path.join(__dirname, "..", "floor-program");

export async function runFloor(pulumi: PulumiInstallation, n: number, holdMs: number, node: HostNode): Promise<FloorResult> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-floor-"));
  // The RSS watcher finds the host by a marker in its environment.
  const marker = path.join(workDir, "floor-marker");
  const { out, tail } = outputTail();
  const stack = new CliStack({
    cli: pulumi.cli,
    languageHost: pulumi.languageHost,
    programDir: PROGRAM,
    workDir,
    stackName: "floor",
    skipPreview: true,
    flags: ["--parallel", String(n)],
    out,
    config: { n: String(n), holdMs: String(holdMs) },
    env: {
      ...node.env,
      PULUMI_AWS_CONNECTIONS_FLOOR_MARKER: marker,
      // The same diagnosis knob as the fleet runs (bench/fleet.ts), so both hosts can be looked at alike.
      ...(process.env.BENCH_HOST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HOST_NODE_OPTIONS } : {}),
    },
  });
  try {
    const host = watchHost(marker);
    const checkpoints = watchCheckpoints(stack.stateFile);
    const started = performance.now();
    const result = await stack.up();
    const wallS = (performance.now() - started) / 1_000;
    if (!result.ok) process.stderr.write(tail());
    const usage = host.stop();
    return { n, ok: result.ok, hostPeakRssMiB: usage.peakRssKiB / 1024, hostCpuS: usage.cpuS, wallS, node: node.version, checkpointWrites: checkpoints.stop().writes };
  } finally {
    await stack.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export function floorTable(rows: readonly FloorResult[]): string {
  const lines = ["| N | host peak RSS (MiB) | wall (s) | checkpoints written by the engine |", "|---:|---:|---:|---:|"];
  for (const r of rows) lines.push(`| ${r.n} | ${r.ok ? r.hostPeakRssMiB.toFixed(0) : "failed"} | ${r.wallS.toFixed(1)} | ${r.checkpointWrites ?? "–"} |`);
  return lines.join("\n") + "\n";
}
