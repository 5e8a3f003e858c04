import * as fs from "fs";
import type { HostHeapResult } from "./host-heap";

/**
 * For the benchmark (bench/fleet.ts): with `PULUMI_AWS_CONNECTIONS_TRACE=<file>`, the provider host appends one JSON
 * line when a create has made its object and when its wait is over, with the host's wall-clock time, so the
 * benchmark can tell how long after AWS's change each wait noticed it. Ids only: no inputs, no settings.
 */
export function trace(event: "created" | "stable", kind: string, id: string, status?: string): void {
  const file = process.env.PULUMI_AWS_CONNECTIONS_TRACE;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ event, kind, id, status, at: Date.now() })}\n`);
}

/** With `PULUMI_AWS_CONNECTIONS_TRACE`: what the host did with its young generation (core/host-heap.ts). */
export function traceHostHeap(result: HostHeapResult): void {
  const file = process.env.PULUMI_AWS_CONNECTIONS_TRACE;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ event: "host-heap", ...result, pid: process.pid, at: Date.now() })}\n`);
}
