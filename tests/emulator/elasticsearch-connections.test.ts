import { strict as assert } from "node:assert";
import {
  AcceptInboundCrossClusterSearchConnectionCommand,
  CreateOutboundCrossClusterSearchConnectionCommand,
  DeleteInboundCrossClusterSearchConnectionCommand,
  DeleteOutboundCrossClusterSearchConnectionCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  RejectInboundCrossClusterSearchConnectionCommand,
  type CreateOutboundCrossClusterSearchConnectionCommandInput,
  type ElasticsearchServiceClient,
  type Filter,
} from "@aws-sdk/client-elasticsearch-service";
import {
  AcceptInboundConnectionCommand,
  CreateOutboundConnectionCommand,
  DeleteOutboundConnectionCommand,
  DescribeInboundConnectionsCommand,
  DescribeOutboundConnectionsCommand,
} from "@aws-sdk/client-opensearch";
import { PARTNER, PRIMARY, esClient, osClient, rejection, useEmulator } from "./helpers";

const SECOND = 1000;

/** primary/us-east-1 legacy-search (Elasticsearch 7.10) → partner/us-east-1 partner-legacy (Elasticsearch 7.10). */
function request(alias: string, overrides: Partial<CreateOutboundCrossClusterSearchConnectionCommandInput> = {}): CreateOutboundCrossClusterSearchConnectionCommandInput {
  return {
    SourceDomainInfo: { DomainName: "legacy-search" },
    DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId, Region: "us-east-1" },
    ConnectionAlias: alias,
    ...overrides,
  };
}

async function outboundStatus(es: ElasticsearchServiceClient, id: string): Promise<string | undefined> {
  const out = await es.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "cross-cluster-search-connection-id", Values: [id] }] }));
  return out.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode;
}

async function inboundStatus(es: ElasticsearchServiceClient, id: string): Promise<string | undefined> {
  const out = await es.send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "cross-cluster-search-connection-id", Values: [id] }] }));
  return out.CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode;
}

async function expectError(call: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  const err = await rejection(call);
  assert.equal(err.name, name, err.message);
  assert.equal(err.$metadata.httpStatusCode, status);
  if (message) assert.match(err.message, message);
}

describe("emulator: Elasticsearch (legacy API) cross-cluster search connections", function () {
  const emulator = useEmulator({ manualClock: true });
  const primary = () => esClient(emulator(), { account: PRIMARY, maxAttempts: 1 });
  const partner = () => esClient(emulator(), { account: PARTNER, maxAttempts: 1 });
  const osPrimary = () => osClient(emulator(), { account: PRIMARY, maxAttempts: 1 });
  const osPartner = () => osClient(emulator(), { account: PARTNER, maxAttempts: 1 });
  beforeEach(() => emulator().control.reset());

  async function pending(alias: string, overrides: Partial<CreateOutboundCrossClusterSearchConnectionCommandInput> = {}): Promise<string> {
    const out = await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request(alias, overrides)));
    await emulator().control.advance(5 * SECOND);
    return out.CrossClusterSearchConnectionId!;
  }

  it("creates with the flat legacy shapes", async () => {
    const out = await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("legacy", { DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId } })));
    assert.match(out.CrossClusterSearchConnectionId!, /^cc-[a-z0-9]{22}$/);
    const { $metadata, CrossClusterSearchConnectionId, ...rest } = out;
    void $metadata;
    void CrossClusterSearchConnectionId;
    assert.deepEqual(rest, {
      SourceDomainInfo: { DomainName: "legacy-search", OwnerId: PRIMARY.accountId, Region: "us-east-1" },
      DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId, Region: "us-east-1" },
      ConnectionAlias: "legacy",
      ConnectionStatus: { StatusCode: "VALIDATING" },
    });
  });

  it("reports the legacy status codes: outbound PROVISIONING until ACTIVE, inbound APPROVED once accepted", async () => {
    const control = emulator().control;
    const id = await pending("life");
    assert.equal(await outboundStatus(primary(), id), "PENDING_ACCEPTANCE");
    const [inbound] = (await partner().send(new DescribeInboundCrossClusterSearchConnectionsCommand({}))).CrossClusterSearchConnections!;
    assert.deepEqual(inbound, {
      SourceDomainInfo: { DomainName: "legacy-search", OwnerId: PRIMARY.accountId, Region: "us-east-1" },
      DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId, Region: "us-east-1" },
      CrossClusterSearchConnectionId: id,
      ConnectionStatus: { StatusCode: "PENDING_ACCEPTANCE" },
    });
    const accepted = await partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    assert.equal(accepted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, "APPROVED");
    assert.equal(await outboundStatus(primary(), id), "PROVISIONING", "the legacy outbound side has no APPROVED");
    await control.advance(5 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "PROVISIONING");
    assert.equal(await inboundStatus(partner(), id), "APPROVED", "the legacy inbound side has no PROVISIONING");
    await control.advance(60 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "ACTIVE");
    assert.equal(await inboundStatus(partner(), id), "APPROVED", "nor ACTIVE");

    const deleted = await primary().send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    assert.equal(deleted.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, "DELETING");
    assert.equal(deleted.CrossClusterSearchConnection?.ConnectionAlias, "life");
    await control.advance(30 * SECOND);
    assert.equal(await outboundStatus(primary(), id), "DELETED");
    assert.equal(await inboundStatus(partner(), id), "DELETED");
  });

  it("rejects (outbound REJECTED at once, inbound REJECTING → REJECTED) and deletes the inbound side", async () => {
    const id = await pending("rejected");
    const out = await partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    assert.equal(out.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, "REJECTING");
    assert.equal(await outboundStatus(primary(), id), "REJECTED");
    await emulator().control.advance(5 * SECOND);
    assert.equal(await inboundStatus(partner(), id), "REJECTED");

    const other = await pending("deleted-inbound");
    const del = await partner().send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: other }));
    assert.equal(del.CrossClusterSearchConnection?.ConnectionStatus?.StatusCode, "DELETING");
    await expectError(primary().send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: other })), "ResourceNotFoundException", 409);
    await expectError(primary().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: other })), "ResourceNotFoundException", 409);
    await expectError(partner().send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: other })), "ResourceNotFoundException", 409);
  });

  it("answers the error paths of accept, reject and delete as the OpenSearch API does", async () => {
    const id = await pending("answered");
    await partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ValidationException", 400, /cannot be accepted/);
    await expectError(partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ValidationException", 400, /cannot be rejected/);
    const rejected = await pending("refused");
    await partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: rejected }));
    await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: rejected })), "ValidationException", 400, /REJECT/);
    // Well-formed ids that do not exist, on every operation that takes one.
    const unknown = "cc-doesnotexist0000000000";
    await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: unknown })), "ResourceNotFoundException", 409);
    await expectError(partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: unknown })), "ResourceNotFoundException", 409);
    await expectError(partner().send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: unknown })), "ResourceNotFoundException", 409);
    await expectError(primary().send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: unknown })), "ResourceNotFoundException", 409);
    // Malformed ids, as the model constrains them (10–256 characters, lowercase pattern).
    await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: "short" })), "ValidationException", 400, /length between 10 and 256/);
    await expectError(partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: "CC-UPPERCASE-ID" })), "ValidationException", 400, /pattern/);
    await expectError(partner().send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: "short" })), "ValidationException", 400, /length between 10 and 256/);
    await expectError(primary().send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: "CC-UPPERCASE-ID" })), "ValidationException", 400, /pattern/);
    await expectError(primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ NextToken: "not-a-token" })), "InvalidPaginationTokenException", 400);
    await expectError(partner().send(new DescribeInboundCrossClusterSearchConnectionsCommand({ NextToken: "not-a-token" })), "InvalidPaginationTokenException", 400);
  });

  it("limits a destination domain to 20 accepted inbound connections (LimitExceededException on accept)", async () => {
    const control = emulator().control;
    await control.putDomain({ account: "primary", region: "us-east-1", domainName: "legacy-second", engineVersion: "Elasticsearch_7.10" });
    await control.setCrossClusterTransitions({ validation: 0, approvedToProvisioning: 0, provisioningToActive: 0 });
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) ids.push((await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request(`in-${i}`)))).CrossClusterSearchConnectionId!);
    const extra = (await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("in-21", { SourceDomainInfo: { DomainName: "legacy-second" } })))).CrossClusterSearchConnectionId!;
    for (const id of ids) await partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: extra })), "LimitExceededException", 409, /maximum of 20 inbound/);
    assert.equal(await inboundStatus(partner(), extra), "PENDING_ACCEPTANCE");
  });

  it("refuses OpenSearch-engine domains on either side with ValidationException", async () => {
    await expectError(
      primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("os-source", { SourceDomainInfo: { DomainName: "app-logs" } }))),
      "ValidationException",
      400,
      /app-logs runs OpenSearch_2\.11; the Elasticsearch API \(2015-01-01\) supports only Elasticsearch domains/,
    );
    await expectError(
      primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("os-dest", { DestinationDomainInfo: { DomainName: "partner-logs", OwnerId: PARTNER.accountId } }))),
      "ValidationException",
      400,
      /partner-logs runs OpenSearch_2\.11/,
    );
    // The same Elasticsearch domains work through the OpenSearch API.
    const viaOpenSearch = await osPrimary().send(
      new CreateOutboundConnectionCommand({
        LocalDomainInfo: { AWSDomainInformation: { DomainName: "legacy-search" } },
        RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId } },
        ConnectionAlias: "via-opensearch",
      }),
    );
    assert.equal(viaOpenSearch.ConnectionStatus?.StatusCode, "VALIDATING");
  });

  it("fails validation for a missing destination and an older source", async () => {
    await emulator().control.putDomain({ account: "primary", region: "us-east-1", domainName: "es-old", engineVersion: "Elasticsearch_6.8" });
    const missing = (await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("missing", { DestinationDomainInfo: { DomainName: "gone-domain" } })))).CrossClusterSearchConnectionId!;
    const older = (await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("older", { SourceDomainInfo: { DomainName: "es-old" } })))).CrossClusterSearchConnectionId!;
    const newer = (
      await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("newer", { DestinationDomainInfo: { DomainName: "partner-es68", OwnerId: PARTNER.accountId } })))
    ).CrossClusterSearchConnectionId!;
    await emulator().control.advance(5 * SECOND);
    const list = (await primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}))).CrossClusterSearchConnections!;
    const byId = new Map(list.map((c) => [c.CrossClusterSearchConnectionId, c.ConnectionStatus]));
    assert.equal(byId.get(missing)?.StatusCode, "VALIDATION_FAILED");
    assert.match(byId.get(missing)?.Message ?? "", /gone-domain was not found in account 111111111111/);
    assert.equal(byId.get(older)?.StatusCode, "VALIDATION_FAILED");
    assert.match(byId.get(older)?.Message ?? "", /Elasticsearch_6\.8.*Elasticsearch_7\.10/);
    assert.deepEqual(byId.get(newer), { StatusCode: "PENDING_ACCEPTANCE" });
  });

  it("validates input, with aliases of at most 20 characters", async () => {
    const cases: Array<[Partial<CreateOutboundCrossClusterSearchConnectionCommandInput>, RegExp]> = [
      [{ ConnectionAlias: "a".repeat(21) }, /connectionAlias.*length between 2 and 20/],
      [{ ConnectionAlias: "_bad" }, /pattern/],
      [{ SourceDomainInfo: { DomainName: "ab" } }, /sourceDomainInfo\.domainName.*length between 3 and 28/],
      [{ DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: "12" } }, /destinationDomainInfo\.ownerId/],
      [{ DestinationDomainInfo: { DomainName: "partner-legacy", Region: "eu" } }, /destinationDomainInfo\.region/],
    ];
    for (const [overrides, message] of cases) {
      await expectError(primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("valid", overrides))), "ValidationException", 400, message);
    }
    await expectError(
      primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("valid", { SourceDomainInfo: { DomainName: "not-mine" } }))),
      "ResourceNotFoundException",
      409,
      /Domain not found: not-mine/,
    );
    const ok = await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("a".repeat(20))));
    assert.equal(ok.ConnectionAlias, "a".repeat(20));
    await expectError(primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("a".repeat(20)))), "ResourceAlreadyExistsException", 409);
  });

  describe("family isolation", () => {
    it("does not answer a connection made with the OpenSearch API", async () => {
      const control = emulator().control;
      const id = (
        await osPrimary().send(
          new CreateOutboundConnectionCommand({
            LocalDomainInfo: { AWSDomainInformation: { DomainName: "legacy-search" } },
            RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId } },
            ConnectionAlias: "made-by-opensearch",
          }),
        )
      ).ConnectionId!;
      await control.advance(5 * SECOND);
      assert.deepEqual((await primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}))).CrossClusterSearchConnections, []);
      assert.deepEqual((await partner().send(new DescribeInboundCrossClusterSearchConnectionsCommand({}))).CrossClusterSearchConnections, []);
      const notFound = new RegExp(`Connection not found: ${id}`);
      await expectError(partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      await expectError(partner().send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      await expectError(partner().send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      await expectError(primary().send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })), "ResourceNotFoundException", 409, notFound);
      // Its own API still serves it, unchanged.
      const accepted = await osPartner().send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
      assert.equal(accepted.Connection?.ConnectionStatus?.StatusCode, "APPROVED");
    });

    it("does not show a legacy connection through the OpenSearch API", async () => {
      const id = await pending("made-by-legacy");
      assert.deepEqual((await osPrimary().send(new DescribeOutboundConnectionsCommand({}))).Connections, []);
      assert.deepEqual((await osPartner().send(new DescribeInboundConnectionsCommand({}))).Connections, []);
      await expectError(osPartner().send(new AcceptInboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
      await expectError(osPrimary().send(new DeleteOutboundConnectionCommand({ ConnectionId: id })), "ResourceNotFoundException", 409);
      const families = (await emulator().control.crossClusterConnections()).map((c) => [c.connectionId, c.family]);
      assert.deepEqual(families, [[id, "elasticsearch"]]);
      await partner().send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    });

    it("shares domains: aliases and limits count both families", async () => {
      await osPrimary().send(
        new CreateOutboundConnectionCommand({
          LocalDomainInfo: { AWSDomainInformation: { DomainName: "legacy-search" } },
          RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId } },
          ConnectionAlias: "shared",
        }),
      );
      await expectError(primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("shared"))), "ResourceAlreadyExistsException", 409);
      for (let i = 2; i <= 20; i++) await primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request(`c${i}`)));
      await expectError(primary().send(new CreateOutboundCrossClusterSearchConnectionCommand(request("c21"))), "LimitExceededException", 409);
    });
  });

  describe("filters and pagination", () => {
    async function seed(): Promise<string[]> {
      await emulator().control.setCrossClusterTransitions({ validation: 0 });
      await emulator().control.putDomain({ account: "primary", region: "us-east-1", domainName: "legacy-two", engineVersion: "Elasticsearch_7.10" });
      const ids: string[] = [];
      for (const [alias, source, destination] of [
        ["one", "legacy-search", "partner-legacy"],
        ["two", "legacy-search", "partner-es68"],
        ["three", "legacy-two", "partner-legacy"],
      ]) {
        const out = await primary().send(
          new CreateOutboundCrossClusterSearchConnectionCommand(request(alias, { SourceDomainInfo: { DomainName: source }, DestinationDomainInfo: { DomainName: destination, OwnerId: PARTNER.accountId } })),
        );
        ids.push(out.CrossClusterSearchConnectionId!);
      }
      return ids;
    }

    it("filters by the legacy names, outbound and inbound", async () => {
      const [one, two, three] = await seed();
      const outbound = async (filters: Filter[]) =>
        ((await primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: filters }))).CrossClusterSearchConnections ?? []).map((c) => c.CrossClusterSearchConnectionId);
      const inbound = async (filters: Filter[]) =>
        ((await partner().send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: filters }))).CrossClusterSearchConnections ?? []).map((c) => c.CrossClusterSearchConnectionId);
      assert.deepEqual(await outbound([{ Name: "cross-cluster-search-connection-id", Values: [two] }]), [two]);
      assert.deepEqual(await outbound([{ Name: "destination-domain-info.domain-name", Values: ["partner-legacy"] }]), [one, three]);
      assert.deepEqual(await outbound([{ Name: "destination-domain-info.owner-id", Values: [PARTNER.accountId] }]), [one, two, three]);
      assert.deepEqual(await outbound([{ Name: "destination-domain-info.region", Values: ["us-west-2"] }]), []);
      assert.deepEqual(await outbound([{ Name: "source-domain-info.domain-name", Values: ["legacy-two"] }]), [three]);
      assert.deepEqual(await inbound([{ Name: "source-domain-info.domain-name", Values: ["legacy-search"] }]), [one, two]);
      assert.deepEqual(await inbound([{ Name: "source-domain-info.owner-id", Values: [PRIMARY.accountId] }]), [one, two, three]);
      assert.deepEqual(await inbound([{ Name: "source-domain-info.region", Values: ["us-east-1"] }]), [one, two, three]);
      assert.deepEqual(await inbound([{ Name: "destination-domain-info.domain-name", Values: ["partner-es68"] }]), [two]);
      await expectError(primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [one] }] })), "ValidationException", 400, /connection-id is not valid/);
      await expectError(
        partner().send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "destination-domain-info.owner-id", Values: [PARTNER.accountId] }] })),
        "ValidationException",
        400,
      );
    });

    it("pages with MaxResults and NextToken; tokens do not cross API families", async () => {
      const ids = await seed();
      const first = await primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ MaxResults: 2 }));
      assert.deepEqual(first.CrossClusterSearchConnections?.map((c) => c.CrossClusterSearchConnectionId), ids.slice(0, 2));
      const second = await primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ MaxResults: 2, NextToken: first.NextToken }));
      assert.deepEqual(second.CrossClusterSearchConnections?.map((c) => c.CrossClusterSearchConnectionId), ids.slice(2));
      assert.equal(second.NextToken, undefined);
      await expectError(osPrimary().send(new DescribeOutboundConnectionsCommand({ NextToken: first.NextToken })), "InvalidPaginationTokenException", 400);
      await expectError(primary().send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ MaxResults: 500 })), "ValidationException", 400);
    });
  });
});
