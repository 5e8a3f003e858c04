import { strict as assert } from "assert";
import * as path from "path";
import type { CliStack } from "../../cli-runner";
import { assertCloudMatchesState } from "../support/agreement";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * One stack of 31 resources of all six kinds (tests/fixtures/fleet: 12 Direct Connect connections, 4 OpenSearch and 4
 * Elasticsearch connections each with its accepter, 3 data-source attachments; backups named after their primary's id,
 * accepters fed their connection's id) at the CLI's default parallelism, with throttling injected into every service
 * call of the package: up, refresh and destroy each end with one AWS object per resource, and nothing left behind.
 * (STS is spared: AssumeRole under throttling is another issue's.)
 */
const FLEET = path.join(FIXTURES_DIR, "fleet");
const THROTTLED_SERVICES = ["DirectConnect", "OpenSearch", "Elasticsearch"];

describe("a 31-resource stack of every kind under throttling (real CLI, default parallelism, emulator)", function () {
  this.timeout(600_000);
  let world: World;
  let stack: CliStack;
  before(async () => {
    world = await startWorld();
    stack = world.stack(FLEET);
  });
  after(async () => {
    await world?.dispose();
  });

  const throttle = async (perService: number) => {
    for (const service of THROTTLED_SERVICES) await world.emulator.control.injectFault({ kind: "throttle", service, count: perService });
  };
  const throttledRequests = async () => {
    const counts = await world.emulator.control.counts();
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };

  it("up: every resource created once, in the order its inputs allow", async () => {
    await throttle(12);
    const result = await stack.up();
    world.assertOk(result);
    assert.equal(result.steps.filter((s) => s.op === "create").length, 31);
    assert.deepEqual(await world.emulator.control.faults(), [], "every injected throttle was met");
    await assertCloudMatchesState(world, [stack]);
    assert.equal(stack.readState().resources.length, 31);
    assert.ok((await throttledRequests()) > 0);
  });

  it("refresh: every resource read, nothing drops out", async () => {
    await throttle(12);
    const result = await stack.refresh();
    world.assertOk(result);
    assert.equal(result.steps.filter((s) => s.op === "refresh").length, 31);
    await assertCloudMatchesState(world, [stack]);
    assert.equal(stack.readState().resources.length, 31);
  });

  it("destroy: nothing left in AWS or in state", async () => {
    await throttle(12);
    const result = await stack.destroy();
    world.assertOk(result);
    assert.equal(result.steps.filter((s) => s.op === "delete").length, 31);
    assert.deepEqual(stack.readState().resources, []);
    await assertCloudMatchesState(world, [stack]);
  });
});
