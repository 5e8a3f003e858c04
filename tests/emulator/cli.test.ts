import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateConnectionCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { TEST_ACCOUNTS } from "../../emulator";
import { exitCode, runCli, startCli } from "./cli-process";

/** The banner's export blocks: account name → the variables its block exports, in order. */
function exportBlocks(banner: string): Map<string, Record<string, string>> {
  const blocks = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of banner.split("\n")) {
    const heading = /^# (\w+) account \(\d{12}\), [a-z0-9-]+: paste into a shell$/.exec(line);
    if (heading) blocks.set(heading[1], (current = {}));
    const exported = /^export (\w+)=(.*)$/.exec(line);
    if (exported) {
      assert.ok(current, `export outside a block: ${line}`);
      current[exported[1]] = exported[2];
    }
  }
  return blocks;
}

function stderrOf(child: ReturnType<typeof runCli>): () => string {
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  return () => err;
}

describe("emulator: CLI", function () {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "emulator-cli-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the endpoint, the accounts and an export block per account, serves, and saves state on SIGTERM", async () => {
    const stateFile = path.join(dir, "cli-state.json");
    const { child, banner, endpoint } = await startCli(["--port", "0", "--state", stateFile, "--time-scale", "10", "--region", "eu-west-1"]);
    try {
      assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      for (const account of TEST_ACCOUNTS) {
        assert.ok(banner.includes(account.accountId) && banner.includes(account.accessKeyId) && banner.includes(account.secretAccessKey));
      }
      const blocks = exportBlocks(banner);
      assert.deepEqual([...blocks.keys()].sort(), TEST_ACCOUNTS.map((a) => a.name).sort(), "one block per test account");
      assert.equal([...blocks.keys()].at(-1), "primary", "the primary block comes last, so pasting everything leaves it in force");
      for (const account of TEST_ACCOUNTS) {
        assert.deepEqual(blocks.get(account.name), {
          AWS_ACCESS_KEY_ID: account.accessKeyId,
          AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
          AWS_REGION: "eu-west-1",
          AWS_DEFAULT_REGION: "eu-west-1",
          AWS_ENDPOINT_URL_DIRECT_CONNECT: endpoint,
          AWS_ENDPOINT_URL_STS: endpoint,
          AWS_ENDPOINT_URL_OPENSEARCH: endpoint,
          AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE: endpoint,
        });
      }

      // Each block's keys work against the emulator as that account.
      for (const account of TEST_ACCOUNTS) {
        const env = blocks.get(account.name)!;
        const sts = new STSClient({
          endpoint: env.AWS_ENDPOINT_URL_STS,
          region: env.AWS_DEFAULT_REGION,
          credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        });
        assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, account.accountId);
        sts.destroy();
      }
      const primary = blocks.get("primary")!;
      const dx = new DirectConnectClient({
        endpoint,
        region: primary.AWS_REGION,
        credentials: { accessKeyId: primary.AWS_ACCESS_KEY_ID, secretAccessKey: primary.AWS_SECRET_ACCESS_KEY },
      });
      const created = await dx.send(new CreateConnectionCommand({ location: "EqLD5", bandwidth: "1Gbps", connectionName: "from-cli" }));
      dx.destroy();

      child.kill("SIGTERM");
      assert.equal(await exitCode(child), 0);
      assert.ok(existsSync(stateFile));
      assert.ok(readFileSync(stateFile, "utf8").includes(created.connectionId!));
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("prints usage naming every flag with --help and exits 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const child = runCli([flag]);
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
      assert.equal(await exitCode(child), 0);
      assert.match(out, /^usage: emulator/);
      // Every flag the parser accepts (read from its source, so a new flag without help text fails here).
      const source = readFileSync(path.resolve(__dirname, "..", "..", "emulator", "cli.ts"), "utf8");
      const flags = [...source.matchAll(/case "(--?[a-z-]+)":/g)].map((m) => m[1]);
      assert.ok(flags.length >= 10, `found only ${flags.join(", ")}`);
      for (const f of flags) assert.match(out, new RegExp(`(^|\\s|, )${f}\\b`), `--help does not mention ${f}`);
    }
  });

  it("warns that the control API is reachable from the network when bound beyond loopback", async () => {
    const { child, stderr } = await startCli(["--port", "0", "--host", "0.0.0.0"]);
    try {
      // The warning is written before the banner; stop the CLI so that all of its stderr has arrived.
      child.kill("SIGTERM");
      await exitCode(child);
      assert.match(stderr(), /WARNING: listening on 0\.0\.0\.0.*control API.*reachable from the network/s);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    const local = await startCli(["--port", "0", "--host", "127.0.0.1"]);
    local.child.kill("SIGTERM");
    await exitCode(local.child);
    assert.doesNotMatch(local.stderr(), /WARNING/);
  });

  it("exits 2 with a usage hint on a bad argument", async () => {
    const child = runCli(["--bogus"]);
    const stderr = stderrOf(child);
    assert.equal(await exitCode(child), 2);
    assert.match(stderr(), /unknown argument --bogus \(--help lists every option\)/);
  });
});
