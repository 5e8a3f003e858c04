import { strict as assert } from "assert";
import * as path from "path";
import type { CliStack } from "../../cli-runner";
import { assertCloudMatchesState } from "../support/agreement";
import { assertAllSame, FIXTURES_DIR, resourceOf, startWorld, withId, type World } from "../support/world";

/**
 * `pulumi up --replace <urn>` of each of the six resource kinds through the real CLI. The engine does not ask the
 * provider's diff then: the replacement is create-before-delete unless the resource asks for delete-before-replace, so
 * kinds whose old and new objects cannot coexist (one attachment per application and data source, one answer per
 * connection, one alias per domain pair) must come out right anyway: exactly one live object per resource afterwards.
 */
const FLEET = path.join(FIXTURES_DIR, "fleet");

interface ReplaceCase {
  kind: string;
  type: string;
  name: string;
  /** Whether the replacement is a new AWS object (a new id) or the same one answered or attached again. */
  newId: boolean;
}

const CASES: ReplaceCase[] = [
  // The same settings give the same create token: the replacement takes the resource's own port over (marked, so the
  // old resource's delete leaves it), as a create interrupted by a crash must (README, "Crash and fault matrix").
  { kind: "directconnect.Connection", type: "directconnect:Connection", name: "dx-0", newId: false },
  { kind: "opensearch.OutboundConnection", type: "opensearch:OutboundConnection", name: "os-0", newId: true },
  { kind: "opensearch.InboundConnectionAccepter", type: "opensearch:InboundConnectionAccepter", name: "os-0", newId: false },
  { kind: "elasticsearch.OutboundConnection", type: "elasticsearch:OutboundConnection", name: "es-0", newId: true },
  { kind: "elasticsearch.InboundConnectionAccepter", type: "elasticsearch:InboundConnectionAccepter", name: "es-0", newId: false },
  { kind: "opensearch.DataSourceAttachment", type: "opensearch:DataSourceAttachment", name: "attach-0", newId: false },
];

describe("pulumi up --replace of every resource kind (real CLI, emulator)", function () {
  let world: World;
  let stack: CliStack;
  before(async () => {
    world = await startWorld();
    stack = world.stack(FLEET, { config: { dxPairs: "1", osPairs: "1", esPairs: "1" } });
    world.assertOk(await stack.up());
    await assertCloudMatchesState(world, [stack]);
  });
  after(async () => {
    if (stack) world.assertOk(await stack.destroy());
    await world?.dispose();
  });

  for (const c of CASES) {
    it(`${c.kind}: one live object afterwards, ${c.newId ? "a new one" : "the same one"}`, async () => {
      const before = withId(resourceOf(stack.readState().resources, c.type, c.name));
      const result = await stack.upWith(["--replace", before.urn]);
      world.assertOk(result);
      const replaced = result.steps.filter((s) => s.urn === before.urn && !s.physical);
      assert.deepEqual(replaced.map((s) => s.op), ["replace"], world.tail());
      const after = withId(resourceOf(stack.readState().resources, c.type, c.name));
      if (c.newId) assert.notEqual(after.id, before.id);
      else assert.equal(after.id, before.id);
      await assertCloudMatchesState(world, [stack]);
      // Nothing else needed a change.
      const second = await stack.up();
      world.assertOk(second);
      assertAllSame(second.steps, stack.readState().resources);
    });
  }
});
