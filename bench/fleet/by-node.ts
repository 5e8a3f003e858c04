import type { FloorResult } from "./floor";
import { kindName, type RunResult } from "./report";

const HEAP_LABELS = {
  "small-young-generation": "small young generation (default)",
  "v8-default": "V8's default (`v8-default`)",
} as const;

/**
 * The provider host at one N with shared polling, for each Node.js it ran on and each young-generation sizing
 * (PULUMI_AWS_CONNECTIONS_HOST_HEAP), next to the floor (Pulumi's host with a provider that only holds each create, on
 * V8's default sizing: it does not load this package) on the same Node: peak RSS and CPU time, so what the sizing saves
 * and what it costs read side by side.
 */
export function byNodeTable(n: number, runs: readonly RunResult[], floor: readonly FloorResult[]): string {
  const nodes = [...new Set([...runs, ...floor].filter((r) => r.n === n && r.node !== undefined).map((r) => r.node as string))];
  if (nodes.length === 0) return "";
  const shared = runs.filter((r) => r.n === n && r.mode === "shared");
  const kinds = [...new Set(shared.map((r) => r.kind))];
  const cell = (r: { ok: boolean; hostPeakRssMiB: number; hostCpuS?: number } | undefined) =>
    r === undefined ? "–" : r.ok ? `${r.hostPeakRssMiB.toFixed(0)} / ${r.hostCpuS === undefined ? "–" : r.hostCpuS.toFixed(1)}` : "failed";
  const lines = [`| host Node.js | host heap | ${kinds.map(kindName).join(" | ")} | floor |`, `|---|---|${kinds.map(() => "---:").join("|")}|---:|`];
  for (const node of nodes) {
    for (const heap of ["small-young-generation", "v8-default"] as const) {
      const row = shared.filter((r) => r.node === node && (r.hostHeap ?? "v8-default") === heap);
      if (row.length === 0) continue;
      const cells = kinds.map((kind) => cell(row.find((r) => r.kind === kind)));
      lines.push(`| ${node} | ${HEAP_LABELS[heap]} | ${cells.join(" | ")} | ${cell(floor.find((f) => f.node === node && f.n === n))} |`);
    }
  }
  return lines.join("\n") + "\n";
}
