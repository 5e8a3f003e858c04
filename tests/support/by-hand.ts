import { strict as assert } from "assert";
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { checkpointPath, readCheckpoint } from "../../cli-runner/checkpoint";
import { readProject } from "../../cli-runner/stack";
import { ControlClient } from "../../emulator/control-client";
import { pulumiInstallation } from "./pulumi-cli";
import { EXAMPLES_DIR, REPO_ROOT } from "./world";

/**
 * The README's "Running an example by hand against the emulator", run exactly as written, as a shell runs it: its
 * emulator command, its exports, then for every example folder and the repository's root its `up` block and its `down`
 * block. The only changes: a free port in place of 4566 (tests run in parallel), the folder in place of
 * `examples/directconnect`, a throw-away `$HOME` (the state folder the README makes), and the CLI's folder first on
 * PATH (a regular installation has it there; the language host is beside it). Between `up` and `destroy` the stack's
 * checkpoint must hold this package's resources, each live in the emulator; after `destroy` nothing is live.
 */
const README = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/**
 * Every program the README says runs by hand, in groups of about a minute and a half each, one test file per group so
 * that mocha's workers run them side by side (tests/engine/by-hand-*.test.ts).
 */
export const BY_HAND_GROUPS = {
  directconnect: ["examples/directconnect", "."],
  "opensearch-connections": ["examples/opensearch-same-account", "examples/opensearch-cross-account"],
  "opensearch-answers": ["examples/opensearch-cross-region", "examples/opensearch-reject"],
  "other-services": ["examples/elasticsearch-pair", "examples/opensearch-data-sources"],
} as const;

/** The example folders and the root: what the groups must cover between them. */
export function programsToRunByHand(): string[] {
  return [...fs.readdirSync(EXAMPLES_DIR).map((name) => `examples/${name}`), "."];
}
const SAMPLE_DIR = "examples/directconnect";
const DYNAMIC = "pulumi-nodejs:dynamic/";

/** The shell lines of the README's fenced block between `<!-- name: start -->` and `<!-- name: end -->`. */
function readmeBlock(name: string): string {
  const m = new RegExp(`<!-- ${name}: start -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}: end -->`).exec(README);
  assert.ok(m, `README has no ${name} block`);
  return m[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function describeByHand(group: keyof typeof BY_HAND_GROUPS): void {
  const programs: readonly string[] = BY_HAND_GROUPS[group];
  describe(`README: running examples by hand against the emulator (real CLI and language host): ${group}`, function () {
    this.timeout(900_000);
    let home: string;
    let port: number;
    let env: NodeJS.ProcessEnv;
    let emulator: ChildProcess | undefined;
    let emulatorOutput = "";
    const onPort = (text: string) => text.replace(/4566/g, String(port));

    /** Runs shell text in bash (errexit) from the repository's root; fails with its output when a command fails. */
    function shell(script: string): string {
      const r = spawnSync("bash", ["-e", "-c", script], { cwd: REPO_ROOT, env, encoding: "utf8", timeout: 300_000 });
      const text = `${r.stdout ?? ""}${r.stderr ?? ""}`;
      assert.equal(r.status, 0, `the README's commands failed (${String(r.status ?? r.signal)}):\n${script}\n--- output ---\n${text}`);
      return text;
    }

    before(async () => {
      const pulumi = await pulumiInstallation();
      assert.ok(pulumi.languageHost, "no Node.js language host: a regular Pulumi installation has one");
      home = fs.mkdtempSync(path.join(os.tmpdir(), "pac-by-hand-"));
      port = await freePort();
      const dirs = [...new Set([path.dirname(pulumi.cli), path.dirname(pulumi.languageHost)])];
      // Only what a user's shell would have: no variable of the test run's own world leaks in.
      env = {
        PATH: [...dirs, process.env.PATH ?? ""].join(path.delimiter),
        HOME: home,
        // This machine has no network: the CLI's update check would only wait for a timeout.
        PULUMI_SKIP_UPDATE_CHECK: "true",
        ...(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } : {}),
      };
      const child = spawn("bash", ["-e", "-c", `exec ${onPort(readmeBlock("by-hand-emulator").trim())}`], {
        cwd: REPO_ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      emulator = child;
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          emulatorOutput += chunk.toString();
          if (/AWS emulator listening on/.test(emulatorOutput)) resolve();
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        child.once("exit", (code) => reject(new Error(`the emulator exited (${String(code)}):\n${emulatorOutput}`)));
      });
    });

    after(() => {
      if (emulator?.pid) {
        try {
          process.kill(-emulator.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      if (home) fs.rmSync(home, { recursive: true, force: true });
    });

    /** The ids in the emulator that are not deleted (Direct Connect: primary account, us-east-1 as the exports say). */
    async function liveIds(): Promise<Set<string>> {
      const endpoint = `http://127.0.0.1:${port}`;
      const dx = new DirectConnectClient({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIAPRIMARY111111111", secretAccessKey: "primarySecretKey/EmulatorOnly/1111111111" },
      });
      try {
        const control = new ControlClient(endpoint);
        const connections = (await dx.send(new DescribeConnectionsCommand({}))).connections ?? [];
        return new Set([
          ...connections.filter((c) => !["deleted", "rejected"].includes(c.connectionState ?? "")).map((c) => c.connectionId ?? ""),
          ...(await control.crossClusterConnections()).filter((c) => c.status !== "DELETED").map((c) => c.connectionId),
          ...(await control.dataSourceAttachments()).map((a) => `${a.applicationId},${a.dataSourceArn}`),
        ]);
      } finally {
        dx.destroy();
      }
    }

    it("the README's up block starts in the folder the test replaces, and the groups cover every example and the root", () => {
      assert.ok(readmeBlock("by-hand-up").includes(`cd ${SAMPLE_DIR}\n`), "the up block starts in examples/directconnect");
      const grouped: string[] = Object.values(BY_HAND_GROUPS).flat();
      assert.deepEqual([...grouped].sort(), programsToRunByHand().sort());
    });

    for (const dir of programs) {
      it(`${dir}: stack init, preview --diff, up create this package's resources; destroy removes them`, async () => {
        const programDir = path.join(REPO_ROOT, dir);
        const project = readProject(programDir).name;
        const exports = onPort(readmeBlock("by-hand-environment"));
        const up = shell(`${exports}\n${readmeBlock("by-hand-up").replace(`cd ${SAMPLE_DIR}\n`, `cd ${dir}\n`)}`);
        assert.match(up, new RegExp(`\\+ +${DYNAMIC}\\S+ +\\S+ +created`), up);

        const state = readCheckpoint(checkpointPath(path.join(home, ".pulumi-local"), project, "dev"));
        const ours = state.resources.filter((r) => r.type.startsWith(DYNAMIC));
        assert.ok(ours.length > 0, `the stack holds only ${state.resources.map((r) => r.type).join(", ")}`);
        const live = await liveIds();
        for (const resource of ours) {
          assert.ok(resource.id && live.has(resource.id), `${resource.type} ${resource.name} (${String(resource.id)}) is not live in the emulator`);
        }

        // The user is still in the example's folder when finishing (the down block ends with `cd -`).
        shell(`${exports}\ncd ${dir}\n${readmeBlock("by-hand-down")}`);
        const after = await liveIds();
        assert.deepEqual(
          ours.filter((r) => after.has(r.id ?? "")).map((r) => r.name),
          [],
          "destroy left objects live",
        );
        assert.ok(!fs.existsSync(path.join(programDir, "Pulumi.dev.yaml")), "stack rm removed the stack's config file from the folder");
      });
    }
  });
}
