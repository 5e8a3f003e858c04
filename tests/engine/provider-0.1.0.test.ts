import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { CliStack } from "../../cli-runner";
import { assertCloudMatchesState } from "../support/agreement";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * State written by 0.1.0 keeps working. 0.1.0 wrote each resource's `__provider` as Pulumi's closure serialization
 * (about 1.9 KB, six functions); this version writes one short line. The texts 0.1.0 wrote, taken from a real
 * checkpoint (tests/fixtures/provider-0.1.0), are put back into the state of a stack with every kind, and the real CLI
 * then refreshes, replaces and destroys through them: the engine runs a resource's read and delete with the provider
 * text in its state, so this is exactly what an upgrade meets.
 */
const FLEET = path.join(FIXTURES_DIR, "fleet");
const OLD_PROVIDERS = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "provider-0.1.0", "providers.json"), "utf8")) as Record<string, string>;

interface CheckpointResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Puts 0.1.0's `__provider` into every dynamic resource of the stack's checkpoint (inputs and outputs, as 0.1.0 had it). */
function writeAs010(stack: CliStack): number {
  const file = JSON.parse(fs.readFileSync(stack.stateFile, "utf8")) as { checkpoint: { latest: { resources: CheckpointResource[] } } };
  let rewritten = 0;
  for (const resource of file.checkpoint.latest.resources) {
    if (resource.inputs?.__provider === undefined) continue;
    const old = OLD_PROVIDERS[resource.type];
    assert.ok(old, `the fixture has 0.1.0's provider of ${resource.type}`);
    resource.inputs.__provider = old;
    if (resource.outputs) resource.outputs.__provider = old;
    rewritten++;
  }
  fs.writeFileSync(stack.stateFile, JSON.stringify(file, null, 4));
  return rewritten;
}

/** Every `__provider` text in the stack's state. */
function providerTexts(stack: CliStack): Set<string> {
  const texts = new Set<string>();
  for (const resource of stack.readState().resources) {
    for (const props of [resource.inputs, resource.outputs]) if (typeof props?.__provider === "string") texts.add(props.__provider);
  }
  return texts;
}

describe("state written by 0.1.0 (its serialized __provider) through the real CLI: refresh, replace, destroy", function () {
  this.timeout(900_000);
  let world: World;
  let stack: CliStack;
  const small = { dxPairs: "1", osPairs: "1", esPairs: "1" };
  before(async () => {
    world = await startWorld();
    stack = world.stack(FLEET, { config: small });
    world.assertOk(await stack.up());
  });
  after(async () => world?.dispose());

  it("the fixture covers all six kinds, and this version writes a text of at most 600 bytes", () => {
    assert.equal(Object.keys(OLD_PROVIDERS).length, 6);
    for (const text of Object.values(OLD_PROVIDERS)) assert.ok(Buffer.byteLength(text) > 1_900, "0.1.0's texts are the serialized closures");
    for (const text of providerTexts(stack)) assert.ok(Buffer.byteLength(text) <= 600, `${Buffer.byteLength(text)} bytes`);
  });

  it("refresh reads every resource through 0.1.0's provider text", async () => {
    assert.equal(writeAs010(stack), 9);
    const result = await stack.refresh();
    world.assertOk(result);
    assert.equal(result.steps.filter((s) => s.op === "refresh").length, 9);
    assert.equal(stack.readState().resources.filter((r) => r.custom).length, 9);
    await assertCloudMatchesState(world, [stack]);
  });

  it("an up that renames and replaces deletes the old objects through 0.1.0's text and writes the new one", async () => {
    writeAs010(stack);
    const before = await world.emulator.control.counts();
    stack.setConfig("suffix", "-v2");
    const result = await stack.up();
    world.assertOk(result);
    // The new suffix renames the Direct Connect connections in place and replaces the cross-cluster connections (a new
    // alias), whose accepters follow their connection's new id.
    const ops = result.steps.map((s) => `${s.name} ${s.op}`).join(", ");
    assert.equal(result.steps.filter((s) => s.op === "replace").length, 4, ops);
    assert.ok(result.steps.some((s) => s.op === "update"), ops);
    await assertCloudMatchesState(world, [stack]);
    const deletes = Object.entries(await world.countsSince(before)).filter(([operation]) => /Delete|Detach/.test(operation));
    assert.ok(deletes.length > 0, "the old objects were deleted");
    // What was made or changed now carries the new text; a resource the up left alone keeps the one it had (as any
    // engine "same" step keeps the old outputs), which keeps working.
    const changed = new Set(result.steps.filter((s) => s.op === "replace" || s.op === "update").map((s) => s.name));
    for (const resource of stack.readState().resources.filter((r) => changed.has(r.name))) {
      assert.ok(!Object.values(OLD_PROVIDERS).includes(String(resource.outputs.__provider)), `${resource.name} holds the new text`);
    }
  });

  it("destroy deletes everything through 0.1.0's text: nothing left in AWS or in state", async () => {
    writeAs010(stack);
    const result = await stack.destroy();
    world.assertOk(result);
    assert.deepEqual(stack.readState().resources, []);
    await assertCloudMatchesState(world, [stack]);
  });
});
