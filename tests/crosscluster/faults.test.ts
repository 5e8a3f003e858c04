import { strict as assert } from "assert";
import type { FaultSpec } from "../../emulator";
import * as provider from "../../provider";
import {
  ES_PAIR_EXAMPLE,
  OS_SAME_ACCOUNT_EXAMPLE,
  EXTERNAL_ID,
  PARTNER,
  PARTNER_ROLE,
  connectionById,
  directWorld,
  liveConnections,
  stackWorld,
  type DirectWorld,
  type Family,
  type StackWorld,
} from "../support/crosscluster";

/**
 * Throttling bursts, server errors before the operation runs, and lost responses (the operation ran in AWS, the answer
 * did not arrive: a 5xx or a dropped connection after it) during every step of a cross-cluster connection's life, on
 * both APIs: creating the outbound side, the describes behind every lookup and wait, accepting, rejecting, deleting the
 * inbound side, deleting the outbound side. Each must end with exactly one connection per resource and, on destroy,
 * nothing live. An error that does surface names the resource, the AWS error code and the request id.
 *
 * Most cases call the provider entry directly (what the dynamic-provider host calls), which keeps them fast; the last
 * ones go through the real Pulumi CLI with the example programs.
 */
interface FamilyCase {
  family: Family;
  service: "Elasticsearch" | "OpenSearch";
  outboundKind: string;
  accepterKind: string;
  ops: { create: string; describeOutbound: string; describeInbound: string; accept: string; reject: string; deleteInbound: string; deleteOutbound: string };
  /** From the primary account's domain to the partner's. */
  outbound(alias: string): Record<string, unknown>;
  /** The status the accepter's create ends with after an accept. */
  accepted: string;
}

const PARTNER_AWS = { roleArn: PARTNER_ROLE, externalId: EXTERNAL_ID };

const FAMILIES: FamilyCase[] = [
  {
    family: "elasticsearch",
    service: "Elasticsearch",
    outboundKind: "elasticsearch:OutboundConnection",
    accepterKind: "elasticsearch:InboundConnectionAccepter",
    ops: {
      create: "CreateOutboundCrossClusterSearchConnection",
      describeOutbound: "DescribeOutboundCrossClusterSearchConnections",
      describeInbound: "DescribeInboundCrossClusterSearchConnections",
      accept: "AcceptInboundCrossClusterSearchConnection",
      reject: "RejectInboundCrossClusterSearchConnection",
      deleteInbound: "DeleteInboundCrossClusterSearchConnection",
      deleteOutbound: "DeleteOutboundCrossClusterSearchConnection",
    },
    outbound: (alias) => ({
      sourceDomain: { domainName: "legacy-search" },
      destinationDomain: { domainName: "partner-legacy", ownerId: PARTNER.accountId },
      connectionAlias: alias,
    }),
    accepted: "APPROVED",
  },
  {
    family: "opensearch",
    service: "OpenSearch",
    outboundKind: "opensearch:OutboundConnection",
    accepterKind: "opensearch:InboundConnectionAccepter",
    ops: {
      create: "CreateOutboundConnection",
      describeOutbound: "DescribeOutboundConnections",
      describeInbound: "DescribeInboundConnections",
      accept: "AcceptInboundConnection",
      reject: "RejectInboundConnection",
      deleteInbound: "DeleteInboundConnection",
      deleteOutbound: "DeleteOutboundConnection",
    },
    outbound: (alias) => ({
      localDomain: { domainName: "app-logs" },
      remoteDomain: { domainName: "partner-logs", ownerId: PARTNER.accountId },
      connectionAlias: alias,
    }),
    accepted: "ACTIVE",
  },
];

/**
 * A burst on one operation: throttling and a 5xx before it runs, then a 5xx after it ran (the response lost). Two
 * throttles, not more: the SDK backs off from throttling by up to 1 s, 2 s, 4 s…, which is real time.
 */
function burst(service: string, operation: string): FaultSpec[] {
  return [
    { kind: "throttle", service, operation, count: 2 },
    { kind: "server-error", service, operation, count: 1 },
    { kind: "server-error", service, operation, count: 1, when: "after" },
  ];
}

describe("cross-cluster connections under faults (provider entry, emulator)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => world?.dispose());

  async function arm(faults: FaultSpec[]): Promise<void> {
    for (const fault of faults) await world.emulator.control.injectFault(fault);
  }

  /**
   * The example's two resources, as the engine drives them: the outbound connection, the partner's answer (through
   * its role), then destroy in reverse order. Asserts one connection for both resources after each create, and
   * nothing live after destroy. Returns the connection id.
   */
  async function pairLifecycle(c: FamilyCase, action: "accept" | "reject", alias = "faulty"): Promise<string> {
    const outbound = await provider.create(c.outboundKind, c.outbound(alias));
    assert.match(outbound.id, /^cc-[a-z0-9]{22}$/);
    assert.equal(outbound.outs.status, "PENDING_ACCEPTANCE");
    assert.deepEqual((await liveConnections(world.emulator, c.family)).map((x) => x.connectionId), [outbound.id], "one connection after the outbound create");

    const answer = await provider.create(c.accepterKind, { connectionId: outbound.id, action, aws: PARTNER_AWS });
    assert.equal(answer.id, outbound.id);
    assert.equal(answer.outs.status, action === "accept" ? c.accepted : "REJECTED");
    const live = await liveConnections(world.emulator, c.family);
    assert.deepEqual(live.map((x) => x.connectionId), [outbound.id], "still one connection after the answer");
    // Stored with OpenSearch codes: the legacy inbound APPROVED stands for APPROVED, PROVISIONING or ACTIVE.
    const expected = action === "reject" ? ["REJECTED"] : c.family === "opensearch" ? ["ACTIVE"] : ["APPROVED", "PROVISIONING", "ACTIVE"];
    assert.ok(expected.includes(live[0].status), `${live[0].status}, expected ${expected.join(" or ")}`);

    await provider.delete(c.accepterKind, answer.id, answer.outs);
    await provider.delete(c.outboundKind, outbound.id, outbound.outs);
    assert.equal((await connectionById(world.emulator, outbound.id)).status, "DELETED");
    assert.deepEqual(await liveConnections(world.emulator, c.family), [], "nothing live after destroy");
    return outbound.id;
  }

  /** Every armed fault was met: the step really ran through them. */
  async function assertFaultsConsumed(): Promise<void> {
    assert.deepEqual(await world.emulator.control.faults(), [], "every injected fault was consumed");
  }

  for (const c of FAMILIES) {
    describe(c.family, () => {
      it("create outbound: throttling and a 5xx, then a lost response (5xx after the create ran): one connection", async () => {
        await arm(burst(c.service, c.ops.create));
        await pairLifecycle(c, "accept");
        await assertFaultsConsumed();
        assert.equal((await world.emulator.control.counts())[`${c.service}.${c.ops.create}`], 4, "two throttled, one 5xx, one lost: four attempts");
        assert.equal((await world.emulator.control.crossClusterConnections()).length, 1, "the lost attempt's connection is the one used; none other was ever made");
      });

      it("create outbound: a dropped connection after the create ran: one connection", async () => {
        await arm([{ kind: "reset", service: c.service, operation: c.ops.create, count: 1, when: "after" }]);
        await pairLifecycle(c, "accept");
        await assertFaultsConsumed();
        assert.equal((await world.emulator.control.crossClusterConnections()).length, 1);
      });

      it("describe/wait: throttling, 5xx and lost responses on both describes", async () => {
        await arm([...burst(c.service, c.ops.describeOutbound), ...burst(c.service, c.ops.describeInbound)]);
        await pairLifecycle(c, "accept");
        await assertFaultsConsumed();
        assert.equal((await world.emulator.control.crossClusterConnections()).length, 1);
      });

      it("accept: throttling, a 5xx, then a lost response (5xx after the accept ran)", async () => {
        await arm(burst(c.service, c.ops.accept));
        await pairLifecycle(c, "accept");
        await assertFaultsConsumed();
      });

      it("accept through acceptWith (the outbound resource accepting as the remote owner): throttling, a 5xx, a lost response", async () => {
        await arm(burst(c.service, c.ops.accept));
        const made = await provider.create(c.outboundKind, { ...c.outbound("accepted-inline"), acceptWith: PARTNER_AWS });
        assert.equal(made.outs.status, "ACTIVE");
        assert.deepEqual((await liveConnections(world.emulator, c.family)).map((x) => x.connectionId), [made.id]);
        await assertFaultsConsumed();
        await provider.delete(c.outboundKind, made.id, made.outs);
        assert.deepEqual(await liveConnections(world.emulator, c.family), []);
      });

      it("reject: throttling, a 5xx, then a lost response (5xx after the reject ran)", async () => {
        await arm(burst(c.service, c.ops.reject));
        await pairLifecycle(c, "reject");
        await assertFaultsConsumed();
      });

      it("reject at destroy (an accepter whose connection is still unanswered): throttling, a 5xx, a lost response", async () => {
        const outbound = await provider.create(c.outboundKind, c.outbound("unanswered"));
        assert.equal((await connectionById(world.emulator, outbound.id)).status, "PENDING_ACCEPTANCE");
        await arm(burst(c.service, c.ops.reject));
        // As recorded in state for an accepter (e.g. one whose connection was set back to pending out of band).
        const recorded = { connectionId: outbound.id, action: "accept", aws: PARTNER_AWS, status: "PENDING_ACCEPTANCE", region: "us-east-1" };
        await provider.delete(c.accepterKind, outbound.id, recorded);
        assert.equal((await connectionById(world.emulator, outbound.id)).status, "REJECTED", "a connection never accepted is rejected, not deleted");
        await provider.delete(c.outboundKind, outbound.id, outbound.outs);
        assert.equal((await connectionById(world.emulator, outbound.id)).status, "DELETED");
        assert.deepEqual(await liveConnections(world.emulator, c.family), []);
        await assertFaultsConsumed();
      });

      it("delete inbound (destroying an accepted pair): throttling, a 5xx, a lost response, a dropped connection", async () => {
        await arm([...burst(c.service, c.ops.deleteInbound), { kind: "reset", service: c.service, operation: c.ops.deleteInbound, count: 1, when: "after" }]);
        await pairLifecycle(c, "accept");
        await assertFaultsConsumed();
      });

      it("delete outbound (destroying a rejected pair): throttling, a 5xx, a lost response, a dropped connection", async () => {
        await arm([...burst(c.service, c.ops.deleteOutbound), { kind: "reset", service: c.service, operation: c.ops.deleteOutbound, count: 1, when: "after" }]);
        await pairLifecycle(c, "reject");
        await assertFaultsConsumed();
      });

      it("100 server errors on create: the error names the resource, the AWS error code and the request id; nothing is left", async () => {
        await arm([{ kind: "server-error", service: c.service, operation: c.ops.create, count: 100 }]);
        const error = await provider.create(c.outboundKind, c.outbound("never-made")).then(
          () => assert.fail("the create should fail"),
          (e: Error & { id?: string }) => e,
        );
        const typeName = c.outboundKind.replace(":", ".");
        assert.match(error.message, new RegExp(`^${typeName.replace(".", "\\.")}: ${c.ops.create} failed: InternalException`));
        assert.match(error.message, /HTTP 500, request id [0-9a-f-]{36}/);
        assert.equal(error.id, undefined, "no id: nothing to keep in state");
        assert.deepEqual(await world.emulator.control.crossClusterConnections(), [], "nothing in AWS");
      });
    });
  }
});

describe("cross-cluster connections under faults (real host, emulator)", function () {
  let world: StackWorld;
  afterEach(async () => world?.dispose());
  const assertOk = (result: { ok: boolean; error?: string }) => assert.ok(result.ok, `operation failed: ${result.error}\n${world.output.join("")}`);

  /** What "one connection per resource" means for a pair: both resources name the one live connection. */
  async function assertOnePerResource(family: Family): Promise<void> {
    const ids = [...new Set(world.resources().map((r) => r.id))];
    assert.equal(world.resources().length, 2);
    assert.deepEqual((await liveConnections(world.emulator, family)).map((c) => c.connectionId), ids);
  }

  for (const [c, example] of [
    [FAMILIES[0], ES_PAIR_EXAMPLE],
    [FAMILIES[1], OS_SAME_ACCOUNT_EXAMPLE],
  ] as const) {
    it(`${c.family}: up and destroy of the example with throttling, 5xx and lost responses on every step`, async () => {
      world = await stackWorld(example);
      const { control } = world.emulator;
      const faults = [
        // A lost create response is met by finding the connection it made; a dropped connection after it (tested
        // above) would then never be met, so it is not armed here.
        ...burst(c.service, c.ops.create),
        ...burst(c.service, c.ops.describeOutbound),
        ...burst(c.service, c.ops.describeInbound),
        // A lost accept response too: the SDK's refused retry is recognised by re-reading the connection.
        ...burst(c.service, c.ops.accept),
        ...burst(c.service, c.ops.deleteInbound),
        { kind: "reset", service: c.service, operation: c.ops.deleteInbound, count: 1, when: "after" },
      ] satisfies FaultSpec[];
      for (const fault of faults) await control.injectFault(fault);
      assertOk(await world.stack.up());
      await assertOnePerResource(c.family);
      assert.equal((await world.emulator.control.crossClusterConnections()).length, 1, "no other connection was ever made");

      assertOk(await world.stack.destroy());
      assert.deepEqual(world.resources(), []);
      assert.deepEqual(await liveConnections(world.emulator, c.family), []);
      assert.deepEqual(await control.faults(), [], "every injected fault was met");
    });
  }

  it("elasticsearch: 100 server errors on create surface naming the resource, the code and the request id; nothing in AWS or state", async () => {
    world = await stackWorld(ES_PAIR_EXAMPLE);
    await world.emulator.control.injectFault({ kind: "server-error", service: "Elasticsearch", operation: "CreateOutboundCrossClusterSearchConnection", count: 100 });
    const up = await world.stack.up();
    assert.equal(up.ok, false);
    const message = up.error ?? "";
    assert.match(message, /elasticsearch\.OutboundConnection "legacy-to-partner": CreateOutboundCrossClusterSearchConnection failed: InternalException/);
    assert.match(message, /request id [0-9a-f-]{36}/);
    assert.deepEqual(world.resources(), []);
    assert.deepEqual(await world.emulator.control.crossClusterConnections(), []);
  });
});
