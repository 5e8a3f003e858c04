import { strict as assert } from "node:assert";
import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionsCommand,
  DescribeTagsCommand,
  TagResourceCommand,
  UpdateConnectionCommand,
} from "@aws-sdk/client-direct-connect";
import {
  CreateOutboundCrossClusterSearchConnectionCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
} from "@aws-sdk/client-elasticsearch-service";
import {
  AcceptInboundConnectionCommand,
  AttachDataSourceCommand,
  CreateOutboundConnectionCommand,
  DeleteOutboundConnectionCommand,
  DescribeDataSourceAttachmentCommand,
  DescribeInboundConnectionsCommand,
  DescribeOutboundConnectionsCommand,
  DetachDataSourceCommand,
  GetApplicationCommand,
  ListDataSourceAttachmentsCommand,
} from "@aws-sdk/client-opensearch";
import { startEmulator } from "../../emulator";
import { PARTNER, PRIMARY, dxClient, esClient, osClient, rawRequest, rejection, useEmulator } from "./helpers";

const APP = "logsapp01";
const ANALYTICS = `arn:aws:es:us-east-1:${PRIMARY.accountId}:domain/analytics`;
const dxArn = (id: string): string => `arn:aws:directconnect:us-east-1:${PRIMARY.accountId}:dxcon/${id}`;

describe("emulator: eventual consistency of reads", function () {
  // Manual clock: the delay is emulated time, so the test steps through it exactly.
  const emulator = useEmulator({ manualClock: true });
  beforeEach(() => emulator().control.reset());

  describe("Direct Connect", () => {
    it("hides a new connection from DescribeConnections (by id and in the list) until the delay has passed", async () => {
      const control = emulator().control;
      assert.deepEqual(await control.setConsistency({ operations: { DescribeConnections: 1000 } }), { defaultDelayMs: 0, operations: { DescribeConnections: 1000 } });
      const dx = dxClient(emulator());
      const created = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "late" }));
      const id = created.connectionId!;

      const missing = await rejection(dx.send(new DescribeConnectionsCommand({ connectionId: id })));
      assert.equal(missing.name, "DirectConnectClientException");
      assert.equal(missing.$metadata.httpStatusCode, 400);
      assert.deepEqual((await dx.send(new DescribeConnectionsCommand({}))).connections, []);
      await control.advance(999);
      assert.deepEqual((await dx.send(new DescribeConnectionsCommand({}))).connections, []);
      await control.advance(1);
      const [seen] = (await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections ?? [];
      assert.equal(seen?.connectionName, "late");
      assert.equal(seen?.connectionState, "requested");
      // Not named, so not delayed: DescribeTags is consistent, and writes always see the live state.
      assert.deepEqual((await dx.send(new DescribeTagsCommand({ resourceArns: [dxArn(id)] }))).resourceTags?.[0].tags, []);
    });

    it("shows the previous version after an update, a tag and a delete, until the delay has passed", async () => {
      const control = emulator().control;
      const dx = dxClient(emulator());
      const id = (await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "before" }))).connectionId!;
      await control.setConsistency({ defaultDelayMs: 500 });
      const nameOf = async (): Promise<string | undefined> => (await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections?.[0].connectionName;
      assert.equal(await nameOf(), "before", "what existed when the window was turned on is visible");

      const updated = await dx.send(new UpdateConnectionCommand({ connectionId: id, connectionName: "after" }));
      assert.equal(updated.connectionName, "after", "the write itself answers with the new version");
      await dx.send(new TagResourceCommand({ resourceArn: dxArn(id), tags: [{ key: "team", value: "net" }] }));
      assert.equal(await nameOf(), "before");
      assert.deepEqual((await dx.send(new DescribeTagsCommand({ resourceArns: [dxArn(id)] }))).resourceTags?.[0].tags, []);
      await control.advance(500);
      assert.equal(await nameOf(), "after");
      assert.deepEqual((await dx.send(new DescribeTagsCommand({ resourceArns: [dxArn(id)] }))).resourceTags?.[0].tags, [{ key: "team", value: "net" }]);

      const deleted = await dx.send(new DeleteConnectionCommand({ connectionId: id }));
      assert.equal(deleted.connectionState, "deleted");
      const stateOf = async (): Promise<string | undefined> => (await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections?.[0].connectionState;
      assert.equal(await stateOf(), "requested");
      await control.advance(500);
      assert.equal(await stateOf(), "deleted");
    });

    it("lets writes act on what reads cannot see yet", async () => {
      await emulator().control.setConsistency({ defaultDelayMs: 30_000 });
      const dx = dxClient(emulator());
      const id = (await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "fresh" }))).connectionId!;
      assert.equal((await dx.send(new UpdateConnectionCommand({ connectionId: id, connectionName: "renamed" }))).connectionName, "renamed");
      assert.equal((await dx.send(new DeleteConnectionCommand({ connectionId: id }))).connectionState, "deleted");
      assert.deepEqual((await dx.send(new DescribeConnectionsCommand({}))).connections, []);
    });
  });

  describe("OpenSearch and Elasticsearch cross-cluster connections", () => {
    beforeEach(() => emulator().control.setCrossClusterTransitions({ validation: 0, approvedToProvisioning: null }));

    const create = (alias: string) =>
      new CreateOutboundConnectionCommand({
        LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } },
        RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId, Region: "us-east-1" } },
        ConnectionAlias: alias,
      });

    it("hides a new outbound connection, then an accept, then a delete, each for the delay", async () => {
      const control = emulator().control;
      await control.setConsistency({ operations: { "OpenSearch.DescribeOutboundConnections": 2000, DescribeInboundConnections: 2000 } });
      const primary = osClient(emulator());
      const partner = osClient(emulator(), { account: PARTNER });
      const created = await primary.send(create("eventual"));
      assert.equal(created.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE");
      const id = created.ConnectionId!;
      const outbound = async () => (await primary.send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }))).Connections ?? [];
      const inbound = async () => (await partner.send(new DescribeInboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }))).Connections ?? [];
      assert.deepEqual(await outbound(), []);
      assert.deepEqual(await inbound(), []);
      await control.advance(2000);
      assert.equal((await outbound())[0]?.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE");
      assert.equal((await inbound())[0]?.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE");

      const accepted = await partner.send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
      assert.equal(accepted.Connection?.ConnectionStatus?.StatusCode, "APPROVED");
      assert.equal((await inbound())[0]?.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE", "the previous version until the delay passes");
      await control.advance(1999);
      assert.equal((await outbound())[0]?.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE");
      await control.advance(1);
      assert.equal((await inbound())[0]?.ConnectionStatus?.StatusCode, "APPROVED");

      assert.equal((await primary.send(new DeleteOutboundConnectionCommand({ ConnectionId: id }))).Connection?.ConnectionStatus?.StatusCode, "DELETING");
      assert.equal((await outbound())[0]?.ConnectionStatus?.StatusCode, "APPROVED");
      await control.advance(2000);
      assert.equal((await outbound())[0]?.ConnectionStatus?.StatusCode, "DELETING");
    });

    it("delays the legacy Elasticsearch API's listings too", async () => {
      const control = emulator().control;
      await control.setConsistency({ defaultDelayMs: 1000 });
      const es = esClient(emulator());
      const created = await es.send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: "legacy-search" },
          DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId, Region: "us-east-1" },
          ConnectionAlias: "legacy",
        }),
      );
      const id = created.CrossClusterSearchConnectionId!;
      const listed = async () =>
        (await es.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "cross-cluster-search-connection-id", Values: [id] }] })))
          .CrossClusterSearchConnections ?? [];
      assert.deepEqual(await listed(), []);
      await control.advance(1000);
      assert.equal((await listed())[0]?.ConnectionAlias, "legacy");
    });
  });

  describe("OpenSearch application data-source attachments", () => {
    it("hides an attachment from Describe, List and GetApplication until the delay has passed, and shows a detached one", async () => {
      const control = emulator().control;
      await control.setConsistency({ defaultDelayMs: 1500 });
      const os = osClient(emulator());
      const attached = await os.send(new AttachDataSourceCommand({ id: APP, dataSourceArn: ANALYTICS }));
      assert.equal(attached.status, "ATTACHED");
      const missing = await rejection(os.send(new DescribeDataSourceAttachmentCommand({ id: APP, dataSourceArn: ANALYTICS })));
      assert.equal(missing.name, "ResourceNotFoundException");
      const listed = async () => ((await os.send(new ListDataSourceAttachmentsCommand({ id: APP }))).attachments ?? []).map((a) => a.dataSourceArn);
      const onApplication = async () => ((await os.send(new GetApplicationCommand({ id: APP }))).dataSources ?? []).map((d) => d.dataSourceArn);
      assert.ok(!(await listed()).includes(ANALYTICS));
      assert.ok(!(await onApplication()).includes(ANALYTICS));
      await control.advance(1500);
      assert.equal((await os.send(new DescribeDataSourceAttachmentCommand({ id: APP, dataSourceArn: ANALYTICS }))).status, "ATTACHED");
      assert.ok((await listed()).includes(ANALYTICS));
      assert.ok((await onApplication()).includes(ANALYTICS));

      await os.send(new DetachDataSourceCommand({ id: APP, dataSourceArn: ANALYTICS }));
      assert.equal((await os.send(new DescribeDataSourceAttachmentCommand({ id: APP, dataSourceArn: ANALYTICS }))).status, "ATTACHED", "still there until the delay passes");
      assert.ok((await listed()).includes(ANALYTICS));
      await control.advance(1500);
      assert.ok(!(await listed()).includes(ANALYTICS));
      assert.ok(!(await onApplication()).includes(ANALYTICS));
    });
  });

  describe("control", () => {
    it("reports bad settings with 400 naming the field, and reset restores the start setting unless keepTimings", async () => {
      const control = emulator().control;
      await assert.rejects(control.setConsistency({ defaultDelayMs: -1 }), /\(400\).*defaultDelayMs must be a non-negative number/);
      await assert.rejects(control.setConsistency({ operations: { CreateConnection: 10 } }), /\(400\).*operations\.CreateConnection is not a read operation/);
      await assert.rejects(control.setConsistency({ operations: { DescribeConnections: "soon" as unknown as number } }), /operations\.DescribeConnections must be/);
      const bad = await rawRequest(emulator().endpoint, { method: "POST", path: "/_emulator/consistency", headers: { "content-type": "application/json" }, body: '{"delay":5}' });
      assert.equal(bad.status, 400);
      assert.match(JSON.parse(bad.body).error, /unknown consistency field delay/);

      await control.setConsistency({ defaultDelayMs: 100, operations: { "DirectConnect.DescribeConnections": 5 } });
      await control.reset({ keepTimings: true });
      assert.deepEqual(await control.consistency(), { defaultDelayMs: 100, operations: { "DirectConnect.DescribeConnections": 5 } });
      await control.reset();
      assert.deepEqual(await control.consistency(), { defaultDelayMs: 0, operations: {} });
    });

    it("takes a start setting as an emulator option", async () => {
      const own = await startEmulator({ manualClock: true, consistency: { defaultDelayMs: 250 } });
      try {
        assert.deepEqual(await own.control.consistency(), { defaultDelayMs: 250, operations: {} });
        const dx = dxClient(own);
        await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "optioned" }));
        assert.deepEqual((await dx.send(new DescribeConnectionsCommand({}))).connections, []);
        await own.control.advance(250);
        assert.equal((await dx.send(new DescribeConnectionsCommand({}))).connections?.length, 1);
      } finally {
        await own.stop();
      }
    });
  });
});
