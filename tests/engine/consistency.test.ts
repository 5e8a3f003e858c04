import { strict as assert } from "assert";
import * as path from "path";
import { assertCloudMatchesState } from "../support/agreement";
import { FIXTURES_DIR, startWorld, type World } from "../support/world";

/**
 * Eventual consistency through the real CLI: the emulator shows every Describe/List/Get the state as of 30 s ago
 * (emulated; a new object is missing, a changed one shows its previous version), and every kind still creates, updates,
 * replaces and destroys with no failure and no duplicate, also when a create's response is lost on top of it.
 *
 * The emulator's clock runs 100× fast and the provider polls 100× fast too (20–200 ms, for AWS's 2–20 s), so the
 * provider's consistency window (30 of its shortest poll delays: 60 s against AWS) spans 60 emulated seconds here.
 */
const FIXTURE = path.join(FIXTURES_DIR, "crash");
const LAG_MS = 30_000;

describe("eventual consistency: every Describe/List/Get 30 s behind (real CLI, emulator)", function () {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({
      emulator: { timeScale: 100, consistency: { defaultDelayMs: LAG_MS } },
      env: { PULUMI_AWS_CONNECTIONS_POLL_MS: "20,200" },
    });
  });
  afterEach(async () => world?.dispose());

  /** The one-to-one check reads AWS too: it looks once the lag has passed (0.3 s at this clock). */
  async function assertAgreementOnceCaughtUp(stacks: Parameters<typeof assertCloudMatchesState>[1]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, LAG_MS / 100 + 200));
    await assertCloudMatchesState(world, stacks);
  }

  it("every kind: create, update in place, replace and destroy succeed, one object per resource", async () => {
    const stack = world.stack(FIXTURE);
    world.assertOk(await stack.up());
    await assertAgreementOnceCaughtUp([stack]);
    assert.equal(stack.readState().resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length, 6);

    stack.setConfig("name", "crash-renamed");
    world.assertOk(await stack.up());
    await assertAgreementOnceCaughtUp([stack]);

    stack.setConfig("generation", "2");
    world.assertOk(await stack.up());
    await assertAgreementOnceCaughtUp([stack]);

    world.assertOk(await stack.destroy());
    await assertAgreementOnceCaughtUp([stack]);
  });

  it("a create whose response is lost, while lists lag: found, not made twice", async () => {
    const stack = world.stack(FIXTURE, { config: { accepters: "false" } });
    // AWS runs each create; its answer never arrives. The retry may only come after the lag has shown what was made.
    for (const [service, operation] of [
      ["DirectConnect", "CreateConnection"],
      ["OpenSearch", "CreateOutboundConnection"],
      ["Elasticsearch", "CreateOutboundCrossClusterSearchConnection"],
      ["OpenSearch", "AttachDataSource"],
    ]) {
      await world.emulator.control.injectFault({ service, operation, kind: "reset", when: "after", count: 1 });
    }
    world.assertOk(await stack.up());
    await assertAgreementOnceCaughtUp([stack]);
    assert.equal(stack.readState().resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length, 4);
  });
});
