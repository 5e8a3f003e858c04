import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HOST_HEAP_VARIABLE } from "../../provider/core/host-heap";
import { hostHeapOutcomesIn } from "../support/trace";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * PULUMI_AWS_CONNECTIONS_HOST_HEAP in the real provider host (provider/core/host-heap.ts, issue 9): a value it does not
 * know stops every operation before any AWS call, with an error that names the variable and not the value; "v8-default"
 * leaves V8's sizing alone and the stack works as usual. (That the default applies in the real host is checked by
 * tests/engine/fleet.test.ts, through the provider's trace.)
 */
const TAGGED = path.join(FIXTURES_DIR, "directconnect", "tagged");

describe("the provider host's heap setting through the real CLI (emulator)", function () {
  let world: World;
  let traceDir: string;
  before(async () => {
    traceDir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-host-heap-"));
    world = await startWorld();
  });
  after(async () => {
    await world?.dispose();
    if (traceDir) fs.rmSync(traceDir, { recursive: true, force: true });
  });

  const awsCalls = async () => Object.entries(await world.emulator.control.counts()).filter(([op]) => !op.startsWith("STS."));

  it("an unknown value fails the preview, naming the variable and the rule, before any AWS call", async () => {
    const stack = world.stack(TAGGED, { env: { [HOST_HEAP_VARIABLE]: "s3cret-looking-value" } });
    const result = await stack.up();
    assert.equal(result.ok, false);
    assert.match(result.text, /PULUMI_AWS_CONNECTIONS_HOST_HEAP: must be "small-young-generation" \(the default\) or "v8-default"/);
    assert.ok(!result.text.includes("s3cret-looking-value"), "the value is not echoed");
    assert.deepEqual(await awsCalls(), []);
    assert.deepEqual(fs.existsSync(stack.stateFile) ? stack.readState().resources.filter((r) => r.type.includes("dynamic")) : [], []);
  });

  it('"v8-default": the host leaves V8 alone and the stack is created and destroyed as usual', async () => {
    const traceFile = path.join(traceDir, "trace.jsonl");
    const stack = world.stack(TAGGED, { env: { [HOST_HEAP_VARIABLE]: "v8-default", PULUMI_AWS_CONNECTIONS_TRACE: traceFile } });
    world.assertOk(await stack.up());
    world.assertOk(await stack.destroy());
    const outcomes = hostHeapOutcomesIn(traceFile);
    assert.ok(outcomes.length >= 2, "a host per command");
    assert.deepEqual([...new Set(outcomes)], ["opted-out"]);
  });
});
