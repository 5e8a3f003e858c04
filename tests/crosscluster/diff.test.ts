import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { withField } from "../support/diff-table";

/** Every input × {unchanged, changed, unknown}: no update API exists, so whatever names the connection replaces. */
type Expect = "none" | "update" | "replace";
interface Row { field: string; changed: unknown; expect: Expect }

const OUTBOUND = {
  localDomain: { domainName: "logs-east", ownerId: "111111111111", region: "us-east-1" },
  remoteDomain: { domainName: "logs-west", ownerId: "222222222222", region: "us-west-2" },
  connectionAlias: "east-to-west",
  connectionMode: "VPC_ENDPOINT",
  endpoint: "vpc-logs-west.us-west-2.es.amazonaws.com",
  skipUnavailable: "ENABLED",
  acceptWith: { region: "us-west-2", profile: "partner" },
  aws: { region: "us-east-1", profile: "ops" },
  timeouts: { create: "10m" },
};
const OUTBOUND_ROWS: Row[] = [
  { field: "localDomain.domainName", changed: "logs-east2", expect: "replace" },
  { field: "localDomain.ownerId", changed: "333333333333", expect: "replace" },
  { field: "localDomain.region", changed: "us-east-2", expect: "replace" },
  { field: "remoteDomain.domainName", changed: "logs-north", expect: "replace" },
  { field: "remoteDomain.ownerId", changed: "333333333333", expect: "replace" },
  { field: "remoteDomain.region", changed: "eu-west-1", expect: "replace" },
  { field: "connectionAlias", changed: "renamed", expect: "replace" },
  { field: "connectionMode", changed: "DIRECT", expect: "replace" },
  { field: "endpoint", changed: "vpc-other.us-west-2.es.amazonaws.com", expect: "replace" },
  { field: "skipUnavailable", changed: "DISABLED", expect: "replace" },
  { field: "acceptWith.region", changed: "eu-west-1", expect: "update" },
  { field: "acceptWith.profile", changed: "other", expect: "update" },
  { field: "aws.region", changed: "us-east-2", expect: "replace" },
  { field: "aws.profile", changed: "other", expect: "update" },
  { field: "timeouts.create", changed: "1h", expect: "update" },
];

const ACCEPTER = { connectionId: "cc-0123456789", action: "accept", aws: { region: "us-west-2" }, timeouts: { delete: "5m" } };
const ACCEPTER_ROWS: Row[] = [
  { field: "connectionId", changed: "cc-9876543210", expect: "replace" },
  { field: "action", changed: "reject", expect: "replace" },
  { field: "aws.profile", changed: "partner", expect: "update" },
  { field: "timeouts.delete", changed: "20m", expect: "update" },
];

async function classify(kind: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Expect> {
  const result = await provider.diff(kind, "cc-0123456789", { ...olds, __provider: "old", connectionId: "cc-0123456789", status: "ACTIVE" }, { ...news, __provider: "new" });
  if (result.replaces.length > 0) return "replace";
  return result.changes ? "update" : "none";
}

function table(kind: string, base: Record<string, unknown>, rows: Row[]): void {
  it(`${kind}: unchanged → none`, async () => assert.equal(await classify(kind, base, base), "none"));
  for (const row of rows) {
    it(`${kind}: ${row.field} changed → ${row.expect}`, async () => assert.equal(await classify(kind, base, withField(base, row.field, row.changed)), row.expect));
    const unknownExpect = row.expect === "replace" ? "replace" : "update";
    it(`${kind}: ${row.field} unknown → ${unknownExpect}`, async () => assert.equal(await classify(kind, base, withField(base, row.field, UNKNOWN)), unknownExpect));
  }
}

describe("cross-cluster connections diff table", () => {
  table("opensearch:OutboundConnection", OUTBOUND, OUTBOUND_ROWS);
  const { connectionMode: _m, endpoint: _e, skipUnavailable: _s, localDomain, remoteDomain, ...rest } = OUTBOUND;
  const esBase = { ...rest, sourceDomain: localDomain, destinationDomain: remoteDomain };
  const esRows = OUTBOUND_ROWS.filter((r) => !["connectionMode", "endpoint", "skipUnavailable"].includes(r.field)).map((r) => ({
    ...r,
    field: r.field.replace("localDomain", "sourceDomain").replace("remoteDomain", "destinationDomain"),
    changed: r.field === "connectionAlias" ? "renamed2" : r.changed,
  }));
  table("elasticsearch:OutboundConnection", esBase, esRows);
  table("opensearch:InboundConnectionAccepter", ACCEPTER, ACCEPTER_ROWS);
  table("elasticsearch:InboundConnectionAccepter", ACCEPTER, ACCEPTER_ROWS);

  it("a replacement that keeps the alias on the same local domain deletes the old connection first", async () => {
    const result = await provider.diff("opensearch:OutboundConnection", "cc-0123456789", OUTBOUND, withField(OUTBOUND, "remoteDomain.domainName", "logs-north"));
    assert.deepEqual(result, { changes: true, replaces: ["remoteDomain"], deleteBeforeReplace: true });
  });
  it("a replacement with a new alias creates the new connection first", async () => {
    const result = await provider.diff("opensearch:OutboundConnection", "cc-0123456789", OUTBOUND, withField(OUTBOUND, "connectionAlias", "renamed"));
    assert.equal(result.deleteBeforeReplace, false);
  });
  describe("owner and region left for AWS to fill in (recorded as *Resolved outputs)", () => {
    const made = {
      ...OUTBOUND,
      localDomain: { domainName: "logs-east" },
      remoteDomain: { domainName: "logs-west", region: "us-west-2" },
      localDomainResolved: { domainName: "logs-east", ownerId: "111111111111", region: "us-east-1" },
      remoteDomainResolved: { domainName: "logs-west", ownerId: "111111111111", region: "us-west-2" },
    };
    const inputs = { ...OUTBOUND, localDomain: { domainName: "logs-east" }, remoteDomain: { domainName: "logs-west", region: "us-west-2" } };
    const diff = (news: Record<string, unknown>) => provider.diff("opensearch:OutboundConnection", "cc-0123456789", made, news);
    it("writing out the owner and region AWS chose → no change", async () => {
      const result = await diff({ ...inputs, localDomain: { domainName: "logs-east", ownerId: "111111111111", region: "us-east-1" }, remoteDomain: { domainName: "logs-west", ownerId: "111111111111", region: "us-west-2" } });
      assert.equal(result.changes, false);
    });
    it("naming another owner or region → replace", async () => {
      assert.deepEqual((await diff({ ...inputs, localDomain: { domainName: "logs-east", region: "us-east-2" } })).replaces, ["localDomain"]);
      assert.deepEqual((await diff({ ...inputs, remoteDomain: { domainName: "logs-west", region: "us-west-2", ownerId: "222222222222" } })).replaces, ["remoteDomain"]);
    });
    it("a replacement that only writes out the local domain's region keeps delete-before-replace (same domain, same alias)", async () => {
      const result = await diff({ ...inputs, localDomain: { domainName: "logs-east", region: "us-east-1" }, remoteDomain: { domainName: "logs-north" } });
      assert.deepEqual(result, { changes: true, replaces: ["remoteDomain"], deleteBeforeReplace: true });
    });
  });

  it("an unknown remote domain name (preview) predicts a replace", async () => {
    const result = await provider.diff("opensearch:OutboundConnection", "cc-0123456789", OUTBOUND, withField(OUTBOUND, "remoteDomain.domainName", UNKNOWN));
    assert.deepEqual(result.replaces, ["remoteDomain"]);
  });
});
