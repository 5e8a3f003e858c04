import * as fs from "fs";
import type { HostHeapOutcome } from "../../provider/core/host-heap";

/** The outcome each provider host wrote to the trace file (PULUMI_AWS_CONNECTIONS_TRACE), one per host, in order. */
export function hostHeapOutcomesIn(traceFile: string): HostHeapOutcome[] {
  return fs
    .readFileSync(traceFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { event: string; outcome?: HostHeapOutcome })
    .flatMap((t) => (t.event === "host-heap" && t.outcome !== undefined ? [t.outcome] : []));
}
