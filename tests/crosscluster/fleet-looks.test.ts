import { strict as assert } from "assert";
import * as provider from "../../provider";
import { PARTNER, PARTNER_ROLE, EXTERNAL_ID, directWorld, liveConnections, type DirectWorld } from "../support/crosscluster";

/**
 * A fleet of outbound connections with acceptWith, created concurrently in one host (issue 9): the looks a create makes
 * before the connection exists (the alias check, a listing of the local domain's outbound connections) and the remote
 * owner's look before accepting (a Describe of the inbound side) are shared by every create of the fleet when polling
 * is shared, and are one call each per resource with per-resource polling (0.1.0's, the benchmark's baseline).
 * Called through the provider entry, as the dynamic-provider host calls it.
 */
const FLEET = 12;
const KIND = "opensearch:OutboundConnection";

function inputsOf(i: number) {
  return {
    localDomain: { domainName: "app-logs" },
    remoteDomain: { domainName: "partner-logs", ownerId: PARTNER.accountId },
    connectionAlias: `fleet-${i}`,
    acceptWith: { roleArn: PARTNER_ROLE, externalId: EXTERNAL_ID },
  };
}

describe("outbound connections created as a fleet: the alias check and the owner's look are shared (provider entry, emulator)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => {
    delete process.env.PULUMI_AWS_CONNECTIONS_POLLER;
    await world?.dispose();
  });

  async function createFleet(): Promise<Record<string, number>> {
    const made = await Promise.all(Array.from({ length: FLEET }, (_, i) => provider.create(KIND, inputsOf(i))));
    assert.equal(new Set(made.map((m) => m.id)).size, FLEET, "one connection per resource");
    assert.ok(made.every((m) => m.outs.status === "ACTIVE"), `statuses: ${made.map((m) => m.outs.status).join(", ")}`);
    assert.equal((await liveConnections(world.emulator, "opensearch")).length, FLEET);
    return world.emulator.control.counts();
  }

  it("shared polling: a handful of listings and inbound Describes serve the whole fleet, and each connection is made and accepted once", async () => {
    const counts = await createFleet();
    assert.equal(counts["OpenSearch.CreateOutboundConnection"], FLEET);
    assert.equal(counts["OpenSearch.AcceptInboundConnection"], FLEET);
    // Every create starts within one tick, so one listing and one Describe would do; a slow machine may split them.
    assert.ok((counts["OpenSearch.DescribeInboundConnections"] ?? 0) <= 3, `DescribeInboundConnections: ${counts["OpenSearch.DescribeInboundConnections"]}`);
    assert.ok((counts["OpenSearch.DescribeOutboundConnections"] ?? 0) < FLEET, `DescribeOutboundConnections: ${counts["OpenSearch.DescribeOutboundConnections"]}`);
  });

  it("per-resource polling: each create lists the domain and the owner describes the inbound side once each (the baseline)", async () => {
    process.env.PULUMI_AWS_CONNECTIONS_POLLER = "per-resource";
    const counts = await createFleet();
    assert.equal(counts["OpenSearch.CreateOutboundConnection"], FLEET);
    assert.equal(counts["OpenSearch.DescribeInboundConnections"], FLEET);
    assert.ok((counts["OpenSearch.DescribeOutboundConnections"] ?? 0) >= FLEET, `DescribeOutboundConnections: ${counts["OpenSearch.DescribeOutboundConnections"]}`);
  });

  it("shared polling: a listing that keeps failing ends the create at its deadline, naming the operation but not the domain", async () => {
    await world.emulator.control.injectFault({ kind: "server-error", service: "OpenSearch", operation: "DescribeOutboundConnections", count: 10_000 });
    const error = await provider.create(KIND, { ...inputsOf(0), timeouts: { create: "2s" } }).then(
      () => assert.fail("the alias check cannot be made"),
      (e: Error) => e,
    );
    assert.match(error.message, /DescribeOutboundConnections/);
    // A domain name is the user's free text and may be a secret: messages never echo it.
    assert.doesNotMatch(error.message, /app-logs/);
    assert.equal((await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"] ?? 0, 0);
  });

  it("shared polling: a second fleet with the same aliases while the first is live fails on the alias, before any create", async () => {
    await createFleet();
    const before = (await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"];
    const results = await Promise.allSettled(Array.from({ length: FLEET }, (_, i) => provider.create(KIND, inputsOf(i))));
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.match(String((result as PromiseRejectedResult).reason), /already has connection .* with this connectionAlias/);
    }
    assert.equal((await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"], before);
  });
});
