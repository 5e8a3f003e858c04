import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { CliStack } from "../../cli-runner";
import { removeEmptySidecars } from "../support/backend-sidecars";
import { assertAllSame, FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * The repair the README gives for a file:// backend that a kill left failing with "failed to load checkpoint: EOF"
 * (seen in the crash matrix): an empty `<stack>.json.attrs` sidecar is the cause, and deleting it is the whole repair.
 * Reproduced here by emptying the sidecar as the kill would, through the real CLI.
 */
describe("file:// backend: an empty checkpoint sidecar, as a kill leaves it (real CLI, emulator)", function () {
  let world: World;
  let stack: CliStack;
  before(async () => {
    world = await startWorld();
    stack = world.stack(path.join(FIXTURES_DIR, "fleet"), { config: { dxPairs: "1", osPairs: "0", esPairs: "0", attachments: "false" } });
  });
  after(async () => world?.dispose());

  it("fails every command with 'failed to load checkpoint: EOF'; deleting the empty sidecar restores the stack as it was", async () => {
    world.assertOk(await stack.up());
    const before = stack.readState().resources.map((r) => [r.urn, r.id]);
    assert.equal(before.filter(([urn]) => String(urn).includes("directconnect")).length, 2);

    fs.writeFileSync(`${stack.stateFile}.attrs`, "");
    const broken = await stack.cancel();
    assert.notEqual(broken.code, 0);
    assert.match(broken.text, /failed to load checkpoint: EOF/);

    assert.deepEqual(removeEmptySidecars(stack.stateFile), [path.join("stacks", path.basename(path.dirname(stack.stateFile)), `${path.basename(stack.stateFile)}.attrs`)]);
    const repaired = await stack.cancel();
    // Nothing to cancel any more, but the checkpoint loads: the CLI says so instead of failing to read it.
    assert.doesNotMatch(repaired.text, /failed to load checkpoint/);
    assert.deepEqual(stack.readState().resources.map((r) => [r.urn, r.id]), before);
    const up = await stack.up();
    world.assertOk(up);
    assertAllSame(up.steps, stack.readState().resources);
  });
});
