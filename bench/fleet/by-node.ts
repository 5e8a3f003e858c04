import type { FloorResult } from "./floor";
import { kindName, type RunResult } from "./report";
import type { HostHeapMode, HostHeapOutcome } from "../../provider/core/host-heap";

const HEAP_LABELS: Record<HostHeapMode, string> = {
  "small-young-generation": "small young generation (default)",
  "v8-default": "V8's default (`v8-default`)",
};

/** What a host that did as it was asked reports in the trace. */
const EXPECTED_OUTCOME: Record<HostHeapMode, HostHeapOutcome> = { "small-young-generation": "applied", "v8-default": "opted-out" };

/**
 * The provider host at one N with shared polling, for each Node.js it ran on and each young-generation sizing
 * (PULUMI_AWS_CONNECTIONS_HOST_HEAP), next to the floor (Pulumi's host with a provider that only holds each create; it
 * does not load this package, so it always has V8's sizing) on the same Node: peak RSS and CPU time, so what the
 * sizing saves and what it costs read side by side. A host that did not do what its row says (e.g. the user's
 * `--max-semi-space-size` in BENCH_HOST_NODE_OPTIONS) shows what it did instead.
 */
export function byNodeTable(n: number, runs: readonly RunResult[], floor: readonly FloorResult[]): string {
  const nodes = [...new Set([...runs, ...floor].filter((r) => r.n === n && r.node !== undefined).map((r) => r.node as string))];
  if (nodes.length === 0) return "";
  const shared = runs.filter((r) => r.n === n && r.mode === "shared");
  const kinds = [...new Set(shared.map((r) => r.kind))];
  const usage = (r: { hostPeakRssMiB: number; hostCpuS?: number }) => `${r.hostPeakRssMiB.toFixed(0)} / ${r.hostCpuS === undefined ? "–" : r.hostCpuS.toFixed(1)}`;
  const runCell = (r: RunResult | undefined, heap: HostHeapMode) => {
    if (r === undefined) return "–";
    if (!r.ok) return "failed";
    const outcomes = r.hostHeapOutcomes ?? [];
    const unexpected = outcomes.length > 0 && outcomes.some((o) => o !== EXPECTED_OUTCOME[heap]);
    return unexpected ? `${usage(r)} (host: ${outcomes.join(", ")})` : usage(r);
  };
  const floorCell = (f: FloorResult | undefined) => (f === undefined ? "–" : f.ok ? usage(f) : "failed");
  const lines = [`| host Node.js | host heap | ${kinds.map(kindName).join(" | ")} | floor (V8's sizing) |`, `|---|---|${kinds.map(() => "---:").join("|")}|---:|`];
  for (const node of nodes) {
    for (const heap of ["small-young-generation", "v8-default"] as const) {
      // Results written before the setting existed ran on V8's sizing; with BENCH_APPEND the newest run of a cell wins.
      const row = shared.filter((r) => r.node === node && (r.hostHeap ?? "v8-default") === heap).reverse();
      if (row.length === 0) continue;
      const cells = kinds.map((kind) => runCell(row.find((r) => r.kind === kind), heap));
      lines.push(`| ${node} | ${HEAP_LABELS[heap]} | ${cells.join(" | ")} | ${floorCell([...floor].reverse().find((f) => f.node === node && f.n === n))} |`);
    }
  }
  return lines.join("\n") + "\n";
}
