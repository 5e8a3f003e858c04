import { strict as assert } from "node:assert";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateConnectionCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { TEST_ACCOUNTS } from "../../emulator";

const ROOT = path.resolve(__dirname, "..", "..");

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "emulator", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
}

/** Collects stdout until `done` says the banner is complete. */
function readUntil(child: ChildProcessWithoutNullStreams, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (done(out)) resolve(out);
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("exit", (code) => reject(new Error(`cli exited with ${code} before printing the banner:\n${out}\n${err}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}

describe("emulator: CLI", function () {
  this.timeout(20_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "emulator-cli-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the endpoint, the accounts and exports, serves, and saves state on SIGTERM", async () => {
    const stateFile = path.join(dir, "cli-state.json");
    const child = runCli(["--port", "0", "--state", stateFile, "--time-scale", "10"]);
    try {
      const banner = await readUntil(child, (text) => text.includes("export AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE="));
      const endpoint = /AWS emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      assert.ok(endpoint, banner);
      for (const account of TEST_ACCOUNTS) {
        assert.ok(banner.includes(account.accountId) && banner.includes(account.accessKeyId) && banner.includes(account.secretAccessKey));
      }
      const exports = Object.fromEntries([...banner.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      assert.deepEqual(exports, {
        AWS_ACCESS_KEY_ID: TEST_ACCOUNTS[0].accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_ACCOUNTS[0].secretAccessKey,
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL_DIRECT_CONNECT: endpoint,
        AWS_ENDPOINT_URL_STS: endpoint,
        AWS_ENDPOINT_URL_OPENSEARCH: endpoint,
        AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE: endpoint,
      });

      const dx = new DirectConnectClient({
        endpoint,
        region: exports.AWS_REGION,
        credentials: { accessKeyId: exports.AWS_ACCESS_KEY_ID, secretAccessKey: exports.AWS_SECRET_ACCESS_KEY },
      });
      const created = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "from-cli" }));
      dx.destroy();

      child.kill("SIGTERM");
      assert.equal(await exitCode(child), 0);
      assert.ok(existsSync(stateFile));
      assert.ok(readFileSync(stateFile, "utf8").includes(created.connectionId!));
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("exits 2 with a usage message on a bad argument", async () => {
    const child = runCli(["--bogus"]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    assert.equal(await exitCode(child), 2);
    assert.match(err, /unknown argument --bogus/);
  });
});
