/** The fleet benchmark's results as a Markdown table and an SVG plot (written by hand: no plotting library needed). */

export interface RunResult {
  kind: string;
  n: number;
  mode: "shared" | "per-resource";
  ok: boolean;
  error?: string;
  /** Every AWS call of the run, by "Service.Operation", divided by n. */
  callsPerResource: number;
  byOperation: Record<string, number>;
  /** The least a create can call (one create, one look that sees the end state, plus an accept where there is one). */
  minimumCalls: number;
  lagP50S: number;
  lagP95S: number;
  wallS: number;
  hostPeakRssMiB: number;
  /** The host's CPU time (user + system), seconds. */
  hostCpuS?: number;
  stateBytes: number;
  providerBytes: number;
  terraform: { callsPerResource: number; lagS: number };
  /** The shared poller's tick once the wait has lasted as long as the transitions (production pacing, emulated s). */
  tickAtChangeS?: number;
  /** Checkpoints the engine wrote to the file backend during the up, and their bytes in total (lower bounds). */
  checkpointWrites?: number;
  checkpointBytes?: number;
  /** The provider host's Node.js (`node --version`). */
  node?: string;
}

const KIND_NAMES: Record<string, string> = {
  dx: "Direct Connect (180 s to available)",
  outbound: "outbound + acceptWith (≈70 s to ACTIVE)",
  attachment: "data-source attachment (PENDING ≈120 s)",
};

export function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

export function markdownTable(results: readonly RunResult[]): string {
  const lines = [
    "| kind | N | polling | calls/resource (min) | calls by operation, per resource | lag p50 / p95 (emulated s) | one tick at the change (s) | wall (s) | host: peak RSS (MiB) / CPU (s) | state (KiB) | `__provider` (B) | checkpoints written by the engine: count / MiB | Terraform's waiter: calls / lag (s) |",
    "|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    const ops = Object.entries(r.byOperation)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, count]) => `${op.split(".")[1]} ${fixed(count / r.n, 2)}`)
      .join(", ");
    lines.push(
      `| ${kindName(r.kind)} | ${r.n} | ${r.mode} | ${r.ok ? `${fixed(r.callsPerResource, 2)} (${r.minimumCalls})` : `failed: ${r.error ?? ""}`} | ${ops} | ${fixed(r.lagP50S)} / ${fixed(r.lagP95S)} | ${r.mode === "shared" ? fixed(r.tickAtChangeS ?? NaN) : "–"} | ${fixed(r.wallS)} | ${fixed(r.hostPeakRssMiB, 0)} / ${fixed(r.hostCpuS ?? NaN)} | ${fixed(r.stateBytes / 1024)} | ${r.providerBytes} | ${r.checkpointWrites ?? "–"} / ${fixed((r.checkpointBytes ?? NaN) / 2 ** 20, 2)} | ${fixed(r.terraform.callsPerResource)} / ${fixed(r.terraform.lagS)} |`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Calls per resource against N (log scale), one panel per kind: shared and per-resource polling, and Terraform's waiter. */
export function svgPlot(results: readonly RunResult[], title: string): string {
  const kinds = [...new Set(results.map((r) => r.kind))];
  const ns = [...new Set(results.map((r) => r.n))].sort((a, b) => a - b);
  const panelW = 300;
  const panelH = 220;
  const margin = { left: 50, top: 50, bottom: 45, right: 15 };
  const width = kinds.length * (panelW + margin.left + margin.right);
  const height = panelH + margin.top + margin.bottom + 30;
  const series = [
    { label: "shared poller (this version)", color: "#1f77b4", pick: (r: RunResult) => (r.mode === "shared" ? r.callsPerResource : undefined) },
    { label: "per-resource polling (0.1.0)", color: "#d62728", pick: (r: RunResult) => (r.mode === "per-resource" ? r.callsPerResource : undefined) },
    { label: "Terraform's waiter (computed)", color: "#7f7f7f", pick: (r: RunResult) => (r.mode === "shared" ? r.terraform.callsPerResource : undefined) },
  ];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escape(title)}</text>`,
  ];
  kinds.forEach((kind, k) => {
    const x0 = k * (panelW + margin.left + margin.right) + margin.left;
    const y0 = margin.top;
    const rows = results.filter((r) => r.kind === kind && r.ok);
    const max = Math.max(1, ...rows.flatMap((r) => [r.callsPerResource, r.terraform.callsPerResource]));
    const top = Math.ceil(max / 5) * 5;
    const xOf = (n: number) => x0 + (ns.length === 1 ? panelW / 2 : (ns.indexOf(n) / (ns.length - 1)) * panelW);
    const yOf = (v: number) => y0 + panelH - (v / top) * panelH;
    parts.push(`<text x="${x0 + panelW / 2}" y="${y0 - 10}" text-anchor="middle" font-size="12">${escape(kindName(kind))}</text>`);
    parts.push(`<rect x="${x0}" y="${y0}" width="${panelW}" height="${panelH}" fill="none" stroke="#999"/>`);
    for (let tick = 0; tick <= 5; tick++) {
      const v = (top / 5) * tick;
      parts.push(`<line x1="${x0}" x2="${x0 + panelW}" y1="${yOf(v)}" y2="${yOf(v)}" stroke="#eee"/>`);
      parts.push(`<text x="${x0 - 6}" y="${yOf(v) + 4}" text-anchor="end">${fixed(v, 0)}</text>`);
    }
    for (const n of ns) parts.push(`<text x="${xOf(n)}" y="${y0 + panelH + 15}" text-anchor="middle">${n}</text>`);
    parts.push(`<text x="${x0 + panelW / 2}" y="${y0 + panelH + 32}" text-anchor="middle">N concurrent creates</text>`);
    parts.push(`<text x="${x0 - 36}" y="${y0 + panelH / 2}" text-anchor="middle" transform="rotate(-90 ${x0 - 36} ${y0 + panelH / 2})">AWS calls per resource</text>`);
    for (const s of series) {
      const points = ns
        .map((n) => rows.find((r) => r.n === n && s.pick(r) !== undefined))
        .filter((r): r is RunResult => r !== undefined)
        .map((r) => [xOf(r.n), yOf(s.pick(r)!)] as const);
      if (points.length === 0) continue;
      parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")}"/>`);
      for (const [x, y] of points) parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${s.color}"/>`);
    }
  });
  series.forEach((s, i) => {
    const x = margin.left + i * 230;
    const y = height - 12;
    parts.push(`<line x1="${x}" x2="${x + 20}" y1="${y - 4}" y2="${y - 4}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${x + 26}" y="${y}">${escape(s.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
