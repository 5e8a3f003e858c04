import type { FloorResult } from "./floor";
import { kindName, type RunResult } from "./report";

/**
 * The host's peak RSS at one N with shared polling, for each Node.js the host ran on, next to the floor (Pulumi's host
 * with a provider that only holds each create) on the same Node: how much of the peak is this package's, per runtime.
 */
export function byNodeTable(n: number, runs: readonly RunResult[], floor: readonly FloorResult[]): string {
  const nodes = [...new Set([...runs, ...floor].filter((r) => r.n === n && r.node !== undefined).map((r) => r.node as string))];
  if (nodes.length === 0) return "";
  const kinds = [...new Set(runs.filter((r) => r.n === n && r.mode === "shared").map((r) => r.kind))];
  const rss = (r: { ok: boolean; hostPeakRssMiB: number } | undefined) => (r === undefined ? "–" : r.ok ? r.hostPeakRssMiB.toFixed(0) : "failed");
  const lines = [
    `| host Node.js | ${kinds.map(kindName).join(" | ")} | floor |`,
    `|---|${kinds.map(() => "---:").join("|")}|---:|`,
  ];
  for (const node of nodes) {
    const cells = kinds.map((kind) => rss(runs.find((r) => r.node === node && r.n === n && r.kind === kind && r.mode === "shared")));
    lines.push(`| ${node} | ${cells.join(" | ")} | ${rss(floor.find((f) => f.node === node && f.n === n))} |`);
  }
  return lines.join("\n") + "\n";
}
