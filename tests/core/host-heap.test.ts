import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { HOST_HEAP_VARIABLE, keepHostYoungGenerationSmall, type HostHeapOutcome, type HostProcess } from "../../provider/core/host-heap";

/** The script path the plugin `pulumi-resource-pulumi-nodejs` gives node (require.resolve of the host). */
const HOST_SCRIPT = "/stack/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

/** A process as the decision sees it, recording what it did to V8 (and refusing a step where told to). */
function fakeProcess(over: Partial<Pick<HostProcess, "argv" | "execArgv" | "env">>, refuse?: "flags" | "collect") {
  const done: string[] = [];
  const host: HostProcess = {
    argv: ["/usr/bin/node", HOST_SCRIPT],
    execArgv: [],
    env: {},
    ...over,
    setV8Flags: (flags) => {
      if (refuse === "flags") throw new Error("refused");
      done.push(`flags ${flags}`);
    },
    collectAllAvailableGarbage: () => {
      if (refuse === "collect") throw new Error("refused");
      done.push("collect");
    },
  };
  return { host, done };
}

/**
 * provider/core/host-heap.ts: in Pulumi's dynamic-provider host only, and unless the user chose otherwise, the young
 * generation stops growing and is shrunk once (issue 9, the host's peak RSS with a fleet in flight).
 */
describe("host heap: keeping the provider host's young generation small", () => {
  const cases: Array<{ name: string; over: Partial<Pick<HostProcess, "argv" | "execArgv" | "env">>; outcome: HostHeapOutcome }> = [
    { name: "Pulumi's host, nothing set", over: {}, outcome: "applied" },
    { name: "the host as `node .../cmd/dynamic-provider` (no index.js)", over: { argv: ["node", "/s/node_modules/@pulumi/pulumi/cmd/dynamic-provider"] }, outcome: "applied" },
    { name: "the host on Windows", over: { argv: ["node.exe", "C:\\s\\node_modules\\@pulumi\\pulumi\\cmd\\dynamic-provider\\index.js"] }, outcome: "applied" },
    { name: "the default spelled out", over: { env: { [HOST_HEAP_VARIABLE]: " small-young-generation " } }, outcome: "applied" },
    { name: "an empty setting", over: { env: { [HOST_HEAP_VARIABLE]: "" } }, outcome: "applied" },
    { name: "mocha (a test that loads the provider entry)", over: { argv: ["node", "/x/node_modules/mocha/bin/mocha.js"] }, outcome: "not-the-provider-host" },
    { name: "a program that imports the provider entry", over: { argv: ["node", "/x/index.ts"] }, outcome: "not-the-provider-host" },
    { name: "no script (node -e)", over: { argv: ["node"] }, outcome: "not-the-provider-host" },
    { name: "another package's dynamic-provider folder", over: { argv: ["node", "/x/other/cmd/dynamic-provider/index.js"] }, outcome: "not-the-provider-host" },
    { name: "opted out", over: { env: { [HOST_HEAP_VARIABLE]: "v8-default" } }, outcome: "opted-out" },
    { name: "NODE_OPTIONS sets the semi-space size", over: { env: { NODE_OPTIONS: "--max-old-space-size=4096 --max-semi-space-size=8" } }, outcome: "young-generation-set-by-user" },
    { name: "NODE_OPTIONS, V8's underscore spelling", over: { env: { NODE_OPTIONS: "--max_semi_space_size=8" } }, outcome: "young-generation-set-by-user" },
    { name: "the process's own arguments set the minimum", over: { execArgv: ["--min-semi-space-size=4"] }, outcome: "young-generation-set-by-user" },
    { name: "the process's own arguments set the growth factor", over: { execArgv: ["--semi-space-growth-factor=2"] }, outcome: "young-generation-set-by-user" },
    { name: "NODE_OPTIONS with other heap flags only", over: { env: { NODE_OPTIONS: "--max-old-space-size=4096" } }, outcome: "applied" },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.outcome}`, () => {
      const { host, done } = fakeProcess(c.over);
      const result = keepHostYoungGenerationSmall(host);
      assert.equal(result.outcome, c.outcome);
      assert.equal(typeof result.collectionMs, c.outcome === "applied" ? "number" : "undefined");
      assert.deepEqual(done, c.outcome === "applied" ? ["flags --semi-space-growth-factor=1", "collect"] : []);
    });
  }

  for (const refuse of ["flags", "collect"] as const) {
    it(`V8 refusing the ${refuse === "flags" ? "flag" : "collection"} is "failed", never an error: the host goes on as it was`, () => {
      const { host } = fakeProcess({}, refuse);
      assert.deepEqual(keepHostYoungGenerationSmall(host), { outcome: "failed" });
    });
  }

  it("refuses an unknown setting, naming the variable and the rule but not the value, and touches nothing", () => {
    const { host, done } = fakeProcess({ env: { [HOST_HEAP_VARIABLE]: "tiny-secret-value" } });
    assert.throws(
      () => keepHostYoungGenerationSmall(host),
      (e: Error) => e.message === `${HOST_HEAP_VARIABLE}: must be "small-young-generation" (the default) or "v8-default"` && !e.message.includes("tiny"),
    );
    assert.deepEqual(done, []);
  });

  /**
   * The real effect on the Node.js running the suite (CI runs every supported major): a child process allocates with
   * many survivors, which grows V8's young generation unless it was kept small. If a Node release stops honouring the
   * run-time flag, this fails and the benchmark's memory figures are no longer this package's to claim.
   */
  const CHILD = `
    const v8 = require("v8");
    const { keepHostYoungGenerationSmall, nodeProcess } = require(${JSON.stringify(path.resolve(__dirname, "../../provider/core/host-heap.ts"))});
    const youngMiB = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 2 ** 20;
    const churn = () => { let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = []; } };
    churn();
    const grown = youngMiB();
    const result = process.argv[1] === "tuned" ? keepHostYoungGenerationSmall({ ...nodeProcess(), argv: ["node", ${JSON.stringify(HOST_SCRIPT)}] }) : { outcome: "untouched" };
    const shrunk = youngMiB();
    churn();
    const gcSeen = require("vm").runInNewContext("typeof gc") + "," + typeof globalThis.gc;
    console.log(JSON.stringify({ outcome: result.outcome, grown, shrunk, after: youngMiB(), gcSeen }));
  `;
  const runChild = (arg: string, nodeFlags: string[] = []) => {
    const child = spawnSync(process.execPath, [...nodeFlags, "-r", "ts-node/register/transpile-only", "-e", CHILD, arg], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout.trim().split("\n").pop() as string) as { outcome: string; grown: number; shrunk: number; after: number; gcSeen: string };
  };

  it("really keeps the young generation small in this Node.js, and leaves no gc function behind", function () {
    const untouched = runChild("untouched");
    const tuned = runChild("tuned");
    // Without it, the same churn leaves the young generation grown (so the check below means something).
    assert.ok(untouched.after >= 8, `V8's default young generation: ${untouched.after} MiB`);
    assert.equal(tuned.outcome, "applied");
    assert.ok(tuned.grown >= 8, `grown before: ${tuned.grown} MiB`);
    assert.ok(tuned.shrunk <= 2, `shrunk by the collection: ${tuned.shrunk} MiB`);
    assert.ok(tuned.after <= 4, `kept small under the same churn: ${tuned.after} MiB`);
    assert.equal(tuned.gcSeen, "undefined,undefined");
  });

  it("with the user's own --expose-gc, uses that gc and leaves it exposed to new contexts", function () {
    const tuned = runChild("tuned", ["--expose-gc"]);
    assert.equal(tuned.outcome, "applied");
    assert.ok(tuned.shrunk <= 2, `shrunk by the collection: ${tuned.shrunk} MiB`);
    assert.equal(tuned.gcSeen, "function,function");
  });
});
