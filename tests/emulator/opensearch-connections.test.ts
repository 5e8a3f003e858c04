import { strict as assert } from "node:assert";
import {
  AcceptInboundConnectionCommand,
  CreateOutboundConnectionCommand,
  DeleteInboundConnectionCommand,
  DeleteOutboundConnectionCommand,
  DescribeInboundConnectionsCommand,
  DescribeOutboundConnectionsCommand,
  RejectInboundConnectionCommand,
  paginateDescribeOutboundConnections,
  type CreateOutboundConnectionCommandInput,
  type Filter,
  type OpenSearchClient,
} from "@aws-sdk/client-opensearch";
import { DEFAULT_CROSS_CLUSTER_TRANSITIONS } from "../../emulator";
import { PARTNER, PRIMARY, THIRD, osClient, rejection, useEmulator } from "./helpers";

const SECOND = 1000;

function domain(DomainName: string, extra: { OwnerId?: string; Region?: string } = {}) {
  return { AWSDomainInformation: { DomainName, ...extra } };
}

/** primary/us-east-1 app-logs (OpenSearch 2.11) → partner/us-east-1 partner-logs (OpenSearch 2.11). */
function request(alias: string, overrides: Partial<CreateOutboundConnectionCommandInput> = {}): CreateOutboundConnectionCommandInput {
  return {
    LocalDomainInfo: domain("app-logs"),
    RemoteDomainInfo: domain("partner-logs", { OwnerId: PARTNER.accountId, Region: "us-east-1" }),
    ConnectionAlias: alias,
    ...overrides,
  };
}

async function outboundStatus(os: OpenSearchClient, id: string): Promise<string | undefined> {
  const out = await os.send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }));
  assert.ok((out.Connections ?? []).length <= 1);
  return out.Connections?.[0]?.ConnectionStatus?.StatusCode;
}

async function inboundStatus(os: OpenSearchClient, id: string): Promise<string | undefined> {
  const out = await os.send(new DescribeInboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }));
  return out.Connections?.[0]?.ConnectionStatus?.StatusCode;
}

async function expectError(call: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  const err = await rejection(call);
  assert.equal(err.name, name, err.message);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.ok(err.$metadata.requestId, "every error carries a request id");
  if (message) assert.match(err.message, message);
}

describe("emulator: OpenSearch cross-cluster connections", function () {
  const emulator = useEmulator({ manualClock: true });
  const primary = (region = "us-east-1") => osClient(emulator(), { account: PRIMARY, region, maxAttempts: 1 });
  const partner = (region = "us-east-1") => osClient(emulator(), { account: PARTNER, region, maxAttempts: 1 });
  const third = () => osClient(emulator(), { account: THIRD, maxAttempts: 1 });
  beforeEach(() => emulator().control.reset());

  /** Creates and lets validation pass (default 5 s). */
  async function pending(alias: string, overrides: Partial<CreateOutboundConnectionCommandInput> = {}, client = primary()): Promise<string> {
    const out = await client.send(new CreateOutboundConnectionCommand(request(alias, overrides)));
    await emulator().control.advance(DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation!);
    return out.ConnectionId!;
  }

  it("creates an outbound connection in VALIDATING, echoing the request with owner and region filled in", async () => {
    const out = await primary().send(new CreateOutboundConnectionCommand(request("to-partner", { RemoteDomainInfo: domain("partner-logs", { OwnerId: PARTNER.accountId }) })));
    assert.match(out.ConnectionId!, /^cc-[a-z0-9]{22}$/);
    assert.ok(out.$metadata.requestId);
    const { $metadata, ConnectionId, ...rest } = out;
    void $metadata;
    void ConnectionId;
    assert.deepEqual(rest, {
      LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs", OwnerId: PRIMARY.accountId, Region: "us-east-1" } },
      RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId, Region: "us-east-1" } },
      ConnectionAlias: "to-partner",
      ConnectionStatus: { StatusCode: "VALIDATING" },
      ConnectionMode: "DIRECT",
      ConnectionProperties: { CrossClusterSearch: { SkipUnavailable: "DISABLED" } },
    });
  });

  it("defaults to timings of seconds to a minute, and keeps DELETED connections", () => {
    assert.deepEqual(DEFAULT_CROSS_CLUSTER_TRANSITIONS, {
      validation: 5 * SECOND,
      approvedToProvisioning: 5 * SECOND,
      provisioningToActive: 60 * SECOND,
      rejectingToRejected: 5 * SECOND,
      deletingToDeleted: 30 * SECOND,
      deletedRetention: null,
    });
  });

  it("validates, waits for acceptance, then provisions: VALIDATING → PENDING_ACCEPTANCE → APPROVED → PROVISIONING → ACTIVE", async () => {
    const control = emulator().control;
    const id = (await primary().send(new CreateOutboundConnectionCommand(request("life")))).ConnectionId!;
    await control.advance(5 * SECOND - 1);
    assert.equal(await outboundStatus(primary(), id), "VALIDATING");
    assert.equal(await inboundStatus(partner(), id), undefined, "the remote owner sees nothing while it validates");
    await control.advance(1);
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE");
    const inbound = (await partner().send(new DescribeInboundConnectionsCommand({}))).Connections;
    assert.deepEqual(inbound, [
      {
        LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs", OwnerId: PRIMARY.accountId, Region: "us-east-1" } },
        RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId, Region: "us-east-1" } },
        ConnectionId: id,
        ConnectionStatus: { StatusCode: "PENDING_ACCEPTANCE" },
        ConnectionMode: "DIRECT",
      },
    ]);
    await control.advance(3600 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE", "it waits for the remote owner indefinitely");

    const accepted = await partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
    assert.equal(accepted.Connection?.ConnectionStatus?.StatusCode, "APPROVED");
    assert.equal(accepted.Connection?.ConnectionId, id);
    assert.equal(await outboundStatus(primary(), id), "APPROVED");
    await control.advance(5 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "PROVISIONING");
    assert.equal(await inboundStatus(partner(), id), "PROVISIONING");
    await control.advance(60 * SECOND - 1);
    assert.equal(await outboundStatus(primary(), id), "PROVISIONING");
    await control.advance(1);
    assert.equal(await outboundStatus(primary(), id), "ACTIVE");
    assert.equal(await inboundStatus(partner(), id), "ACTIVE");
    await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ValidationException", 400, /ACTIVE/);
  });

  it("ages a whole chain in one big step", async () => {
    const id = await pending("chain");
    await partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
    await emulator().control.advance(24 * 3600 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "ACTIVE");
  });

  it("rejects: REJECTING → REJECTED on both sides, and only a pending connection", async () => {
    const id = await pending("rejected");
    const out = await partner().send(new RejectInboundConnectionCommand({ ConnectionId: id }));
    assert.equal(out.Connection?.ConnectionStatus?.StatusCode, "REJECTING");
    assert.equal(await outboundStatus(primary(), id), "REJECTING");
    await emulator().control.advance(5 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "REJECTED");
    assert.equal(await inboundStatus(partner(), id), "REJECTED");
    await expectError(partner().send(new RejectInboundConnectionCommand({ ConnectionId: id })), "ValidationException", 400, /REJECTED/);
    await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ValidationException", 400);
  });

  it("deletes from either side: DELETING → DELETED, which stays listed; deleting again changes nothing", async () => {
    const control = emulator().control;
    const fromLocal = await pending("del-local");
    const fromRemote = await pending("del-remote");
    await partner().send(new AcceptInboundConnectionCommand({ ConnectionId: fromRemote }));
    await control.advance(65 * SECOND);

    const out = await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: fromLocal }));
    assert.equal(out.Connection?.ConnectionStatus?.StatusCode, "DELETING");
    assert.equal(out.Connection?.ConnectionAlias, "del-local");
    const inbound = await partner().send(new DeleteInboundConnectionCommand({ ConnectionId: fromRemote }));
    assert.equal(inbound.Connection?.ConnectionStatus?.StatusCode, "DELETING");
    assert.equal(await outboundStatus(primary(), fromRemote), "DELETING", "the local owner sees the remote's deletion");
    await control.advance(30 * SECOND);
    for (const id of [fromLocal, fromRemote]) {
      assert.equal(await outboundStatus(primary(), id), "DELETED");
      assert.equal(await inboundStatus(partner(), id), "DELETED");
    }
    await control.advance(30 * 24 * 3600 * SECOND);
    assert.equal(await outboundStatus(primary(), fromLocal), "DELETED", "deleted connections stay visible");
    const again = await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: fromLocal }));
    assert.equal(again.Connection?.ConnectionStatus?.StatusCode, "DELETED");
  });

  it("never shows the remote owner a connection deleted while it validated", async () => {
    const id = (await primary().send(new CreateOutboundConnectionCommand(request("early-delete")))).ConnectionId!;
    const out = await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
    assert.equal(out.Connection?.ConnectionStatus?.StatusCode, "DELETING");
    await emulator().control.advance(60 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "DELETED");
    assert.deepEqual((await partner().send(new DescribeInboundConnectionsCommand({}))).Connections, []);
    await expectError(partner().send(new DeleteInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
  });

  it("lets DELETED connections age out when deletedRetention is set", async () => {
    const control = emulator().control;
    await control.setCrossClusterTransitions({ deletedRetention: 60 * SECOND });
    const id = await pending("retained");
    await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
    await control.advance(30 * SECOND + 60 * SECOND - 1);
    assert.equal(await outboundStatus(primary(), id), "DELETED");
    await control.advance(1);
    assert.equal(await outboundStatus(primary(), id), undefined);
    await expectError(primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
  });

  it("needs acceptance even within one account", async () => {
    const id = await pending("same-account", { LocalDomainInfo: domain("analytics"), RemoteDomainInfo: domain("app-logs") });
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE");
    assert.equal(await inboundStatus(primary(), id), "PENDING_ACCEPTANCE", "the same account sees both sides");
    await emulator().control.advance(24 * 3600 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE");
    await primary().send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
    await emulator().control.advance(65 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "ACTIVE");
  });

  it("shows each account only its own side; only the remote owner accepts, rejects or deletes the inbound side", async () => {
    const id = await pending("sides");
    assert.deepEqual((await primary().send(new DescribeInboundConnectionsCommand({}))).Connections, []);
    assert.deepEqual((await partner().send(new DescribeOutboundConnectionsCommand({}))).Connections, []);
    assert.deepEqual((await third().send(new DescribeOutboundConnectionsCommand({}))).Connections, []);
    assert.deepEqual((await third().send(new DescribeInboundConnectionsCommand({}))).Connections, []);
    const notFound = new RegExp(`Connection not found: ${id}`);
    for (const client of [primary(), third()]) {
      await expectError(client.send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      await expectError(client.send(new RejectInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      await expectError(client.send(new DeleteInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409, notFound);
    }
    for (const client of [partner(), third()]) {
      await expectError(client.send(new DeleteOutboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409, notFound);
    }
    await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: "cc-doesnotexist0000" })), "ResourceNotFoundException", 409);
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE", "failed calls changed nothing");
  });

  it("keeps the outbound side in the local region and the inbound side in the remote region", async () => {
    const west = primary("us-west-2");
    const out = await west.send(
      new CreateOutboundConnectionCommand(request("west-to-east", { LocalDomainInfo: domain("app-logs-west"), RemoteDomainInfo: domain("partner-logs", { OwnerId: PARTNER.accountId, Region: "us-east-1" }) })),
    );
    assert.equal(out.LocalDomainInfo?.AWSDomainInformation?.Region, "us-west-2");
    await emulator().control.advance(5 * SECOND);
    const id = out.ConnectionId!;
    assert.equal(await outboundStatus(west, id), "PENDING_ACCEPTANCE");
    assert.equal(await outboundStatus(primary("us-east-1"), id), undefined, "not listed in the primary account's other region");
    assert.equal(await inboundStatus(partner("us-west-2"), id), undefined);
    await expectError(partner("us-west-2").send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
    await partner("us-east-1").send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
    assert.equal(await outboundStatus(west, id), "APPROVED");
  });

  it("fails validation for a missing remote domain, Elasticsearch → OpenSearch, and a source older than its destination", async () => {
    const control = emulator().control;
    const cases: Array<[string, Partial<CreateOutboundConnectionCommandInput>, RegExp]> = [
      ["missing", { RemoteDomainInfo: domain("no-such-domain", { OwnerId: PARTNER.accountId }) }, /Remote domain no-such-domain was not found in account 222222222222 in region us-east-1/],
      ["unknown-owner", { RemoteDomainInfo: domain("partner-logs", { OwnerId: "999999999999" }) }, /not found in account 999999999999/],
      ["wrong-region", { RemoteDomainInfo: domain("partner-logs", { OwnerId: PARTNER.accountId, Region: "eu-west-1" }) }, /in region eu-west-1/],
      ["es-to-os", { LocalDomainInfo: domain("legacy-search") }, /Elasticsearch domain \(Elasticsearch_7\.10\) to an OpenSearch domain \(OpenSearch_2\.11\)/],
      ["older", { LocalDomainInfo: domain("old-metrics") }, /source domain version \(OpenSearch_1\.3\) must be the same as or later than the destination domain version \(OpenSearch_2\.11\)/],
    ];
    const ids: Array<[string, RegExp]> = [];
    for (const [alias, overrides, message] of cases) {
      ids.push([(await primary().send(new CreateOutboundConnectionCommand(request(alias, overrides)))).ConnectionId!, message]);
    }
    const fine = (await primary().send(new CreateOutboundConnectionCommand(request("newer-to-older", { LocalDomainInfo: domain("analytics") })))).ConnectionId!;
    const toLegacy = (await primary().send(new CreateOutboundConnectionCommand(request("os-to-es", { RemoteDomainInfo: domain("partner-legacy", { OwnerId: PARTNER.accountId }) })))).ConnectionId!;
    await control.advance(5 * SECOND);
    for (const [id, message] of ids) {
      const [c] = (await primary().send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }))).Connections!;
      assert.equal(c.ConnectionStatus?.StatusCode, "VALIDATION_FAILED");
      assert.match(c.ConnectionStatus?.Message ?? "", message);
      await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
    }
    assert.equal(await outboundStatus(primary(), fine), "PENDING_ACCEPTANCE", "OpenSearch 2.13 → 2.11 is allowed");
    assert.equal(await outboundStatus(primary(), toLegacy), "PENDING_ACCEPTANCE", "OpenSearch → Elasticsearch 7.10 is allowed");
    const inbound = (await partner().send(new DescribeInboundConnectionsCommand({}))).Connections!.map((c) => c.ConnectionId).sort();
    assert.deepEqual(inbound, [fine, toLegacy].sort(), "a connection that failed validation never reaches the remote owner");
    // A failed connection can be deleted.
    const del = await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: ids[0][0] }));
    assert.equal(del.Connection?.ConnectionStatus?.StatusCode, "DELETING");
  });

  it("requires the local domain in the caller's account and region (ResourceNotFoundException)", async () => {
    const cases: Array<Partial<CreateOutboundConnectionCommandInput>> = [
      { LocalDomainInfo: domain("no-such-domain") },
      { LocalDomainInfo: domain("partner-logs") },
      { LocalDomainInfo: domain("app-logs", { OwnerId: PARTNER.accountId }) },
      { LocalDomainInfo: domain("app-logs", { Region: "us-west-2" }) },
      { LocalDomainInfo: domain("app-logs-west") },
    ];
    for (const overrides of cases) {
      const name = overrides.LocalDomainInfo!.AWSDomainInformation!.DomainName!;
      await expectError(primary().send(new CreateOutboundConnectionCommand(request("x1", overrides))), "ResourceNotFoundException", 409, new RegExp(`Domain not found: ${name}`));
    }
    const explicit = await primary().send(new CreateOutboundConnectionCommand(request("x1", { LocalDomainInfo: domain("app-logs", { OwnerId: PRIMARY.accountId, Region: "us-east-1" }) })));
    assert.equal(explicit.ConnectionStatus?.StatusCode, "VALIDATING");
  });

  it("validates input as the model does (ValidationException)", async () => {
    const long = (n: number) => "a".repeat(n);
    const cases: Array<[string, Partial<CreateOutboundConnectionCommandInput>, RegExp]> = [
      ["short domain name", { RemoteDomainInfo: domain("ab") }, /at 'remoteDomainInfo\.aWSDomainInformation\.domainName'.*length between 3 and 28/],
      ["long domain name", { LocalDomainInfo: domain(long(29)) }, /length between 3 and 28/],
      ["domain name pattern", { RemoteDomainInfo: domain("Upper-case") }, /regular expression pattern: \[a-z\]\[a-z0-9\\-\]\+/],
      ["domain name starting with a digit", { RemoteDomainInfo: domain("1logs") }, /regular expression pattern/],
      ["owner id of 11 digits", { RemoteDomainInfo: domain("partner-logs", { OwnerId: "22222222222" }) }, /ownerId.*length between 12 and 12/],
      ["owner id with letters", { RemoteDomainInfo: domain("partner-logs", { OwnerId: "22222222222x" }) }, /ownerId.*pattern/],
      ["short region", { RemoteDomainInfo: domain("partner-logs", { Region: "us-1" }) }, /region.*length between 5 and 30/],
      ["one-character alias", { ConnectionAlias: "a" }, /connectionAlias.*length between 2 and 100/],
      ["101-character alias", { ConnectionAlias: long(101) }, /length between 2 and 100/],
      ["alias pattern", { ConnectionAlias: "has space" }, /connectionAlias.*pattern/],
      ["alias starting with a digit", { ConnectionAlias: "1alias" }, /pattern/],
      ["connection mode", { ConnectionMode: "PEERING" as "DIRECT" }, /enum value set: \[DIRECT, VPC_ENDPOINT\]/],
      ["skip unavailable", { ConnectionProperties: { CrossClusterSearch: { SkipUnavailable: "MAYBE" as "ENABLED" } } }, /ENABLED, DISABLED/],
      ["VPC_ENDPOINT without endpoint", { ConnectionMode: "VPC_ENDPOINT" }, /Endpoint is required when ConnectionMode is VPC_ENDPOINT/],
      ["DIRECT with endpoint", { ConnectionProperties: { Endpoint: "vpce-1.example.com" } }, /only be specified when ConnectionMode is VPC_ENDPOINT/],
      ["endpoint pattern", { ConnectionMode: "VPC_ENDPOINT", ConnectionProperties: { Endpoint: "https://x/y" } }, /endpoint.*pattern/],
      ["same domain on both sides", { RemoteDomainInfo: domain("app-logs") }, /must be different/],
    ];
    for (const [what, overrides, message] of cases) {
      const err = await rejection(primary().send(new CreateOutboundConnectionCommand(request("valid-alias", overrides))));
      assert.equal(err.name, "ValidationException", `${what}: ${err.message}`);
      assert.equal(err.$metadata.httpStatusCode, 400, what);
      assert.match(err.message, message, what);
    }
    await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: "short" })), "ValidationException", 400, /length between 10 and 256/);
    await expectError(partner().send(new RejectInboundConnectionCommand({ ConnectionId: "CC-UPPERCASE-ID" })), "ValidationException", 400, /pattern/);
    assert.deepEqual(await emulator().control.crossClusterConnections(), [], "nothing was created");
  });

  it("creates VPC_ENDPOINT connections with their endpoint and SkipUnavailable", async () => {
    const out = await primary().send(
      new CreateOutboundConnectionCommand(
        request("via-vpce", {
          LocalDomainInfo: domain("private-logs"),
          ConnectionMode: "VPC_ENDPOINT",
          ConnectionProperties: { Endpoint: "vpce-0abc123.es.us-east-1.vpce.amazonaws.com", CrossClusterSearch: { SkipUnavailable: "ENABLED" } },
        }),
      ),
    );
    assert.equal(out.ConnectionMode, "VPC_ENDPOINT");
    assert.deepEqual(out.ConnectionProperties, { Endpoint: "vpce-0abc123.es.us-east-1.vpce.amazonaws.com", CrossClusterSearch: { SkipUnavailable: "ENABLED" } });
    await emulator().control.advance(5 * SECOND);
    const [listed] = (await primary().send(new DescribeOutboundConnectionsCommand({}))).Connections!;
    assert.deepEqual(listed.ConnectionProperties, out.ConnectionProperties);
    const [inbound] = (await partner().send(new DescribeInboundConnectionsCommand({}))).Connections!;
    assert.equal(inbound.ConnectionMode, "VPC_ENDPOINT");
  });

  it("refuses a second live connection with the same alias on one domain until the first is DELETED or REJECTED", async () => {
    const control = emulator().control;
    const first = await pending("shared-alias");
    await expectError(primary().send(new CreateOutboundConnectionCommand(request("shared-alias"))), "ResourceAlreadyExistsException", 409, /shared-alias/);
    // Another local domain may use the alias; the remote does not matter.
    await primary().send(new CreateOutboundConnectionCommand(request("shared-alias", { LocalDomainInfo: domain("analytics") })));
    await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: first }));
    await expectError(primary().send(new CreateOutboundConnectionCommand(request("shared-alias"))), "ResourceAlreadyExistsException", 409, undefined);
    await control.advance(30 * SECOND);
    const second = await pending("shared-alias");
    await partner().send(new RejectInboundConnectionCommand({ ConnectionId: second }));
    await expectError(primary().send(new CreateOutboundConnectionCommand(request("shared-alias"))), "ResourceAlreadyExistsException", 409);
    await control.advance(5 * SECOND);
    await primary().send(new CreateOutboundConnectionCommand(request("shared-alias")));
    // A failed validation still holds the alias until deleted.
    await primary().send(new CreateOutboundConnectionCommand(request("failed-alias", { RemoteDomainInfo: domain("nothing-here") })));
    await control.advance(5 * SECOND);
    await expectError(primary().send(new CreateOutboundConnectionCommand(request("failed-alias"))), "ResourceAlreadyExistsException", 409);
  });

  it("limits a domain to 20 outbound connections and 20 accepted inbound connections (LimitExceededException)", async () => {
    const control = emulator().control;
    await control.setCrossClusterTransitions({ validation: 0, approvedToProvisioning: 0, provisioningToActive: 0 });
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) ids.push((await primary().send(new CreateOutboundConnectionCommand(request(`out-${i}`)))).ConnectionId!);
    await expectError(primary().send(new CreateOutboundConnectionCommand(request("out-21"))), "LimitExceededException", 409, /maximum of 20 outbound/);
    const extra = (await primary().send(new CreateOutboundConnectionCommand(request("out-21", { LocalDomainInfo: domain("analytics") })))).ConnectionId!;
    for (const id of ids) await partner().send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
    assert.equal(await inboundStatus(partner(), ids[19]), "ACTIVE");
    await expectError(partner().send(new AcceptInboundConnectionCommand({ ConnectionId: extra })), "LimitExceededException", 409, /maximum of 20 inbound/);
    // Deleting frees a place on both sides once DELETED.
    await control.setCrossClusterTransitions({ deletingToDeleted: 0 });
    await partner().send(new DeleteInboundConnectionCommand({ ConnectionId: ids[0] }));
    await partner().send(new AcceptInboundConnectionCommand({ ConnectionId: extra }));
    await primary().send(new CreateOutboundConnectionCommand(request("out-22")));
  });

  it("is retried by the SDK on LimitExceededException, which it counts as throttling", async function () {
    await emulator().control.setCrossClusterTransitions({ validation: 0 });
    for (let i = 1; i <= 20; i++) await primary().send(new CreateOutboundConnectionCommand(request(`r-${i}`)));
    const err = await rejection(osClient(emulator(), { maxAttempts: 2 }).send(new CreateOutboundConnectionCommand(request("r-21"))));
    assert.equal(err.name, "LimitExceededException");
    assert.equal((err.$metadata as { attempts?: number }).attempts, 2);
  });

  describe("filters and pagination", () => {
    /** Five connections from primary (two local domains) to three remotes in two accounts, in creation order. */
    async function seed(): Promise<Record<string, string>> {
      await emulator().control.setCrossClusterTransitions({ validation: 0 });
      const ids: Record<string, string> = {};
      const make = async (alias: string, local: string, remote: string, owner: string) => {
        ids[alias] = (await primary().send(new CreateOutboundConnectionCommand(request(`${alias}-conn`, { LocalDomainInfo: domain(local), RemoteDomainInfo: domain(remote, { OwnerId: owner }) })))).ConnectionId!;
      };
      await make("a", "app-logs", "partner-logs", PARTNER.accountId);
      await make("b", "app-logs", "partner-legacy", PARTNER.accountId);
      await make("c", "analytics", "partner-logs", PARTNER.accountId);
      await make("d", "analytics", "third-logs", THIRD.accountId);
      await make("e", "analytics", "app-logs", PRIMARY.accountId);
      return ids;
    }

    async function aliases(filters: Filter[]): Promise<string[]> {
      const out = await primary().send(new DescribeOutboundConnectionsCommand({ Filters: filters }));
      return names(out.Connections);
    }

    /** The short aliases ("a"…) of connections made by `seed`. */
    function names(connections: Array<{ ConnectionAlias?: string }> | undefined): string[] {
      return (connections ?? []).map((c) => c.ConnectionAlias!.replace(/-conn$/, ""));
    }

    it("filters outbound connections by every documented name; values OR, filters AND", async () => {
      const ids = await seed();
      assert.deepEqual(await aliases([]), ["a", "b", "c", "d", "e"]);
      assert.deepEqual(await aliases([{ Name: "connection-id", Values: [ids.b, ids.d] }]), ["b", "d"]);
      assert.deepEqual(await aliases([{ Name: "remote-domain-info.domain-name", Values: ["partner-logs"] }]), ["a", "c"]);
      assert.deepEqual(await aliases([{ Name: "remote-domain-info.owner-id", Values: [PARTNER.accountId, THIRD.accountId] }]), ["a", "b", "c", "d"]);
      assert.deepEqual(await aliases([{ Name: "remote-domain-info.region", Values: ["us-east-1"] }]), ["a", "b", "c", "d", "e"]);
      assert.deepEqual(await aliases([{ Name: "remote-domain-info.region", Values: ["eu-west-1"] }]), []);
      assert.deepEqual(await aliases([{ Name: "local-domain-info.domain-name", Values: ["analytics"] }]), ["c", "d", "e"]);
      assert.deepEqual(
        await aliases([
          { Name: "local-domain-info.domain-name", Values: ["analytics"] },
          { Name: "remote-domain-info.owner-id", Values: [PARTNER.accountId] },
        ]),
        ["c"],
      );
    });

    it("filters inbound connections by the mirrored names", async () => {
      const ids = await seed();
      const inboundIds = async (filters: Filter[]) =>
        ((await partner().send(new DescribeInboundConnectionsCommand({ Filters: filters }))).Connections ?? []).map((c) => c.ConnectionId!);
      assert.deepEqual(await inboundIds([]), [ids.a, ids.b, ids.c]);
      assert.deepEqual(await inboundIds([{ Name: "connection-id", Values: [ids.c] }]), [ids.c]);
      assert.deepEqual(await inboundIds([{ Name: "local-domain-info.domain-name", Values: ["app-logs"] }]), [ids.a, ids.b]);
      assert.deepEqual(await inboundIds([{ Name: "local-domain-info.owner-id", Values: [PRIMARY.accountId] }]), [ids.a, ids.b, ids.c]);
      assert.deepEqual(await inboundIds([{ Name: "local-domain-info.region", Values: ["us-west-2"] }]), []);
      assert.deepEqual(await inboundIds([{ Name: "remote-domain-info.domain-name", Values: ["partner-legacy"] }]), [ids.b]);
      await expectError(
        partner().send(new DescribeInboundConnectionsCommand({ Filters: [{ Name: "remote-domain-info.owner-id", Values: [PARTNER.accountId] }] })),
        "ValidationException",
        400,
        /remote-domain-info\.owner-id is not valid/,
      );
    });

    it("rejects unknown filter names, empty values and MaxResults above 100", async () => {
      await expectError(primary().send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "status", Values: ["ACTIVE"] }] })), "ValidationException", 400, /Filter name status is not valid/);
      await expectError(
        primary().send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "local-domain-info.owner-id", Values: [PRIMARY.accountId] }] })),
        "ValidationException",
        400,
      );
      await expectError(primary().send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [] }] })), "ValidationException", 400, /at least one value/);
      await expectError(primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 101 })), "ValidationException", 400, /less than or equal to 100/);
      await expectError(primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 0 })), "ValidationException", 400);
      await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 100 }));
    });

    it("pages with MaxResults and NextToken in creation order, stable across changes between pages", async () => {
      const ids = await seed();
      const first = await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 2 }));
      assert.deepEqual(names(first.Connections), ["a", "b"]);
      assert.ok(first.NextToken);
      await primary().send(new DeleteOutboundConnectionCommand({ ConnectionId: ids.a })); // changes before page 2 do not shift it
      const second = await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 2, NextToken: first.NextToken }));
      assert.deepEqual(names(second.Connections), ["c", "d"]);
      const third = await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 2, NextToken: second.NextToken }));
      assert.deepEqual(names(third.Connections), ["e"]);
      assert.equal(third.NextToken, undefined);
      const filtered = await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 1, Filters: [{ Name: "local-domain-info.domain-name", Values: ["analytics"] }] }));
      assert.deepEqual(names(filtered.Connections), ["c"]);

      const all: string[] = [];
      for await (const page of paginateDescribeOutboundConnections({ client: primary(), pageSize: 2 }, {})) {
        all.push(...names(page.Connections));
      }
      assert.deepEqual(all, ["a", "b", "c", "d", "e"], "the SDK paginator walks every page");
    });

    it("answers a foreign or malformed NextToken with InvalidPaginationTokenException", async () => {
      await seed();
      const first = await primary().send(new DescribeOutboundConnectionsCommand({ MaxResults: 1 }));
      await expectError(partner().send(new DescribeOutboundConnectionsCommand({ NextToken: first.NextToken })), "InvalidPaginationTokenException", 400);
      await expectError(primary().send(new DescribeInboundConnectionsCommand({ NextToken: first.NextToken })), "InvalidPaginationTokenException", 400);
      await expectError(primary("us-west-2").send(new DescribeOutboundConnectionsCommand({ NextToken: first.NextToken })), "InvalidPaginationTokenException", 400);
      await expectError(primary().send(new DescribeOutboundConnectionsCommand({ NextToken: "not-a-token" })), "InvalidPaginationTokenException", 400);
    });
  });
});
