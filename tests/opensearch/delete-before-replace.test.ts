import { strict as assert } from "assert";
import type { CliStack } from "../../cli-runner";
import { OS_FIXTURES, useOpenSearchWorld, type OpenSearchView } from "../support/opensearch";
import { resourceByName, withId, type World } from "../support/world";

/**
 * The `deleteBeforeReplace: false` resource option on opensearch.OutboundConnection, through the real Pulumi CLI
 * against the emulator. The class makes replacements delete-first by default because AWS allows one live connection
 * per alias on a domain; the option, when set, overrides the provider's diff in the engine (pulumi's
 * pkg/resource/deploy/step_generator.go: `if goal.DeleteBeforeReplace != nil { deleteBeforeReplace = *goal... }`), so:
 *   - a replacement with a new alias is made first, and the old connection deleted after;
 *   - a replacement that keeps the alias cannot be made first: it fails before changing anything, naming the option,
 *     and the old connection stays in AWS and in state (it must not be taken for "an interrupted create" of the
 *     resource and then deleted as the replaced one);
 *   - `pulumi up --replace` with unchanged settings takes the connection over as it is and keeps it (its old half's
 *     delete leaves it alone), as Direct Connect's does;
 *   - without the option, the same alias-keeping replacement deletes first and works.
 */
const OUTBOUND = { localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "dbr-first" };
const TYPE = "pulumi-nodejs:dynamic/opensearch:OutboundConnection";

describe("opensearch.OutboundConnection with deleteBeforeReplace: false (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  let stack: CliStack;
  useOpenSearchWorld((w, v) => {
    world = w;
    os = v;
    // The world's own create journal (tests/support/world.ts): no record from another test licenses a takeover.
    stack = w.stack(OS_FIXTURES.connection);
  });

  const configure = (outbound: Record<string, unknown>, options?: Record<string, unknown>) => {
    stack.setConfig("outbound", JSON.stringify(outbound));
    if (options) stack.setConfig("options", JSON.stringify(options));
    else stack.removeConfig("options");
  };
  const conn = () => withId(resourceByName(stack.readState().resources, "conn"));
  const creates = async () => (await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"] ?? 0;

  let first = "";
  it("a new alias: the replacement is made before the old connection is deleted", async () => {
    configure(OUTBOUND, { deleteBeforeReplace: false });
    world.assertOk(await stack.up());
    first = conn().id;
    configure({ ...OUTBOUND, connectionAlias: "dbr-second" }, { deleteBeforeReplace: false });
    world.assertOk(await stack.up());
    const second = conn().id;
    assert.notEqual(second, first);
    const [old, made] = [await os.record(first), await os.record(second)];
    assert.ok(["DELETING", "DELETED"].includes(old.status), old.status);
    // Emulated times: the old connection entered DELETING only after the new one existed.
    assert.ok(old.statusSince >= made.createdAt, `old deleted at ${old.statusSince}, new made at ${made.createdAt}`);
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [second]);
    first = second;
  });

  it("the same alias (another remote domain): refused before any change, naming the option; the old connection stays in AWS and in state", async () => {
    const before = await creates();
    configure({ ...OUTBOUND, connectionAlias: "dbr-second", remoteDomain: { domainName: "old-metrics" } }, { deleteBeforeReplace: false });
    const refused = await stack.up();
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? "", new RegExp(`already has connection ${first} \\(PENDING_ACCEPTANCE\\) with this connectionAlias, made by an earlier create of this resource with other remoteDomain`));
    assert.match(refused.error ?? "", /Remove the `deleteBeforeReplace: false` resource option/);
    assert.doesNotMatch(refused.error ?? "", /old-metrics|app-logs|dbr-second/, "inputs are named, never quoted");
    assert.equal(await creates(), before, "nothing was created");
    assert.equal(conn().id, first);
    assert.equal(conn().outputs.status, "PENDING_ACCEPTANCE");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [first]);
  });

  it("`pulumi up --replace` with unchanged settings keeps the connection: taken over, and not deleted as the old half", async () => {
    const before = await creates();
    configure({ ...OUTBOUND, connectionAlias: "dbr-second" }, { deleteBeforeReplace: false });
    world.assertOk(await stack.upWith(["--replace", stack.urnOf(TYPE, "conn")]));
    assert.equal(conn().id, first);
    assert.equal(await creates(), before);
    assert.equal((await os.record(first)).status, "PENDING_ACCEPTANCE");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [first]);
  });

  it("without the option the alias-keeping replacement deletes first and works; destroy deletes it", async () => {
    configure({ ...OUTBOUND, connectionAlias: "dbr-second", remoteDomain: { domainName: "old-metrics" } });
    world.assertOk(await stack.up());
    const replaced = conn().id;
    assert.notEqual(replaced, first);
    assert.equal((await os.record(replaced)).remote.domainName, "old-metrics");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [replaced]);
    world.assertOk(await stack.destroy());
    assert.deepEqual(await os.live(), []);
  });
});
