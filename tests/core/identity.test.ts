import { strict as assert } from "assert";
import * as provider from "../../provider";
import { deterministicToken, IDENTITY_KEY, identityOf } from "../../provider/core/identity";

/**
 * The resource identity the SDK classes pass (`__identity`): accepted by check for every kind, never a diff (renaming a
 * stack or project changes nothing in AWS), never an output, and the seed of deterministic create tokens.
 */
const KINDS: { kind: string; inputs: Record<string, unknown> }[] = [
  { kind: "directconnect:Connection", inputs: { location: "EqDC2", bandwidth: "1Gbps", connectionName: "edge" } },
  { kind: "opensearch:OutboundConnection", inputs: { localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "logs" } },
  { kind: "elasticsearch:OutboundConnection", inputs: { sourceDomain: { domainName: "legacy-search" }, destinationDomain: { domainName: "partner-legacy" }, connectionAlias: "legacy" } },
  { kind: "opensearch:InboundConnectionAccepter", inputs: { connectionId: "cc-abcdefghijklmnopqrstuv" } },
  { kind: "elasticsearch:InboundConnectionAccepter", inputs: { connectionId: "cc-abcdefghijklmnopqrstuv" } },
  { kind: "opensearch:DataSourceAttachment", inputs: { applicationId: "logsapp01", dataSourceArn: "arn:aws:es:us-east-1:111111111111:domain/app-logs" } },
];

describe("resource identity (__identity)", () => {
  for (const { kind, inputs } of KINDS) {
    describe(kind, () => {
      const before = { ...inputs, aws: { region: "us-east-1" }, [IDENTITY_KEY]: "organization/shop/dev/x::edge" };
      it("passes check unchanged, with no failure", async () => {
        const checked = (await provider.check(kind, {}, before)) as { inputs: Record<string, unknown>; failures: unknown[] };
        assert.deepEqual(checked.failures, []);
        assert.equal(checked.inputs[IDENTITY_KEY], before[IDENTITY_KEY]);
      });
      it("renaming the stack or the project is no diff", async () => {
        for (const renamed of ["organization/shop/prod/x::edge", "organization/store/dev/x::edge"]) {
          const result = await provider.diff(kind, "the-id", { ...before, region: "us-east-1" }, { ...before, [IDENTITY_KEY]: renamed });
          assert.deepEqual({ changes: result.changes, replaces: result.replaces }, { changes: false, replaces: [] });
        }
      });
    });
  }

  it("is read only when it is a non-empty string (programs of 0.1.0 pass none)", () => {
    assert.equal(identityOf({ [IDENTITY_KEY]: "o/p/s/k::n" }), "o/p/s/k::n");
    assert.equal(identityOf({}), undefined);
    assert.equal(identityOf({ [IDENTITY_KEY]: "" }), undefined);
  });

  it("gives the same token in every process for the same identity and settings, another for any difference", () => {
    const token = deterministicToken("pac-", "o/p/s/k::n", ["us-east-1", "EqDC2", "1Gbps"]);
    assert.equal(token, deterministicToken("pac-", "o/p/s/k::n", ["us-east-1", "EqDC2", "1Gbps"]));
    assert.ok(token.length <= 64);
    const others = [
      deterministicToken("pac-", "o/p/s2/k::n", ["us-east-1", "EqDC2", "1Gbps"]),
      deterministicToken("pac-", "o/p/s/k::n2", ["us-east-1", "EqDC2", "1Gbps"]),
      deterministicToken("pac-", "o/p/s/k::n", ["us-east-1", "CSVA1", "1Gbps"]),
      deterministicToken("pac-", "o/p/s/k::n", ["us-west-2", "EqDC2", "1Gbps"]),
    ];
    assert.equal(new Set([token, ...others]).size, 5);
  });
});
