import { strict as assert } from "assert";
import { DEFAULT_CROSS_CLUSTER_TRANSITIONS } from "../../emulator";
import * as provider from "../../provider";
import { PARTNER, connectionById, directWorld, liveConnections, type DirectWorld, type Family } from "../support/crosscluster";

/**
 * A connection that ends REJECTED while its create waits (the remote owner said no as soon as it saw it) fails the
 * create, on both APIs, as VALIDATION_FAILED does: an init error that keeps the id and shows AWS's status message
 * (Terraform counts it as a successful create). Called through the provider entry (what the host calls).
 */
const CASES: Array<{ family: Family; kind: string; inputs: Record<string, unknown> }> = [
  {
    family: "opensearch",
    kind: "opensearch:OutboundConnection",
    inputs: { localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs", ownerId: PARTNER.accountId }, connectionAlias: "said-no" },
  },
  {
    family: "elasticsearch",
    kind: "elasticsearch:OutboundConnection",
    inputs: { sourceDomain: { domainName: "legacy-search" }, destinationDomain: { domainName: "partner-legacy", ownerId: PARTNER.accountId }, connectionAlias: "said-no" },
  },
];

describe("cross-cluster create that ends REJECTED (provider entry, emulator)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => world?.dispose());

  for (const c of CASES) {
    it(`${c.family}: an init error that keeps the id and shows AWS's status message`, async () => {
      const { control } = world.emulator;
      // Validation waits for the test: the connection is made, then answered REJECTED before the create's wait ends.
      await control.setCrossClusterTransitions({ validation: null });
      const creating = provider.create(c.kind, c.inputs).then(
        () => assert.fail("REJECTED must not count as a successful create"),
        (e: Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] }) => e,
      );
      let id: string | undefined;
      const deadline = Date.now() + 120_000;
      while (!id) {
        assert.ok(Date.now() < deadline, "the connection was not made");
        id = (await liveConnections(world.emulator, c.family))[0]?.connectionId;
        if (!id) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const message = "The remote domain owner rejected the connection request.";
      await control.setCrossClusterStatus(id, "REJECTED", message);
      await control.setCrossClusterTransitions({ validation: DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation });
      const error = await creating;
      assert.equal(error.name, "ResourceInitError");
      assert.equal(error.id, id);
      assert.match(error.message, /: it is REJECTED/);
      assert.ok(error.message.includes(message), error.message);
      assert.match(error.message, /is kept in state so it is not lost; fix the cause, then replace it/);
      assert.equal(error.properties?.status, "REJECTED");
      assert.equal(error.properties?.statusMessage, message);
      assert.equal(error.properties?.connectionAlias, "said-no");
      assert.equal((await connectionById(world.emulator, id)).status, "REJECTED");
      // Destroy removes it.
      await provider.delete(c.kind, id, error.properties!);
      assert.equal((await connectionById(world.emulator, id)).status, "DELETED");
    });
  }
});
