import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { sampleProcess } from "../support/process-stats";

/**
 * The mechanism under tests/engine/orphaned-host.test.ts, in a few seconds: a child process posing as @pulumi/pulumi's
 * dynamic-provider host (its script at .../cmd/dynamic-provider/index.js, the engine's address last, and the host's
 * uncaught-error handler: console.error, errors kept in a Set), a TCP server posing as the engine, and the child's
 * stderr a pipe whose reader the test closes. Then the child must go idle without a single uncaught error; the same
 * loop writing with process.stderr.write shows the harness does reproduce the host's endless loop.
 */
const CORE = path.resolve(__dirname, "../../provider/core");
const HOST_SCRIPT = `
const fs = require("fs");
const [mode, marker] = process.argv.slice(2);
// As @pulumi/pulumi 3.270's cmd/dynamic-provider/index.js handles uncaught errors (plus a mark for the test).
const uncaughtErrors = new Set();
const uncaughtHandler = (err) => {
  if (!uncaughtErrors.has(err)) {
    uncaughtErrors.add(err);
    fs.appendFileSync(marker, "x");
    console.error(err.stack || err.message || "" + err);
  }
};
process.on("uncaughtException", uncaughtHandler);
process.on("unhandledRejection", uncaughtHandler);
// The host's gRPC server, which keeps it alive whatever its providers do.
require("net").createServer().listen(0, "127.0.0.1");
const { writeLine } = require(${JSON.stringify(path.join(CORE, "stderr-writer.ts"))});
const { whileEngineLives, sleepUnlessEngineGone } = require(${JSON.stringify(path.join(CORE, "engine-watch.ts"))});
if (mode === "writer" || mode === "raw" || mode === "silent") {
  void whileEngineLives(async () => {
    for (;;) {
      if (mode === "raw") process.stderr.write("tick\\n");
      else if (mode === "writer") writeLine("tick");
      fs.appendFileSync(marker + ".rounds", ".");
      await sleepUnlessEngineGone(20);
    }
  });
}
if (mode === "fail") {
  process.stdin.on("data", () =>
    whileEngineLives(() => Promise.reject(new Error("boom"))).then(
      () => console.log("resolved"),
      (error) => console.log("rejected: " + error.message),
    ),
  );
}
`;

interface FakeHost {
  child: ChildProcess;
  engine: net.Server;
  /** How many uncaught errors the host's handler has seen. */
  uncaught(): number;
  /** How many rounds its loop has made. */
  rounds(): number;
  stdout(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("engine watch: a dynamic-provider host whose engine and stderr reader are gone goes idle", function () {
  let dir: string;
  const started: FakeHost[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-engine-watch-"));
    fs.mkdirSync(path.join(dir, "cmd", "dynamic-provider"), { recursive: true });
    fs.writeFileSync(path.join(dir, "cmd", "dynamic-provider", "index.js"), HOST_SCRIPT);
  });
  afterEach(async () => {
    for (const host of started.splice(0)) {
      host.child.kill("SIGKILL");
      host.engine.close();
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startHost(mode: "writer" | "raw" | "silent" | "fail"): Promise<FakeHost> {
    const engine = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const port = (engine.address() as net.AddressInfo).port;
    const marker = path.join(dir, `uncaught-${mode}-${started.length}`);
    fs.writeFileSync(marker, "");
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(dir, "cmd", "dynamic-provider", "index.js"), mode, marker, `127.0.0.1:${port}`],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } },
    );
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const count = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").length : 0);
    const host = { child, engine, uncaught: () => count(marker), rounds: () => count(`${marker}.rounds`), stdout: () => out };
    started.push(host);
    return host;
  }

  /** Reads the host's stderr until it has written `line` twice, then closes the reader and stops the fake engine. */
  async function orphan(host: FakeHost, line: string): Promise<void> {
    let err = "";
    await new Promise<void>((resolve, reject) => {
      host.child.stderr?.on("data", (chunk: Buffer) => {
        err += chunk.toString();
        if (err.split(line).length > 2) resolve();
      });
      host.child.once("exit", () => reject(new Error(`the host exited: ${err}`)));
    });
    host.child.stderr?.destroy();
    await new Promise((resolve) => host.engine.close(resolve));
  }

  it("writing through the package's writer: no uncaught error, no CPU, no data written", async () => {
    const host = await startHost("writer");
    await orphan(host, "tick");
    // A refused connection is confirmed a second later; then the loop's next pause never ends.
    await sleep(3_000);
    const pid = host.child.pid!;
    const first = sampleProcess(pid);
    const rounds = host.rounds();
    await sleep(3_000);
    const second = sampleProcess(pid);
    assert.ok(first && second, "the host is still there (the package never exits it)");
    assert.ok(rounds > 0, "the loop ran");
    assert.equal(host.rounds(), rounds, "the loop has stopped");
    assert.equal(host.uncaught(), 0, "no uncaught error reached the host's handler");
    const share = (second.cpuMs - first.cpuMs) / (second.at - first.at);
    assert.ok(share < 0.05, `idle: ${(share * 100).toFixed(1)} % of a core`);
    // Only the event loop's 8-byte wake-ups, if any (a failed write adds a call and no bytes).
    assert.equal(second.writeBytes - first.writeBytes, 8 * (second.writeCalls - first.writeCalls));
  });

  it("the same loop with process.stderr.write: the host's handler loops on EPIPE (the upstream bug this works around)", async () => {
    const host = await startHost("raw");
    await orphan(host, "tick");
    await sleep(3_000);
    assert.ok(host.uncaught() >= 100, `uncaught errors in 3 s: ${host.uncaught()}`);
  });

  it("an operation with nothing to say: the periodic check finds the engine gone, and the loop stops", async () => {
    const host = await startHost("silent");
    for (let i = 0; i < 200 && host.rounds() < 5; i++) await sleep(50);
    assert.ok(host.rounds() >= 5, "the loop runs while the engine listens");
    await new Promise((resolve) => host.engine.close(resolve));
    const closed = Date.now();
    // Checks come every 10 s; stopped means no round for a whole second.
    let last = host.rounds();
    let still = Date.now();
    while (Date.now() - still < 1_000) {
      assert.ok(Date.now() - closed < 30_000, "the loop still runs 30 s after the engine is gone");
      await sleep(100);
      if (host.rounds() !== last) [last, still] = [host.rounds(), Date.now()];
    }
    assert.equal(host.uncaught(), 0);
  });

  it("a failure is passed on while the engine listens, and never settles once it is gone", async () => {
    const host = await startHost("fail");
    host.child.stdin?.write("go\n");
    for (let i = 0; i < 200 && !host.stdout().includes("rejected"); i++) await sleep(50);
    assert.equal(host.stdout().trim(), "rejected: boom");
    await new Promise((resolve) => host.engine.close(resolve));
    host.child.stdin?.write("go\n");
    await sleep(4_000);
    assert.equal(host.stdout().trim(), "rejected: boom", "nothing more: the second failure never settled");
    assert.equal(host.uncaught(), 0);
  });
});
