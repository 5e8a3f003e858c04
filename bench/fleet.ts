/**
 * Fleet benchmark: N concurrent creates of one kind through the real Pulumi CLI (`pulumi up --parallel N` of
 * bench/program, one provider host) against the emulator, whose clock runs `BENCH_SCALE` (10) times faster than real time, with the
 * production pacing scaled alike (PULUMI_AWS_CONNECTIONS_POLL_MS = 2 s and 30 s divided by the scale). For each kind
 * and N, the shared poller (this version's default) and per-resource polling (0.1.0's, PULUMI_AWS_CONNECTIONS_POLLER=
 * per-resource) run side by side against a fresh emulator state. Per resource: AWS calls by operation (STS's
 * AssumeRole for the role-based accounts left out) against the minimum, the lag between AWS's change and the wait
 * noticing it (p50/p95, emulated seconds), wall time, the provider host's peak RSS and CPU time, the state file and `__provider`
 * sizes, and Terraform's waiter computed for the same transitions.
 *
 * The provider host runs on a Node.js this package supports, whatever Node runs the benchmark: BENCH_NODE (24 by default,
 * or 22; from scripts/node-runtime.js). At the largest N the shared runs and the floor are repeated with the host on the
 * other supported major (BENCH_OTHER_NODES=0 skips that), because V8 sizes the host's heap differently on each. The
 * host always runs with V8's own heap sizing: this package does not change its host's V8 flags.
 *
 * Run: `npm run bench` (BENCH_KINDS=dx,outbound,attachment, BENCH_NS=1,10,50,200, BENCH_MODES=shared,per-resource,
 * BENCH_SCALE=10 narrow it;
 * BENCH_APPEND=1 adds to the results already written). Writes
 * bench/results/fleet.json, fleet.md and fleet.svg. Not part of `npm test`; run it on an otherwise idle machine.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CliStack } from "../cli-runner/stack";
import { obtainPulumiInstallation, type PulumiInstallation } from "../cli-runner/installation";
import { startEmulator, type Emulator } from "../emulator";
import { kindName, markdownTable, svgPlot, type RunResult } from "./fleet/report";
import { watchCheckpoints } from "./fleet/checkpoints";
import { outputTail } from "./fleet/output-tail";
import { floorTable, runFloor, type FloorResult } from "./fleet/floor";
import { hostNode, SUPPORTED_NODE_MAJORS, type HostNode } from "./fleet/host-node";
import { byNodeTable } from "./fleet/by-node";
import { watchHost } from "./fleet/host-usage";
import { terraformWaiter } from "./fleet/terraform";
import { tickDelay } from "../provider/core/schedule";
/* eslint-disable @typescript-eslint/no-require-imports */


const KINDS = (process.env.BENCH_KINDS ?? "dx,outbound,attachment").split(",").filter(Boolean);
const NS = (process.env.BENCH_NS ?? "1,10,50,200").split(",").map(Number);
const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const ALL_MODES = ["shared", "per-resource"] as const;
const MODES = (process.env.BENCH_MODES ?? ALL_MODES.join(",")).split(",").filter((m): m is (typeof ALL_MODES)[number] => (ALL_MODES as readonly string[]).includes(m));
const PROGRAM = path.join(__dirname, "program");
const RESULTS = path.join(__dirname, "results");
const S = 1_000;

/** The transitions each kind waits through, in emulated ms (DX: requested 60 s, then pending 120 s). */
const DX_TIMINGS = { requestedToPending: 60 * S, pendingToAvailable: 120 * S };
const CC_TIMINGS = { validation: 5 * S, approvedToProvisioning: 5 * S, provisioningToActive: 60 * S };
/** The application becomes ACTIVE this long after the first AttachDataSource: until then attachments are PENDING. */
const APPLICATION_ACTIVE_AFTER_MS = 120 * S;
/** The fewest calls a create of each kind can make: the create (and the accept), and one look that sees the end state. */
/** The floor program holds each create as long as an outbound connection's create lasts at this clock (70 s emulated). */
const FLOOR_HOLD_MS = (70 * S) / SCALE;
const MINIMUM_CALLS: Record<string, number> = { dx: 2, outbound: 4, attachment: 2 };

/** A line of the provider's trace (provider/core/trace.ts): a wait's progress. */
type TraceLine = { event: "created" | "stable"; kind: string; id: string; at: number };

async function prepare(emulator: Emulator, kind: string, n: number): Promise<void> {
  const control = emulator.control;
  await control.reset();
  await control.setTransitions(DX_TIMINGS);
  await control.setCrossClusterTransitions(CC_TIMINGS);
  if (kind === "outbound") {
    for (let d = 0; d < Math.ceil(n / 20); d++) {
      await control.putDomain({ account: "primary", region: "us-east-1", domainName: `bench-local-${d}`, engineVersion: "OpenSearch_2.11" });
      await control.putDomain({ account: "partner", region: "us-east-1", domainName: `bench-remote-${d}`, engineVersion: "OpenSearch_2.11" });
    }
  }
  if (kind === "attachment") {
    for (let i = 0; i < n; i++) await control.putDataSource({ dataSourceArn: `arn:aws:es:us-east-1:111111111111:domain/bench-ds-${i}` });
    // CREATING until the run's first AttachDataSource, then ACTIVE 120 s (emulated) later (see startApplicationClock).
    await control.putApplication({ account: "primary", region: "us-east-1", id: "benchapp", name: "bench-app", status: "CREATING" });
  }
}

/**
 * The attachments' PENDING time counts from the first AttachDataSource, not from the start of the run: the CLI takes
 * seconds (minutes, emulated) to start the program and the host. Resolves once the application's countdown is set.
 */
async function startApplicationClock(emulator: Emulator, running: Promise<unknown>): Promise<void> {
  let over = false;
  void running.finally(() => (over = true));
  while (!over && ((await emulator.control.counts())["OpenSearch.AttachDataSource"] ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!over) await emulator.control.setApplicationStatus("primary", "us-east-1", "benchapp", "CREATING", { activeAfterMs: APPLICATION_ACTIVE_AFTER_MS });
}

/** Emulated ms at a real wall-clock instant, from one reading of the emulator's clock. */
async function emulatedClock(emulator: Emulator): Promise<(real: number) => number> {
  const before = Date.now();
  const status = await emulator.control.clock();
  const real = (before + Date.now()) / 2;
  return (at) => status.now + (at - real) * status.timeScale;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Per resource: emulated ms from AWS's change to the wait's end, and the transition's length (for Terraform's waiter). */
async function lags(emulator: Emulator, kind: string, trace: TraceLine[], emulated: (real: number) => number): Promise<{ lagS: number[]; transitionS: number[] }> {
  const waits = trace.filter((t) => t.event === "created" || t.event === "stable");
  const created = new Map(waits.filter((t) => t.event === "created").map((t) => [t.id, t]));
  const stable = waits.filter((t) => t.event === "stable");
  const lagS: number[] = [];
  const transitionS: number[] = [];
  if (kind === "dx") {
    const total = DX_TIMINGS.requestedToPending + DX_TIMINGS.pendingToAvailable;
    for (const done of stable) {
      const made = created.get(done.id);
      if (!made) continue;
      lagS.push(Math.max(0, emulated(done.at) - (emulated(made.at) + total)) / S);
      transitionS.push(total / S);
    }
  } else if (kind === "outbound") {
    const records = new Map((await emulator.control.crossClusterConnections()).map((r) => [r.connectionId, r]));
    for (const done of stable) {
      const record = records.get(done.id);
      if (!record || record.status !== "ACTIVE") continue;
      lagS.push(Math.max(0, emulated(done.at) - record.statusSince) / S);
    }
    transitionS.push(CC_TIMINGS.validation / S, (CC_TIMINGS.approvedToProvisioning + CC_TIMINGS.provisioningToActive) / S);
  } else {
    const records = new Map((await emulator.control.dataSourceAttachments()).map((r) => [`${r.applicationId},${r.dataSourceArn}`, r]));
    for (const done of stable) {
      const record = records.get(done.id);
      if (!record || record.status !== "ATTACHED") continue;
      lagS.push(Math.max(0, emulated(done.at) - record.statusSince) / S);
      transitionS.push((record.statusSince - record.createdAt) / S);
    }
  }
  return { lagS, transitionS };
}

/** Terraform's waiter for the same transitions: its calls per resource (creates and accepts included) and lag. */
function terraformFor(kind: string, transitionS: number[]): RunResult["terraform"] {
  if (kind === "outbound") {
    const [validation, activation] = transitionS.map(terraformWaiter);
    return { callsPerResource: 2 + validation.looks + activation.looks, lagS: activation.lagS };
  }
  const each = transitionS.map(terraformWaiter);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { callsPerResource: 1 + mean(each.map((c) => c.looks)), lagS: mean(each.map((c) => c.lagS)) };
}

/**
 * The shared poller's tick (schedule.ts, at the production unit of 2 s) once the wait has lasted `untilEndS`, the
 * create-to-end-state time: the lag the issue allows ("lag p95 within one tick").
 */
function tickAtChange(untilEndS: number): number {
  return tickDelay(untilEndS * S, { minDelayMs: 2 * S }) / S;
}

/** Seconds from the create to the end state: outbound's two transitions follow each other; the others list one per resource. */
function untilEnd(kind: string, transitionS: number[]): number {
  const sum = transitionS.reduce((a, b) => a + b, 0);
  return kind === "outbound" ? sum : sum / Math.max(1, transitionS.length);
}

async function runOnce(emulator: Emulator, pulumi: PulumiInstallation, node: HostNode, kind: string, n: number, mode: (typeof ALL_MODES)[number]): Promise<RunResult> {
  await prepare(emulator, kind, n);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-bench-"));
  const traceFile = path.join(workDir, "trace.jsonl");
  const { out, tail } = outputTail();
  const stack = new CliStack({
    cli: pulumi.cli,
    languageHost: pulumi.languageHost,
    programDir: PROGRAM,
    workDir,
    stackName: "bench",
    skipPreview: true,
    // All N at once, as the issue's "N concurrent creates" says: the CLI's default is 4 × cores (8 here), which would
    // run a fleet of 200 as 25 waves of 8.
    flags: ["--parallel", String(n)],
    out,
    config: { kind, n: String(n) },
    env: {
      ...node.env,
      ...emulator.envFor("primary", "us-east-1"),
      PULUMI_AWS_CONNECTIONS_POLL_MS: `${2_000 / SCALE},${30_000 / SCALE}`,
      PULUMI_AWS_CONNECTIONS_POLLER: mode,
      PULUMI_AWS_CONNECTIONS_QUIET: "1",
      PULUMI_AWS_CONNECTIONS_TRACE: traceFile,
      // For diagnosis only (e.g. V8 heap flags for the provider host); the published figures leave it unset.
      ...(process.env.BENCH_HOST_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_HOST_NODE_OPTIONS } : {}),
    },
  });
  try {
    const emulated = await emulatedClock(emulator);
    const host = watchHost(traceFile);
    const checkpoints = watchCheckpoints(stack.stateFile);
    const started = performance.now();
    const running = stack.up();
    if (kind === "attachment") await startApplicationClock(emulator, running);
    const result = await running;
    const wallS = (performance.now() - started) / S;
    const usage = host.stop();
    const written = checkpoints.stop();
    const counts = Object.entries(await emulator.control.counts()).filter(([op]) => !op.startsWith("STS."));
    const calls = counts.reduce((sum, [, count]) => sum + count, 0);
    const trace = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as TraceLine) : [];
    const { lagS, transitionS } = await lags(emulator, kind, trace, emulated);
    const state = result.ok ? stack.readState() : undefined;
    const provider = state?.resources.find((r) => typeof r.inputs.__provider === "string")?.inputs.__provider as string | undefined;
    return {
      kind,
      n,
      mode,
      ok: result.ok,
      error: result.ok ? undefined : String(result.error).slice(0, 200),
      callsPerResource: calls / n,
      byOperation: Object.fromEntries(counts),
      minimumCalls: MINIMUM_CALLS[kind],
      lagP50S: percentile(lagS, 50),
      lagP95S: percentile(lagS, 95),
      wallS,
      hostPeakRssMiB: usage.peakRssKiB / 1024,
      hostCpuS: usage.cpuS,
      stateBytes: fs.existsSync(stack.stateFile) ? fs.statSync(stack.stateFile).size : 0,
      providerBytes: provider ? Buffer.byteLength(provider) : 0,
      terraform: terraformFor(kind, transitionS),
      tickAtChangeS: tickAtChange(untilEnd(kind, transitionS)),
      checkpointWrites: written.writes,
      checkpointBytes: written.bytes,
      node: node.version,
    };
  } finally {
    if (!fs.existsSync(stack.stateFile)) process.stderr.write(tail());
    await stack.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

interface Measured {
  host: HostNode;
  results: RunResult[];
  floor: FloorResult[];
  /** The largest N again, shared polling only, with the host on each other supported Node.js (and its floor). */
  otherNodes: RunResult[];
  otherFloors: FloorResult[];
}

/** Written after every run, so an interrupted benchmark still leaves what it measured. */
function writeResults(m: Measured, totalS: number): void {
  const machine = machineInfo();
  const setting = `emulated clock ${SCALE}× real time, pacing 2 s/30 s scaled alike; ${machine.cpus}× ${machine.cpu}, ${machine.memoryGiB} GiB, provider host on Node ${m.host.version}`;
  fs.mkdirSync(RESULTS, { recursive: true });
  const json = { date: new Date().toISOString(), scale: SCALE, machine, hostNode: m.host.version, totalS, results: m.results, floor: m.floor, otherNodes: m.otherNodes, otherFloors: m.otherFloors };
  fs.writeFileSync(path.join(RESULTS, "fleet.json"), JSON.stringify(json, null, 2) + "\n");
  const floorPart =
    m.floor.length === 0
      ? ""
      : `\nThe host's floor: the same CLI and host with a dynamic provider that only holds each create for ${FLOOR_HOLD_MS} ms (bench/floor-program, no AWS SDK, none of this package):\n\n${floorTable(m.floor)}`;
  const largest = Math.max(...NS);
  const byNode = byNodeTable(largest, [...m.results, ...m.otherNodes], [...m.floor, ...m.otherFloors]);
  const byNodePart =
    m.otherNodes.length + m.otherFloors.length === 0
      ? ""
      : `\nThe provider host at N = ${largest}, shared polling, by the host's Node.js (V8's own heap sizing): peak RSS (MiB) / CPU time (s):\n\n${byNode}`;
  fs.writeFileSync(path.join(RESULTS, "fleet.md"), `Fleet benchmark, ${new Date().toISOString().slice(0, 10)}: ${setting}.\n\n${markdownTable(m.results)}${floorPart}${byNodePart}`);
  fs.writeFileSync(path.join(RESULTS, "fleet.svg"), svgPlot(m.results, `AWS calls per resource, N concurrent creates through the real Pulumi CLI (${setting})`));
}

function report(label: string, result: RunResult): void {
  console.log(
    `${label}: ${result.ok ? "" : `FAILED (${result.error}) `}${result.callsPerResource.toFixed(2)} calls/resource, ` +
      `lag p50/p95 ${result.lagP50S.toFixed(1)}/${result.lagP95S.toFixed(1)} s, ${result.wallS.toFixed(1)} s wall, host ${result.hostPeakRssMiB.toFixed(0)} MiB`,
  );
}

async function main(): Promise<void> {
  const pulumi = await obtainPulumiInstallation();
  // The published figures are for a Node.js this package supports, whatever runs the benchmark itself.
  const host = hostNode(process.env.BENCH_NODE ?? SUPPORTED_NODE_MAJORS[0]);
  const emulator = await startEmulator({ port: 0, timeScale: SCALE });
  // BENCH_APPEND=1 adds to the results already in bench/results/fleet.json (e.g. a narrowed run after a full one).
  const previousFile = path.join(RESULTS, "fleet.json");
  const previous = process.env.BENCH_APPEND === "1" && fs.existsSync(previousFile) ? (JSON.parse(fs.readFileSync(previousFile, "utf8")) as Partial<Measured>) : {};
  const m: Measured = { host, results: previous.results ?? [], floor: previous.floor ?? [], otherNodes: previous.otherNodes ?? [], otherFloors: previous.otherFloors ?? [] };
  const began = performance.now();
  const elapsed = () => (performance.now() - began) / S;
  try {
    // Smaller fleets of every kind first: an interrupted run still covers every kind.
    for (const n of NS) {
      for (const kind of KINDS) {
        for (const mode of MODES) {
          const result = await runOnce(emulator, pulumi, host, kind, n, mode);
          m.results.push(result);
          writeResults(m, elapsed());
          report(`${kindName(kind)}, N=${n}, ${mode}`, result);
        }
      }
    }
    // The reference: what Pulumi's host alone peaks at for the same N concurrent creates (BENCH_FLOOR=0 skips it).
    for (const n of process.env.BENCH_FLOOR === "0" ? [] : NS) {
      const result = await runFloor(pulumi, n, FLOOR_HOLD_MS, host);
      m.floor.push(result);
      writeResults(m, elapsed());
      console.log(`host floor, N=${n}: ${result.ok ? "" : "FAILED "}host ${result.hostPeakRssMiB.toFixed(0)} MiB, ${result.wallS.toFixed(1)} s wall, ${result.checkpointWrites} checkpoints`);
    }
    // At the largest N, the host's memory on the other supported Node.js majors (BENCH_OTHER_NODES=0 skips them).
    const largest = Math.max(...NS);
    const others = process.env.BENCH_OTHER_NODES === "0" ? [] : SUPPORTED_NODE_MAJORS.filter((mj) => mj !== host.major).map(hostNode);
    for (const node of others) {
      for (const kind of KINDS) {
        const result = await runOnce(emulator, pulumi, node, kind, largest, "shared");
        m.otherNodes.push(result);
        writeResults(m, elapsed());
        report(`${kindName(kind)}, N=${largest}, shared, host on Node ${node.version}`, result);
      }
      if (process.env.BENCH_FLOOR !== "0") {
        const result = await runFloor(pulumi, largest, FLOOR_HOLD_MS, node);
        m.otherFloors.push(result);
        writeResults(m, elapsed());
        console.log(`host floor, N=${largest}, Node ${node.version}: host ${result.hostPeakRssMiB.toFixed(0)} MiB`);
      }
    }
  } finally {
    await emulator.stop();
  }
  console.log(`\n${markdownTable(m.results)}\nwritten to bench/results/fleet.{json,md,svg} in ${elapsed().toFixed(0)} s`);
  if ([...m.results, ...m.otherNodes].some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
