import { strict as assert } from "assert";
import * as path from "path";
import type { CliStack, OperationKind } from "../../cli-runner";
import { assertCloudMatchesState } from "../support/agreement";
import { FIXTURES_DIR, startWorld, untilCalled, type World } from "../support/world";

/**
 * The real CLI killed (SIGKILL, with the provider host it started: its whole process group, as when the machine or the
 * CI job dies) while AWS holds a request, then what the CLI tells the user to do: `pulumi cancel` (the dead process's
 * lock), the same command again, and after a create `pulumi refresh --clear-pending-creates` (the engine keeps the
 * dead process's pending creates in state until told what they were; the provider already found what they made): afterwards the emulator and the real
 * checkpoint agree one to one. The engine recorded a pending operation before the call; the next run drops it with a
 * warning, so the provider itself must find what the dead process made or deleted.
 *
 * These kill a whole fleet during deletes and accepts; every kind at every kill point is in crash-matrix.test.ts.
 */
const FLEET = path.join(FIXTURES_DIR, "fleet");
const HOLD_MS = 4_000;

/** Starts `kind`, waits until the emulator has received `operation` (held there by a latency fault), kills the CLI. */
async function killDuring(world: World, stack: CliStack, kind: OperationKind, service: string, operation: string): Promise<void> {
  await world.emulator.control.injectFault({ kind: "latency", latencyMs: HOLD_MS, service, operation, count: 1 });
  const run = stack.start(kind);
  await untilCalled(world, `${service}.${operation}`);
  run.killAll("SIGKILL");
  const result = await run.result;
  assert.equal(result.ok, false, "the killed run did not succeed");
  // What the emulator was holding still happens, as it would in AWS.
  await new Promise((r) => setTimeout(r, HOLD_MS + 500));
  // The local backend keeps the dead CLI's lock: the next command refuses to start until `pulumi cancel` removes it,
  // which is what the CLI's own error tells the user to run.
  const cancel = await stack.cancel();
  assert.equal(cancel.code, 0, cancel.text);
}

describe("the CLI killed mid-operation, then run again (real CLI, emulator)", function () {
  this.timeout(300_000);
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(async () => world?.dispose());

  it("killed while DeleteConnection is in AWS's hands: destroy again leaves nothing, in AWS or in state", async () => {
    const stack = world.stack(FLEET, { config: { dxPairs: "1", osPairs: "0", esPairs: "0", attachments: "false" } });
    world.assertOk(await stack.up());
    await assertCloudMatchesState(world, [stack]);
    await killDuring(world, stack, "destroy", "DirectConnect", "DeleteConnection");
    assert.ok(stack.readState().pendingOperations.length > 0 || stack.readState().resources.length > 0, "the killed destroy left work behind");
    world.assertOk(await stack.destroy());
    assert.deepEqual(stack.readState().resources, []);
    await assertCloudMatchesState(world, [stack]);
  });

  const CREATE_KILLS: { held: string; what: string; config: Record<string, string>; resources: number }[] = [
    { held: "AttachDataSource", what: "one attachment per resource", config: { dxPairs: "0", osPairs: "0", esPairs: "0" }, resources: 3 },
    { held: "AcceptInboundConnection", what: "nothing accepted twice", config: { dxPairs: "0", osPairs: "1", esPairs: "0", attachments: "false" }, resources: 2 },
  ];
  for (const k of CREATE_KILLS) {
    it(`killed while ${k.held} is in AWS's hands: up again ends with ${k.what}`, async () => {
      const stack = world.stack(FLEET, { config: k.config });
      await killDuring(world, stack, "up", "OpenSearch", k.held);
      world.assertOk(await stack.up());
      world.assertOk(await stack.run("refresh", ["--clear-pending-creates"]));
      await assertCloudMatchesState(world, [stack]);
      assert.equal(stack.readState().resources.length, k.resources);
      world.assertOk(await stack.destroy());
      await assertCloudMatchesState(world, [stack]);
    });
  }

  it("killed while an outbound connection is being deleted: destroy again leaves nothing", async () => {
    const stack = world.stack(FLEET, { config: { dxPairs: "0", osPairs: "1", esPairs: "1", attachments: "false" } });
    world.assertOk(await stack.up());
    await killDuring(world, stack, "destroy", "OpenSearch", "DeleteInboundConnection");
    world.assertOk(await stack.destroy());
    assert.deepEqual(stack.readState().resources, []);
    await assertCloudMatchesState(world, [stack]);
  });
});
