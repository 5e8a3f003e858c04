import { strict as assert } from "assert";
import type { CliStack } from "../../cli-runner";
import { EXTERNAL_ID, OS_FIXTURES, PARTNER_ID, partnerRole, useOpenSearchWorld, type OpenSearchView } from "../support/opensearch";
import { resourceByName, withId, type World } from "../support/world";

/**
 * opensearch.OutboundConnection whose `acceptWith` cannot reach the remote owner, through the real Pulumi CLI against
 * the emulator: the outbound connection is made before the accept is tried, so every failure must keep it in state
 * with its id (DESIGN: never lose an id; the engine's ErrorResourceInitFailed), say that acceptWith is what failed
 * (never echoing the external id), and leave nothing orphaned: once acceptWith is fixed, the next `pulumi up` accepts
 * that same connection. One stack throughout, each failure an `up` of the resource already in state.
 *
 * Not here: an acceptWith.endpoint that refuses connections. It fails the same way (named acceptWith, id kept), but
 * only after the SDK's own retries of each refused call (10 attempts with backoff), about 50 s even with
 * `timeouts.update: "5s"`: too slow for the suite.
 */
const OUTBOUND = {
  localDomain: { domainName: "app-logs" },
  remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID },
  connectionAlias: "unreachable-owner",
};
const WRONG_EXTERNAL_ID = "not-the-external-id";

describe("opensearch.OutboundConnection: acceptWith that cannot reach the remote owner (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  let stack: CliStack;
  useOpenSearchWorld((w, v) => {
    world = w;
    os = v;
    // The world's own create journal (tests/support/world.ts): no record from another test licenses a takeover.
    stack = w.stack(OS_FIXTURES.connection);
  });

  const configure = (acceptWith: Record<string, unknown>) => stack.setConfig("outbound", JSON.stringify({ ...OUTBOUND, acceptWith }));
  const conn = () => withId(resourceByName(stack.readState().resources, "conn"));
  const accepts = async () => (await world.emulator.control.counts())["OpenSearch.AcceptInboundConnection"] ?? 0;

  /** The failed up kept the connection in state with its id and an init error, and AWS holds it unanswered. */
  async function assertKept(id: string): Promise<void> {
    const kept = conn();
    assert.equal(kept.id, id);
    assert.ok((kept.initErrors ?? []).length > 0, "kept with an init error, so the next up resumes it");
    assert.equal((await os.record(id)).status, "PENDING_ACCEPTANCE");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [id], "one connection, nothing orphaned");
    assert.equal(await accepts(), 0);
  }

  let id = "";
  it("a role that refuses the external id: the create fails naming acceptWith and the role, keeping the connection", async () => {
    configure({ roleArn: partnerRole(), externalId: WRONG_EXTERNAL_ID });
    const failed = await stack.up();
    assert.equal(failed.ok, false);
    const error = failed.error ?? "";
    id = conn().id;
    assert.match(error, /acceptWith could not act as the remote owner: .*AssumeRole of arn:aws:iam::222222222222:role\/connections-admin-external failed: AccessDenied/);
    assert.match(error, /is kept in state so it is not lost; fix the cause if it persists, then run `pulumi up`/);
    // (The CLI's own diff display shows the inputs as given; the provider's message must not repeat them.)
    assert.ok(!error.includes(WRONG_EXTERNAL_ID), "the error does not echo the external id");
    assert.match(id, /^cc-/);
    await assertKept(id);
  });

  it("credentials of an account that does not own the remote domain: says acceptWith must reach the remote domain's owner", async () => {
    configure({ roleArn: "arn:aws:iam::333333333333:role/connections-admin" });
    const failed = await stack.up();
    assert.equal(failed.ok, false);
    assert.match(failed.error ?? "", new RegExp(`\\(${id}\\): the remote owner cannot see the connection: acceptWith must reach the account and region of remoteDomain`));
    await assertKept(id);
  });

  it("fixed, the next up accepts that same connection: ACTIVE, one connection, no init error; destroy deletes it", async () => {
    configure({ roleArn: partnerRole(), externalId: EXTERNAL_ID });
    world.assertOk(await stack.up());
    assert.equal(conn().id, id);
    assert.equal(conn().outputs.status, "ACTIVE");
    assert.equal(conn().initErrors?.length ?? 0, 0);
    assert.equal(await accepts(), 1);
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [id]);
    world.assertOk(await stack.destroy());
    assert.deepEqual(await os.live(), []);
  });
});
