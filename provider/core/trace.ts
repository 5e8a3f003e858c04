import * as fs from "fs";

/**
 * For the benchmark (bench/fleet.ts) and tests: with `PULUMI_AWS_CONNECTIONS_TRACE=<file>`, the provider host appends
 * one JSON line per event, with the host's wall-clock time. Ids and outcomes only: no inputs, no settings.
 */
function appendTraceLine(line: Record<string, unknown>): void {
  const file = process.env.PULUMI_AWS_CONNECTIONS_TRACE;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ ...line, at: Date.now() })}\n`);
}

/**
 * When a create has made its object and when its wait is over, so the benchmark can tell how long after AWS's change
 * each wait noticed it.
 */
export function trace(event: "created" | "stable", kind: string, id: string, status?: string): void {
  appendTraceLine({ event, kind, id, status });
}
