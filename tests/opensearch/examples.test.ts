import { strict as assert } from "assert";
import { UNKNOWN } from "../../cli-runner";
import { OS_EXAMPLES, PARTNER_ID, PRIMARY_ID, useOpenSearchWorld, type OpenSearchView } from "../support/opensearch";
import { resourceOf, withId, type World } from "../support/world";

/**
 * The four OpenSearch examples, each driven by its own (default) config as a user would run it, through the real
 * Pulumi CLI against the emulator: preview, up, a second up that changes nothing,
 * refresh and destroy. The emulator's view is read through the unmodified @aws-sdk/client-opensearch with the test
 * accounts' keys, and through its control API.
 */
const OUTBOUND = "opensearch:OutboundConnection";
const ACCEPTER = "opensearch:InboundConnectionAccepter";

interface ExampleCase {
  title: string;
  dir: string;
  /** Resource names in the program. */
  outbound: string;
  accepter?: string;
  /** The example's default connectionAlias. */
  alias: string;
  /** The outbound resource's `status` output right after `up` (its create ends before an accepter answers). */
  outboundStatusAfterUp: string;
  /** The connection's status in AWS once `up` is done, and the outbound output after a refresh. */
  finalStatus: string;
  /** The accepter's `status` output after `up`. */
  accepterStatus?: string;
  /** Who sees the inbound side: the remote domain's owner, in the remote domain's region. */
  remote: { account: string; ownerId: string; region: string; domainName: string };
  local: { domainName: string };
  /** The stack's exports after `up`, besides connectionId. */
  exports: Record<string, string>;
}

const CASES: ExampleCase[] = [
  {
    title: "opensearch-same-account (outbound + accepter in one account and region)",
    dir: OS_EXAMPLES.sameAccount,
    alias: "analytics-to-logs",
    outbound: "analytics-to-logs",
    accepter: "analytics-to-logs",
    outboundStatusAfterUp: "PENDING_ACCEPTANCE",
    finalStatus: "ACTIVE",
    accepterStatus: "ACTIVE",
    remote: { account: "primary", ownerId: PRIMARY_ID, region: "us-east-1", domainName: "app-logs" },
    local: { domainName: "analytics" },
    exports: { outboundStatus: "PENDING_ACCEPTANCE", inboundStatus: "ACTIVE" },
  },
  {
    title: "opensearch-cross-account (acceptWith through the partner's role)",
    dir: OS_EXAMPLES.crossAccount,
    alias: "logs-to-partner",
    outbound: "logs-to-partner",
    outboundStatusAfterUp: "ACTIVE",
    finalStatus: "ACTIVE",
    remote: { account: "partner", ownerId: PARTNER_ID, region: "us-east-1", domainName: "partner-logs" },
    local: { domainName: "app-logs" },
    exports: { status: "ACTIVE" },
  },
  {
    title: "opensearch-cross-region (acceptWith in the remote domain's region)",
    dir: OS_EXAMPLES.crossRegion,
    alias: "east-to-west",
    outbound: "east-to-west",
    outboundStatusAfterUp: "ACTIVE",
    finalStatus: "ACTIVE",
    remote: { account: "primary", ownerId: PRIMARY_ID, region: "us-west-2", domainName: "app-logs-west" },
    local: { domainName: "app-logs" },
    exports: { status: "ACTIVE" },
  },
  {
    title: "opensearch-reject (the partner's accepter says no)",
    dir: OS_EXAMPLES.reject,
    alias: "unwanted-request",
    outbound: "unwanted",
    accepter: "unwanted",
    outboundStatusAfterUp: "PENDING_ACCEPTANCE",
    finalStatus: "REJECTED",
    accepterStatus: "REJECTED",
    remote: { account: "partner", ownerId: PARTNER_ID, region: "us-east-1", domainName: "partner-logs" },
    local: { domainName: "app-logs" },
    exports: { answer: "REJECTED" },
  },
];

describe("OpenSearch examples through the real CLI (emulator)", function () {
  this.timeout(120_000);
  let world: World;
  let os: OpenSearchView;
  useOpenSearchWorld((w, v) => ((world = w), (os = v)));

  for (const example of CASES) {
    describe(example.title, () => {
      let stack: ReturnType<World["stack"]>;
      before(() => {
        stack = world.stack(example.dir);
      });
      const state = () => stack.readState();
      const dynamicSteps = (steps: { type: string; name: string; op: string; physical?: string }[]) =>
        steps.filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/") && !s.physical).map((s) => [s.type.split("/")[1], s.name, s.op]);
      const planned = [[OUTBOUND, example.outbound, "create"], ...(example.accepter ? [[ACCEPTER, example.accepter, "create"]] : [])];
      let connectionId = "";

      it("preview plans the creates with the connection id unknown, and calls AWS not at all", async () => {
        const before = await world.emulator.control.counts();
        const mark = world.output.length;
        const result = await stack.preview();
        world.assertOk(result);
        assert.deepEqual(dynamicSteps(result.steps), planned);
        assert.equal(result.outputs.connectionId, UNKNOWN);
        if (example.accepter) {
          // The accepter's own input is the outbound connection's id: unknown until the connection exists.
          const printed = world.output.slice(mark).join("");
          const accepterBlock = printed.slice(printed.indexOf(`opensearch:InboundConnectionAccepter::${example.accepter}]`));
          assert.match(accepterBlock, /^\s+connectionId\s*: \[unknown\]$/m, printed);
        }
        assert.deepEqual(await world.countsSince(before), {});
        assert.equal(state().resources.length, 0, "a preview writes no state");
      });

      it(`up makes the connection: ${example.accepter ? `the accepter ends ${example.accepterStatus}` : "the outbound side ends ACTIVE through acceptWith"}`, async () => {
        const since = Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
        const result = await stack.up();
        world.assertOk(result);
        assert.deepEqual(dynamicSteps(result.steps), planned.map(([type, name]) => [type, name, "create"]));
        // Answered once, by the remote domain's owner, in the remote domain's region (acceptWith or the accepter).
        const answers = (await world.emulator.control.log()).filter(
          (e) => e.seq > since && e.status === 200 && (e.operation === "AcceptInboundConnection" || e.operation === "RejectInboundConnection"),
        );
        assert.deepEqual(answers.map((e) => [e.operation, e.accountId, e.region]), [
          [example.finalStatus === "REJECTED" ? "RejectInboundConnection" : "AcceptInboundConnection", example.remote.ownerId, example.remote.region],
        ]);
        const outbound = withId(resourceOf(state().resources, OUTBOUND, example.outbound));
        connectionId = outbound.id;
        assert.match(connectionId, /^cc-[a-z0-9]{22}$/);
        assert.equal(outbound.outputs.connectionId, connectionId);
        assert.equal(outbound.outputs.status, example.outboundStatusAfterUp);
        assert.equal(outbound.outputs.region, "us-east-1");
        assert.deepEqual(result.outputs, { connectionId, ...example.exports });
        if (example.accepter) {
          const accepter = withId(resourceOf(state().resources, ACCEPTER, example.accepter));
          assert.equal(accepter.id, connectionId, "the accepter's id is the connection's");
          assert.equal(accepter.outputs.status, example.accepterStatus);
          assert.equal(accepter.outputs.region, example.remote.region);
          assert.deepEqual(accepter.outputs.remoteDomain, { domainName: example.remote.domainName, ownerId: example.remote.ownerId, region: example.remote.region });
          assert.deepEqual(accepter.outputs.localDomain, { domainName: example.local.domainName, ownerId: PRIMARY_ID, region: "us-east-1" });
        }
        // AWS's view, through the SDK: the owner's outbound side and the remote owner's inbound side.
        const seen = await os.outbound(connectionId);
        assert.equal(seen?.ConnectionStatus?.StatusCode, example.finalStatus);
        assert.equal(seen?.LocalDomainInfo?.AWSDomainInformation?.DomainName, example.local.domainName);
        assert.deepEqual(seen?.RemoteDomainInfo?.AWSDomainInformation, { OwnerId: example.remote.ownerId, DomainName: example.remote.domainName, Region: example.remote.region });
        const inbound = await os.inbound(connectionId, example.remote.account, example.remote.region);
        assert.equal(inbound?.ConnectionStatus?.StatusCode, example.finalStatus);
        assert.equal((await os.record(connectionId)).connectionAlias, example.alias);
      });

      it("a second up with no change is a no-op in AWS", async () => {
        const before = await world.emulator.control.counts();
        const result = await stack.up();
        world.assertOk(result);
        assert.deepEqual(dynamicSteps(result.steps), planned.map(([type, name]) => [type, name, "same"]));
        assert.deepEqual(await os.mutationsSince(before), {});
        assert.equal(withId(resourceOf(state().resources, OUTBOUND, example.outbound)).id, connectionId);
      });

      it(`refresh keeps everything and records the status AWS reports now (${example.finalStatus})`, async () => {
        const result = await stack.refresh();
        world.assertOk(result);
        assert.equal(result.steps.some((s) => s.op === "read-gone"), false);
        assert.equal(resourceOf(state().resources, OUTBOUND, example.outbound).outputs.status, example.finalStatus);
        if (example.accepter) assert.equal(resourceOf(state().resources, ACCEPTER, example.accepter).outputs.status, example.accepterStatus);
      });

      it("destroy deletes the connection: the emulator shows it DELETED", async () => {
        const result = await stack.destroy();
        world.assertOk(result);
        assert.equal(state().resources.filter((r) => r.custom).length, 0);
        assert.equal((await os.record(connectionId)).status, "DELETED");
        assert.equal((await os.outbound(connectionId))?.ConnectionStatus?.StatusCode, "DELETED");
      });
    });
  }
});
