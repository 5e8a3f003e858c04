/**
 * Benchmark: what a safe Direct Connect create costs, and what it buys. Creates and deletes N connections through this
 * package's provider (validate, create with a token tag, wait, post-create settings, delete and wait until deleted)
 * and, in the same run against the same emulator, through a baseline that calls the SDK directly (CreateConnection with
 * the SDK's default retries, one DescribeConnections, DeleteConnection). Then both again with every third CreateConnection
 * losing its response after AWS made the connection (a 5xx "after"), counting the duplicates each leaves behind.
 *
 * Run: `npm run bench` (N=30 by default, the most the location limit allows with orphans; BENCH_N sets it). Prints a table and writes bench/results/dx-create.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CreateConnectionCommand, DeleteConnectionCommand, DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import * as provider from "../provider";
import { resetClients } from "../provider/core/aws-clients";
import { startEmulator, type Emulator } from "../emulator";

const N = Number(process.env.BENCH_N ?? 30);
const KIND = "directconnect:Connection";

interface Row { variant: string; faults: string; ops: number; msPerOp: number; requestsPerOp: number; leftBehind: number }

async function requests(emulator: Emulator): Promise<number> {
  return Object.values(await emulator.control.counts()).reduce((a, b) => a + b, 0);
}

async function live(dx: DirectConnectClient): Promise<number> {
  const all = (await dx.send(new DescribeConnectionsCommand({}))).connections ?? [];
  return all.filter((c) => !["deleted", "deleting", "rejected"].includes(c.connectionState ?? "")).length;
}

async function measure(emulator: Emulator, dx: DirectConnectClient, variant: string, faults: string, run: (i: number) => Promise<void>): Promise<Row> {
  await emulator.control.reset();
  let elapsed = 0;
  for (let i = 0; i < N; i++) {
    // Every third create loses its response after AWS made the connection. Arming the fault is not timed.
    if (faults !== "none" && i % 3 === 0) await emulator.control.injectFault({ kind: "server-error", operation: "CreateConnection", when: "after", count: 1 });
    const start = performance.now();
    await run(i);
    elapsed += performance.now() - start;
    await emulator.control.clearFaults();
  }
  // The run deletes what it knows about; anything still live was made behind its back and is orphaned.
  // Requests: only the AWS operations of the run (the control API is not logged as AWS requests).
  return { variant, faults, ops: N, msPerOp: elapsed / N, requestsPerOp: (await requests(emulator)) / N, leftBehind: await live(dx) };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  Object.assign(process.env, emulator.envFor(), { PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50", PULUMI_AWS_CONNECTIONS_QUIET: "1" });
  resetClients();
  const account = emulator.accounts[0];
  const dx = new DirectConnectClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } });
  // Faults hit every third create; spread those over the locations so orphans stay under AWS's 10 per location.
  const inputs = (i: number) => ({ location: ["EqDC2", "CSVA1", "EqNY5"][Math.floor(i / 3) % 3], bandwidth: "10Gbps", connectionName: `bench-${i}`, tags: { bench: "yes" } });

  const ours = async (i: number) => {
    const { id, outs } = await provider.create(KIND, inputs(i));
    await provider.delete(KIND, id, outs);
  };
  const baseline = async (i: number) => {
    const input = inputs(i);
    const made = await dx.send(new CreateConnectionCommand({ ...input, tags: [{ key: "bench", value: "yes" }] }));
    await dx.send(new DescribeConnectionsCommand({ connectionId: made.connectionId }));
    await dx.send(new DeleteConnectionCommand({ connectionId: made.connectionId }));
  };

  const rows: Row[] = [];
  for (const faults of ["none", "lost create response (1 in 3)"]) {
    rows.push(await measure(emulator, dx, "baseline: SDK calls", faults, baseline));
    rows.push(await measure(emulator, dx, "pulumi-aws-connections", faults, ours));
  }
  dx.destroy();
  await emulator.stop();

  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  console.log(`Direct Connect create+delete, N=${N} per row, emulator on loopback (time scale 1000), ${machine.cpus}× ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  console.log("variant                    faults                          ms/op   requests/op  connections left behind");
  for (const r of rows) {
    console.log(`${r.variant.padEnd(26)} ${r.faults.padEnd(31)} ${r.msPerOp.toFixed(1).padStart(6)}   ${r.requestsPerOp.toFixed(1).padStart(10)}  ${String(r.leftBehind).padStart(8)}`);
  }
  const dir = path.join(__dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "dx-create.json"), JSON.stringify({ date: new Date().toISOString(), n: N, machine, rows }, null, 2) + "\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
