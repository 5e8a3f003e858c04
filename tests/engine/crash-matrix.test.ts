import { strict as assert } from "assert";
import * as path from "path";
import type { CliStack, OperationKind } from "../../cli-runner";
import type { ArmedFault, FaultSpec } from "../../emulator";
import { assertCloudMatchesState } from "../support/agreement";
import { removeEmptySidecars } from "../support/backend-sidecars";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * The crash matrix (README, "Crash and fault matrix"): every kind × create, update, replace, delete, with the real CLI
 * and its provider host killed (SIGKILL to the process group) at three points of the step's AWS call:
 *   - `before`: the call never reaches AWS (the emulator resets the connection unprocessed, every retry too);
 *   - `held`: AWS holds the call when the process dies, and carries it out afterwards;
 *   - `answered`: AWS has carried it out (its answer is lost with the process).
 * Then what the CLI tells the user: `pulumi cancel` (the dead run's lock), the same command again, and where the dead
 * run left pending creates, `pulumi refresh --clear-pending-creates`. Afterwards exactly one live AWS object per
 * declared resource (none after destroy) and state that matches, one to one.
 *
 * Each step arms its calls at once and kills when all were reached; the three runs of a step rotate the points over
 * the calls, so each call meets each point. Kinds without an update call (outbound connections, accepters,
 * attachments: their in-place change is a timeout) are killed wherever their update is when the step's call is hit.
 */
const FIXTURE = path.join(FIXTURES_DIR, "crash");
const HOLD_MS = 1_500;
const POINTS = ["before", "held", "answered"] as const;
/** The preview before an update adds nothing here and would double each run's time. */
const QUICK = ["--skip-preview"];
type Point = (typeof POINTS)[number];

interface Call {
  service: "DirectConnect" | "OpenSearch" | "Elasticsearch";
  operation: string;
}

interface MatrixStep {
  what: string;
  /** Config for the set-up `up` (none: the step starts from an empty stack). */
  before?: Record<string, string>;
  /** The killed operation and its config. */
  kind: Extract<OperationKind, "up" | "destroy">;
  config: Record<string, string>;
  calls: Call[];
  /** Resources in state afterwards. */
  resources: number;
}

const dx = (operation: string): Call => ({ service: "DirectConnect", operation });
const os = (operation: string): Call => ({ service: "OpenSearch", operation });
const es = (operation: string): Call => ({ service: "Elasticsearch", operation });
const ALL = { accepters: "true" };
const NO_ACCEPTERS = { accepters: "false" };

const STEPS: MatrixStep[] = [
  {
    what: "create (Direct Connect, both outbound kinds, attachment)",
    kind: "up",
    config: NO_ACCEPTERS,
    calls: [dx("CreateConnection"), os("CreateOutboundConnection"), es("CreateOutboundCrossClusterSearchConnection"), os("AttachDataSource")],
    resources: 4,
  },
  {
    what: "update in place (every kind) and create (both accepters)",
    before: NO_ACCEPTERS,
    kind: "up",
    config: { ...ALL, name: "crash-renamed" },
    calls: [dx("UpdateConnection"), os("AcceptInboundConnection"), es("AcceptInboundCrossClusterSearchConnection")],
    resources: 6,
  },
  {
    what: "replace (Direct Connect create-first; attachment and accepters delete-first)",
    before: ALL,
    kind: "up",
    config: { ...ALL, generation: "2" },
    calls: [dx("CreateConnection"), os("DetachDataSource"), os("DeleteInboundConnection"), es("DeleteInboundCrossClusterSearchConnection")],
    resources: 6,
  },
  {
    what: "replace (both outbound kinds, delete-first)",
    before: NO_ACCEPTERS,
    kind: "up",
    config: { ...NO_ACCEPTERS, generation: "2" },
    calls: [os("DeleteOutboundConnection"), es("DeleteOutboundCrossClusterSearchConnection")],
    resources: 4,
  },
  // Destroy deletes dependents first and stops scheduling after a failure, so the accepters' deletes (which come before
  // their connections') are a step of their own.
  {
    what: "delete (Direct Connect, both outbound kinds, attachment)",
    before: NO_ACCEPTERS,
    kind: "destroy",
    config: NO_ACCEPTERS,
    calls: [dx("DeleteConnection"), os("DetachDataSource"), os("DeleteOutboundConnection"), es("DeleteOutboundCrossClusterSearchConnection")],
    resources: 0,
  },
  {
    what: "delete (both accepters)",
    before: ALL,
    kind: "destroy",
    config: ALL,
    calls: [os("DeleteInboundConnection"), es("DeleteInboundCrossClusterSearchConnection")],
    resources: 0,
  },
];

/** The fault that puts `call` at `point`. */
function faultFor(call: Call, point: Point): FaultSpec {
  switch (point) {
    case "before":
      return { ...call, kind: "reset", when: "before", count: 1_000 };
    case "held":
      return { ...call, kind: "latency", latencyMs: HOLD_MS, count: 1 };
    case "answered":
      return { ...call, kind: "reset", when: "after", count: 1_000 };
  }
}

/** Whether the request the fault waits for has arrived (a fault is taken when its request arrives, before AWS runs it). */
function reached(armed: ArmedFault, now: ArmedFault[]): boolean {
  const still = now.find((f) => f.id === armed.id);
  return still === undefined || still.remaining < armed.remaining;
}

async function killWhenAllReached(world: World, stack: CliStack, step: MatrixStep, points: Point[]): Promise<void> {
  const armed: ArmedFault[] = [];
  for (const [i, call] of step.calls.entries()) armed.push(await world.emulator.control.injectFault(faultFor(call, points[i])));
  const run = stack.start(step.kind, step.kind === "up" ? QUICK : []);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const now = await world.emulator.control.faults();
    const missing = step.calls.filter((_, i) => !reached(armed[i], now));
    if (missing.length === 0) break;
    if (Date.now() > deadline) {
      run.killAll("SIGKILL");
      await run.result;
      assert.fail(`never reached: ${missing.map((c) => c.operation).join(", ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  run.killAll("SIGKILL");
  const result = await run.result;
  assert.equal(result.ok, false, "the killed run did not succeed");
  // What AWS was holding still happens; then nothing is failing any more.
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 300));
  await world.emulator.control.clearFaults();
}

/**
 * The file backend's own hazard, not the provider's: rarely (twice in ~70 runs, in CI) the kill lands while the
 * backend writes a checkpoint's `.attrs` sidecar in place, and every later command fails with "failed to load
 * checkpoint: EOF". The repair is what the README tells users: delete the empty sidecar (tests/support/backend-sidecars.ts,
 * reproduced in tests/engine/backend-sidecar.test.ts); the scenario then goes on. Should the backend break in a way
 * that repair does not cover, the run proves nothing about the provider either way: it is run again from scratch, once.
 */
class BackendCorrupted extends Error {}

async function cancelDeadRun(stack: CliStack): Promise<void> {
  let cancel = await stack.cancel();
  if (cancel.code !== 0 && /failed to load checkpoint/.test(cancel.text)) {
    if (removeEmptySidecars(stack.stateFile).length === 0) throw new BackendCorrupted(cancel.text);
    cancel = await stack.cancel();
  }
  assert.equal(cancel.code, 0, cancel.text);
}

describe("crash matrix: the CLI killed before, during and after each step's AWS call, then run again (real CLI, emulator)", function () {
  this.timeout(300_000);
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => world?.dispose());

  for (const step of STEPS) {
    for (let rotation = 0; rotation < POINTS.length; rotation++) {
      const points = step.calls.map((_, i) => POINTS[(i + rotation) % POINTS.length]);
      const plan = step.calls.map((c, i) => `${c.operation} ${points[i]}`).join(", ");
      it(`${step.what}: ${plan}`, async () => {
        try {
          await scenario(step, points);
        } catch (error) {
          if (!(error instanceof BackendCorrupted)) throw error;
          await world.dispose();
          world = await startWorld();
          await scenario(step, points);
        }
      });
    }
  }

  async function scenario(step: MatrixStep, points: Point[]): Promise<void> {
    const stack = world.stack(FIXTURE, { config: step.before ?? step.config });
    if (step.before) world.assertOk(await stack.run("up", QUICK));
    for (const [key, value] of Object.entries(step.config)) stack.setConfig(key, value);

    await killWhenAllReached(world, stack, step, points);

    await cancelDeadRun(stack);
    world.assertOk(await stack.run(step.kind, step.kind === "up" ? QUICK : []));
    // The dead run's pending creates stay in state until told what they were (the provider already found it).
    if (stack.readState().pendingOperations.some((p) => p.type === "creating")) {
      world.assertOk(await stack.run("refresh", ["--clear-pending-creates"]));
    }
    await assertCloudMatchesState(world, [stack]);
    assert.equal(stack.readState().resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length, step.resources);
    assert.deepEqual(stack.readState().pendingOperations, []);
  }
});
