import { strict as assert } from "assert";
import * as provider from "../../provider";
import { PARTNER, directWorld, type DirectWorld } from "../support/crosscluster";

/**
 * Init errors advise what fixes them. An error that a plain `pulumi up` resumes (here: the remote owner's role refuses
 * the external id, so the accept after the create fails) says so, and never to replace: replacing would delete and
 * re-make a connection that works. Following the advice as written (fix the input, run `up`: the engine updates a
 * resource with init errors) ends ACTIVE, with the same connection. Called through the provider entry.
 */
const ROLE = `arn:aws:iam::${PARTNER.accountId}:role/connections-admin-external`;
const INPUTS = {
  localDomain: { domainName: "app-logs" },
  remoteDomain: { domainName: "partner-logs", ownerId: PARTNER.accountId },
  connectionAlias: "advice",
};

describe("init-error advice (provider entry, emulator)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => world?.dispose());

  it("a refused accept after the create advises a plain `pulumi up`, which then finishes with the same connection", async () => {
    const wrong = { ...INPUTS, acceptWith: { roleArn: ROLE, externalId: "not-the-external-id" } };
    const error = await provider.create("opensearch:OutboundConnection", wrong).then(
      () => assert.fail("the accept cannot succeed with a wrong external id"),
      (e: Error & { id?: string; properties?: Record<string, unknown> }) => e,
    );
    assert.equal(error.name, "ResourceInitError");
    assert.match(error.message, /run `pulumi up`: it resumes the create \(no replacement needed\)/);
    assert.doesNotMatch(error.message, /--replace|replace it/);
    assert.doesNotMatch(error.message, /not-the-external-id/);

    const fixed = { ...INPUTS, acceptWith: { roleArn: ROLE, externalId: "pulumi-aws-connections-test" } };
    const { outs } = await provider.update("opensearch:OutboundConnection", error.id!, error.properties!, fixed);
    assert.equal(outs.status, "ACTIVE");
    assert.equal(outs.connectionId, error.id);
  });
});
