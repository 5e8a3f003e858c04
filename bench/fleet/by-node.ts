import type { FloorResult } from "./floor";
import { kindName, type RunResult } from "./report";

/**
 * The provider host at one N with shared polling, for each Node.js it ran on (always with V8's own heap sizing), next
 * to the floor (Pulumi's host with a provider that only holds each create; it does not load this package) on the same
 * Node: peak RSS and CPU time.
 */
export function byNodeTable(n: number, runs: readonly RunResult[], floor: readonly FloorResult[]): string {
  const nodes = [...new Set([...runs, ...floor].filter((r) => r.n === n && r.node !== undefined).map((r) => r.node as string))];
  if (nodes.length === 0) return "";
  const shared = runs.filter((r) => r.n === n && r.mode === "shared");
  const kinds = [...new Set(shared.map((r) => r.kind))];
  const usage = (r: { hostPeakRssMiB: number; hostCpuS?: number }) => `${r.hostPeakRssMiB.toFixed(0)} / ${r.hostCpuS === undefined ? "–" : r.hostCpuS.toFixed(1)}`;
  const runCell = (r: RunResult | undefined) => (r === undefined ? "–" : r.ok ? usage(r) : "failed");
  const floorCell = (f: FloorResult | undefined) => (f === undefined ? "–" : f.ok ? usage(f) : "failed");
  const lines = [`| host Node.js | ${kinds.map(kindName).join(" | ")} | floor |`, `|---|${kinds.map(() => "---:").join("|")}|---:|`];
  for (const node of nodes) {
    // With BENCH_APPEND the newest run of a cell wins.
    const row = shared.filter((r) => r.node === node).reverse();
    if (row.length === 0) continue;
    const cells = kinds.map((kind) => runCell(row.find((r) => r.kind === kind)));
    lines.push(`| ${node} | ${cells.join(" | ")} | ${floorCell([...floor].reverse().find((f) => f.node === node && f.n === n))} |`);
  }
  return lines.join("\n") + "\n";
}
