/**
 * Benchmark: what durable `--state` costs. Fires C concurrent Direct Connect creates (and as many DescribeConnections)
 * through the SDK at an emulator without a state file, then at one with a state file (every change fsynced before its
 * answer, concurrent changes grouped into one write), and prints requests per second for each.
 *
 * Run: `npx ts-node --transpile-only bench/state-file.ts` (BENCH_CONCURRENCY, default 120: 3 accounts × 4 locations × 10).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { CreateConnectionCommand, DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { startEmulator, type Emulator } from "../emulator";

const CONCURRENCY = Math.min(Number(process.env.BENCH_CONCURRENCY ?? 120), 120);
const LOCATIONS = ["EqDC2", "CSVA1", "EqNY5", "EqAT1"];

async function run(emulator: Emulator): Promise<{ createsPerSecond: number; readsPerSecond: number }> {
  const clients = emulator.accounts.map(
    (a) => new DirectConnectClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } }),
  );
  const client = (i: number): DirectConnectClient => clients[i % clients.length];
  // Warm up connections and the SDK.
  await Promise.all(clients.map((c) => c.send(new DescribeConnectionsCommand({}))));
  let start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) =>
      client(i).send(new CreateConnectionCommand({ location: LOCATIONS[Math.floor(i / clients.length) % LOCATIONS.length], bandwidth: "1Gbps", connectionName: `bench-${i}` })),
    ),
  );
  const createsPerSecond = (CONCURRENCY / (performance.now() - start)) * 1000;
  start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => client(i).send(new DescribeConnectionsCommand({}))));
  const readsPerSecond = (CONCURRENCY / (performance.now() - start)) * 1000;
  for (const c of clients) c.destroy();
  return { createsPerSecond, readsPerSecond };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-state-"));
  try {
    const rows: Array<{ variant: string; createsPerSecond: number; readsPerSecond: number }> = [];
    for (const variant of ["in memory", "durable --state"]) {
      const emulator = await startEmulator(variant === "in memory" ? {} : { stateFile: path.join(dir, "state.json") });
      try {
        rows.push({ variant, ...(await run(emulator)) });
      } finally {
        await emulator.stop();
      }
    }
    console.log(`${CONCURRENCY} concurrent requests of each kind`);
    for (const r of rows) console.log(`${r.variant.padEnd(16)} creates/s ${r.createsPerSecond.toFixed(0).padStart(6)}   reads/s ${r.readsPerSecond.toFixed(0).padStart(6)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
