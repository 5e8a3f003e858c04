import { strict as assert } from "assert";
import * as path from "path";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * Through the real CLI and language host: a program whose inputs come from a JSON config file with a "__proto__" key
 * (tests/fixtures/proto-keys) fails at preview, naming the field, without printing the value, and AWS is never called
 * (sdk/core/proto-keys.ts).
 */
describe("a __proto__ key from a JSON config file, through the real CLI (emulator)", function () {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => world?.dispose());

  it("preview fails naming localDomain.__proto__ and the rule; nothing reaches AWS", async () => {
    const stack = world.stack(path.join(FIXTURES_DIR, "proto-keys"));
    const preview = await stack.preview();
    assert.equal(preview.ok, false, "the program must fail");
    const printed = world.output.join("");
    assert.match(printed, /opensearch\.OutboundConnection "logs": localDomain\.__proto__: .*cannot carry a key named "__proto__"/);
    assert.ok(!printed.includes("999999999999"), "the value is not printed");
    assert.deepEqual(await world.emulator.control.log(), [], "nothing reached AWS");
  });
});
