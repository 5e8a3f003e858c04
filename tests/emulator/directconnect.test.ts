import { strict as assert } from "node:assert";
import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionsCommand,
  DescribeLocationsCommand,
  DescribeTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateConnectionCommand,
  type Connection,
  type CreateConnectionCommandInput,
} from "@aws-sdk/client-direct-connect";
import { PARTNER, PRIMARY, dxClient, dxHeaders, rawRequest, rejection, signedRequest, credsOf, useEmulator } from "./helpers";

const ID = /^dxcon-[a-z0-9]{8}$/;
const DAY = 24 * 3600_000;

/** Asserts the SDK error a failed call produced: modeled name, HTTP status, request id, message. */
async function expectError(call: Promise<unknown>, name: string, status: number, message: RegExp | string): Promise<void> {
  const err = await rejection(call);
  assert.equal(err.name, name, `error name (message: ${err.message})`);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.match(err.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
  if (typeof message === "string") assert.equal(err.message, message);
  else assert.match(err.message, message);
}

describe("emulator: Direct Connect conformance", function () {
  const emulator = useEmulator();
  const dx = () => dxClient(emulator(), { maxAttempts: 1 });
  const create = (input: Partial<CreateConnectionCommandInput> = {}) =>
    dx().send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "10Gbps", connectionName: "conn", ...input }));

  beforeEach(() => emulator().control.reset());

  describe("DescribeLocations", () => {
    it("lists the seeded locations of the request's region with all fields", async () => {
      const out = await dx().send(new DescribeLocationsCommand({}));
      assert.deepEqual(
        out.locations?.map((l) => l.locationCode),
        ["EqDC2", "CSVA1", "EqNY5", "EqAT1"],
      );
      assert.deepEqual(out.locations?.[0], {
        locationCode: "EqDC2",
        locationName: "Equinix DC1-DC6, DC10-DC11, Ashburn, VA",
        region: "us-east-1",
        availablePortSpeeds: ["1Gbps", "10Gbps", "100Gbps", "400Gbps"],
        availableProviders: ["Equinix, Inc.", "Zayo"],
        availableMacSecPortSpeeds: ["10Gbps", "100Gbps", "400Gbps"],
      });
      const west = await dxClient(emulator(), { region: "us-west-2" }).send(new DescribeLocationsCommand({}));
      assert.deepEqual(west.locations?.map((l) => l.locationCode), ["EqSe2", "CoSe1"]);
      const none = await dxClient(emulator(), { region: "ap-south-1" }).send(new DescribeLocationsCommand({}));
      assert.deepEqual(none.locations, []);
    });
  });

  describe("CreateConnection", () => {
    it("returns the Connection structure in state requested", async () => {
      const out = await create({ tags: [{ key: "team", value: "net" }] });
      assert.match(out.connectionId ?? "", ID);
      assert.match(out.awsDeviceV2 ?? "", /^EqDC2-[a-z0-9]+$/);
      const { $metadata, ...connection } = out;
      assert.equal($metadata.httpStatusCode, 200);
      // A dedicated connection has no vlan (hosted connections do), and AWS no longer fills the deprecated awsDevice.
      // A new port is not jumbo-frame capable until provisioned.
      assert.deepEqual(connection, {
        ownerAccount: PRIMARY.accountId,
        connectionId: out.connectionId,
        connectionName: "conn",
        connectionState: "requested",
        region: "us-east-1",
        location: "EqDC2",
        bandwidth: "10Gbps",
        jumboFrameCapable: false,
        awsDeviceV2: out.awsDeviceV2,
        awsLogicalDeviceId: out.awsDeviceV2,
        hasLogicalRedundancy: "unknown",
        tags: [{ key: "team", value: "net" }],
        macSecCapable: false,
      });
    });

    it("omits vlan and awsDevice on the wire, in every operation", async () => {
      const raw = async (operation: string, body: object) => {
        const res = await signedRequest(emulator().endpoint, { service: "directconnect", credentials: credsOf(PRIMARY), headers: dxHeaders(operation), body: JSON.stringify(body) });
        assert.equal(res.status, 200, res.body);
        return JSON.parse(res.body) as Record<string, unknown> & { connections?: Array<Record<string, unknown>> };
      };
      const created = await raw("CreateConnection", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "wire" });
      const connectionId = created.connectionId as string;
      const described = (await raw("DescribeConnections", { connectionId })).connections![0];
      const updated = await raw("UpdateConnection", { connectionId, connectionName: "wire2" });
      const deleted = await raw("DeleteConnection", { connectionId });
      for (const c of [created, described, updated, deleted]) {
        assert.ok(!("vlan" in c) && !("awsDevice" in c), JSON.stringify(c));
        assert.equal(c.jumboFrameCapable, false);
        assert.equal(typeof c.awsDeviceV2, "string");
        assert.equal(c.awsLogicalDeviceId, c.awsDeviceV2);
      }
    });

    it("reports MACsec fields only for a MACsec connection", async () => {
      const out = await create({ bandwidth: "100Gbps", requestMACSec: true });
      assert.equal(out.macSecCapable, true);
      assert.equal(out.portEncryptionStatus, "Encryption Down");
      assert.equal(out.encryptionMode, "no_encrypt");
      const plain = await create();
      assert.equal(plain.portEncryptionStatus, undefined);
      assert.equal(plain.encryptionMode, undefined);
    });

    it("echoes providerName and joins a seeded LAG on the LAG's device", async () => {
      const lag = await emulator().control.seedLag({ account: "primary", region: "us-east-1", location: "EqDC2", connectionsBandwidth: "10Gbps" });
      const out = await create({ providerName: "Zayo", lagId: lag.lagId });
      assert.equal(out.providerName, "Zayo");
      assert.equal(out.lagId, lag.lagId);
      assert.equal(out.awsDeviceV2, lag.awsDevice);
    });

    const invalid: Array<[string, Partial<CreateConnectionCommandInput>, RegExp]> = [
      ["an unknown location", { location: "Nowhere1" }, /Location Nowhere1 is not a valid Direct Connect location in us-east-1/],
      ["a location of another region", { location: "EqSe2" }, /not a valid Direct Connect location/],
      ["a hosted-connection bandwidth", { bandwidth: "50Mbps" }, /Bandwidth 50Mbps is not valid for a dedicated connection/],
      ["a bandwidth the location lacks", { location: "EqAT1", bandwidth: "400Gbps" }, /not available at location EqAT1/],
      ["MACsec at 1Gbps", { bandwidth: "1Gbps", requestMACSec: true }, /MACsec is not available for 1Gbps/],
      ["MACsec where the location has none", { location: "EqAT1", requestMACSec: true }, /MACsec is not available/],
      ["an empty name", { connectionName: "" }, /connectionName is required/],
      ["a missing name", { connectionName: undefined }, /connectionName is required/],
      ["an unknown LAG", { lagId: "dxlag-zzzzzzzz" }, /Could not find Lag with ID dxlag-zzzzzzzz/],
      ["an unknown provider", { providerName: "Nobody" }, /Provider Nobody is not available at location EqDC2/],
      ["a 129-character tag key", { tags: [{ key: "k".repeat(129), value: "v" }] }, /between 1 and 128/],
      ["an empty tag key", { tags: [{ key: "", value: "v" }] }, /between 1 and 128/],
      ["a 257-character tag value", { tags: [{ key: "k", value: "v".repeat(257) }] }, /at most 256/],
      ["a reserved aws: tag key", { tags: [{ key: "aws:x", value: "v" }] }, /reserved prefix/],
    ];
    for (const [what, input, message] of invalid) {
      it(`rejects ${what} with DirectConnectClientException`, () => expectError(create(input), "DirectConnectClientException", 400, message));
    }

    it("rejects a LAG at another location or bandwidth", async () => {
      const lag = await emulator().control.seedLag({ account: "primary", region: "us-east-1", location: "CSVA1", connectionsBandwidth: "10Gbps" });
      await expectError(create({ lagId: lag.lagId }), "DirectConnectClientException", 400, /is at location CSVA1/);
      await expectError(create({ location: "CSVA1", bandwidth: "1Gbps", lagId: lag.lagId }), "DirectConnectClientException", 400, /requires connections of bandwidth 10Gbps/);
    });

    it("rejects more than 50 tags and duplicate keys with their own exceptions", async () => {
      const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
      await expectError(create({ tags: many }), "TooManyTagsException", 400, /at most 50 tags/);
      await expectError(create({ tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }), "DuplicateTagKeysException", 400, /Duplicate tag key/);
    });

    it("allows 10 live connections per location, region and account", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await create({ connectionName: `c${i}` })).connectionId!);
      await expectError(create(), "DirectConnectClientException", 400, "Connection limit exceeded");
      // Other locations, regions and accounts have their own limits.
      await create({ location: "CSVA1" });
      await dxClient(emulator(), { region: "us-west-2" }).send(new CreateConnectionCommand({ location: "EqSe2", bandwidth: "1Gbps", connectionName: "w" }));
      await dxClient(emulator(), { account: PARTNER }).send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "p" }));
      // A deleted connection no longer counts.
      await dx().send(new DeleteConnectionCommand({ connectionId: ids[0] }));
      await emulator().control.advance(60_000);
      await create();
    });

    it("answers a wrongly typed member with SerializationException", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "directconnect",
        credentials: credsOf(PRIMARY),
        headers: dxHeaders("CreateConnection"),
        body: JSON.stringify({ location: "EqDC2", bandwidth: 10, connectionName: "x" }),
      });
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(res.body).__type, "SerializationException");
    });
  });

  describe("DescribeConnections", () => {
    it("finds one connection by id and lists all in creation order", async () => {
      const a = await create({ connectionName: "a" });
      const b = await create({ connectionName: "b" });
      const one = await dx().send(new DescribeConnectionsCommand({ connectionId: b.connectionId }));
      assert.deepEqual(one.connections?.map((c) => c.connectionName), ["b"]);
      const { $metadata: _m, ...created } = a;
      const all = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.[0], created);
      assert.deepEqual(all.connections?.map((c) => c.connectionId), [a.connectionId, b.connectionId]);
      assert.equal(all.nextToken, undefined);
    });

    it("pages with maxResults and nextToken", async () => {
      for (let i = 0; i < 3; i++) await create({ connectionName: `c${i}` });
      const first = await dx().send(new DescribeConnectionsCommand({ maxResults: 2 }));
      assert.deepEqual(first.connections?.map((c) => c.connectionName), ["c0", "c1"]);
      assert.ok(first.nextToken);
      const second = await dx().send(new DescribeConnectionsCommand({ maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.connections?.map((c) => c.connectionName), ["c2"]);
      assert.equal(second.nextToken, undefined);
    });

    it("caps maxResults at 100, never failing on a large value, and pages with an opaque nextToken", async function () {
      // More connections than one page: a deleted connection stays listed but frees its port, so the limit of 10 per
      // location does not stop this.
      const ids: string[] = [];
      for (let i = 0; i < 105; i++) {
        const c = await create({ connectionName: `p${i}` });
        await dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId }));
        ids.push(c.connectionId!);
      }
      const everything = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(everything.connections?.map((c) => c.connectionId), ids, "without maxResults: all, no token");
      assert.equal(everything.nextToken, undefined);

      for (const maxResults of [100, 101, 1000, 2_147_483_647]) {
        const first = await dx().send(new DescribeConnectionsCommand({ maxResults }));
        assert.deepEqual(first.connections?.map((c) => c.connectionId), ids.slice(0, 100), `maxResults ${maxResults}`);
        assert.equal(typeof first.nextToken, "string");
        assert.ok(!/^\d+$/.test(first.nextToken!), "the token is not a bare offset");
        const second = await dx().send(new DescribeConnectionsCommand({ maxResults, nextToken: first.nextToken }));
        assert.deepEqual(second.connections?.map((c) => c.connectionId), ids.slice(100));
        assert.equal(second.nextToken, undefined);
      }

      // A token alone continues to the end; a page exactly as large as what remains has no token.
      const head = await dx().send(new DescribeConnectionsCommand({ maxResults: 5 }));
      const tail = await dx().send(new DescribeConnectionsCommand({ nextToken: head.nextToken }));
      assert.deepEqual(tail.connections?.map((c) => c.connectionId), ids.slice(5));
      const exact = await dx().send(new DescribeConnectionsCommand({ maxResults: 100, nextToken: head.nextToken }));
      assert.equal(exact.connections?.length, 100);
      assert.equal(exact.nextToken, undefined);
    });

    it("keeps a nextToken valid when connections disappear between pages", async () => {
      await emulator().control.setTransitions({ deletedRetention: 1000 });
      const names = ["c0", "c1", "c2", "c3"];
      const ids: string[] = [];
      for (const name of names) ids.push((await create({ connectionName: name })).connectionId!);
      const first = await dx().send(new DescribeConnectionsCommand({ maxResults: 2 }));
      assert.deepEqual(first.connections?.map((c) => c.connectionName), ["c0", "c1"]);
      // The last and the first connection of page one are deleted and purged before page two is read.
      await dx().send(new DeleteConnectionCommand({ connectionId: ids[1] }));
      await dx().send(new DeleteConnectionCommand({ connectionId: ids[0] }));
      await emulator().control.advance(1000);
      const second = await dx().send(new DescribeConnectionsCommand({ maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.connections?.map((c) => c.connectionName), ["c2", "c3"]);
      assert.equal(second.nextToken, undefined);
    });

    it("rejects a forged nextToken and a maxResults below 1", async () => {
      await create();
      await expectError(dx().send(new DescribeConnectionsCommand({ nextToken: "not-a-token" })), "DirectConnectClientException", 400, /nextToken is not valid/);
      await expectError(dx().send(new DescribeConnectionsCommand({ maxResults: 0 })), "DirectConnectClientException", 400, /maxResults must be at least 1/);
    });

    it("rejects an unknown id with DirectConnectClientException", () =>
      expectError(
        dx().send(new DescribeConnectionsCommand({ connectionId: "dxcon-unknown1" })),
        "DirectConnectClientException",
        400,
        "Could not find Connection with ID dxcon-unknown1",
      ));

    it("isolates state by account and by region", async () => {
      const mine = await create();
      const partner = dxClient(emulator(), { account: PARTNER, maxAttempts: 1 });
      assert.deepEqual((await partner.send(new DescribeConnectionsCommand({}))).connections, []);
      await expectError(partner.send(new DescribeConnectionsCommand({ connectionId: mine.connectionId })), "DirectConnectClientException", 400, /Could not find Connection/);
      const west = dxClient(emulator(), { region: "us-west-2", maxAttempts: 1 });
      assert.deepEqual((await west.send(new DescribeConnectionsCommand({}))).connections, []);
      await expectError(west.send(new DeleteConnectionCommand({ connectionId: mine.connectionId })), "DirectConnectClientException", 400, /Could not find Connection/);
    });
  });

  describe("UpdateConnection", () => {
    it("renames and changes the encryption mode of a MACsec connection", async () => {
      const c = await create({ bandwidth: "10Gbps", requestMACSec: true });
      const out = await dx().send(new UpdateConnectionCommand({ connectionId: c.connectionId, connectionName: "renamed", encryptionMode: "must_encrypt" }));
      assert.equal(out.connectionName, "renamed");
      assert.equal(out.encryptionMode, "must_encrypt");
      assert.equal(out.connectionId, c.connectionId);
      const read = await dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId }));
      assert.equal(read.connections?.[0].encryptionMode, "must_encrypt");
    });

    it("rejects bad encryption modes, non-MACsec connections, deleted and unknown connections", async () => {
      const macsec = await create({ requestMACSec: true });
      const plain = await create();
      await expectError(dx().send(new UpdateConnectionCommand({ connectionId: macsec.connectionId, encryptionMode: "sometimes" })), "DirectConnectClientException", 400, /Invalid encryption mode sometimes/);
      await expectError(dx().send(new UpdateConnectionCommand({ connectionId: plain.connectionId, encryptionMode: "should_encrypt" })), "DirectConnectClientException", 400, /not MACsec capable/);
      await dx().send(new DeleteConnectionCommand({ connectionId: plain.connectionId }));
      await expectError(dx().send(new UpdateConnectionCommand({ connectionId: plain.connectionId, connectionName: "x" })), "DirectConnectClientException", 400, /in the deleted state and cannot be updated/);
      await emulator().control.advance(DAY);
      await dx().send(new DeleteConnectionCommand({ connectionId: macsec.connectionId }));
      await expectError(dx().send(new UpdateConnectionCommand({ connectionId: macsec.connectionId, connectionName: "x" })), "DirectConnectClientException", 400, /in the deleting state and cannot be updated/);
      await expectError(dx().send(new UpdateConnectionCommand({ connectionId: "dxcon-nothere1", connectionName: "x" })), "DirectConnectClientException", 400, "Could not find Connection with ID dxcon-nothere1");
    });
  });

  describe("DeleteConnection", () => {
    it("returns deleting for a provisioned connection, then deleted, which stays listed for a while", async () => {
      const c = await create();
      await emulator().control.advance(DAY); // pending: the LOA was issued
      const deleting = await dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId }));
      assert.equal(deleting.connectionState, "deleting");
      assert.equal(deleting.connectionId, c.connectionId);
      await emulator().control.advance(10_000);
      const again = await dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId }));
      assert.equal(again.connectionState, "deleted");
      const byId = await dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId }));
      assert.equal(byId.connections?.[0].connectionState, "deleted");
      const all = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.map((x: Connection) => [x.connectionId, x.connectionState]), [[c.connectionId, "deleted"]]);
    });

    it("answers deleted at once for a connection still requested", async () => {
      const c = await create();
      const out = await dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId }));
      assert.equal(out.connectionState, "deleted");
      const byId = await dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId }));
      assert.equal(byId.connections?.[0].connectionState, "deleted");
    });

    it("forgets a deleted connection after the retention (default one emulated day)", async () => {
      const c = await create();
      await dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId }));
      await emulator().control.advance(DAY - 1);
      assert.equal((await dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId }))).connections?.[0].connectionState, "deleted");
      await emulator().control.advance(1);
      const notFound = `Could not find Connection with ID ${c.connectionId}`;
      await expectError(dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId })), "DirectConnectClientException", 400, notFound);
      await expectError(dx().send(new DeleteConnectionCommand({ connectionId: c.connectionId })), "DirectConnectClientException", 400, notFound);
      assert.deepEqual((await dx().send(new DescribeConnectionsCommand({}))).connections, []);
    });

    it("rejects an unknown id", () =>
      expectError(dx().send(new DeleteConnectionCommand({ connectionId: "dxcon-nothere1" })), "DirectConnectClientException", 400, "Could not find Connection with ID dxcon-nothere1"));
  });

  describe("connection id format", () => {
    // The AWS SDKs' own integration tests call DescribeConnections with "fake-connection" and expect this message.
    const malformed = ["fake-connection", "dxcon-ABCDEFGH", "dxcon-abc", "dxcon-abcdefghi", "dxlag-abcdefgh", " dxcon-abcdefgh"];
    const operations: Array<[string, (id: string) => Promise<unknown>]> = [
      ["DescribeConnections", (id) => dx().send(new DescribeConnectionsCommand({ connectionId: id }))],
      ["UpdateConnection", (id) => dx().send(new UpdateConnectionCommand({ connectionId: id, connectionName: "x" }))],
      ["DeleteConnection", (id) => dx().send(new DeleteConnectionCommand({ connectionId: id }))],
    ];
    for (const [operation, call] of operations) {
      it(`${operation} rejects a malformed id before looking it up`, async () => {
        for (const id of malformed) {
          await expectError(call(id), "DirectConnectClientException", 400, `Connection ID ${id} has an invalid format`);
        }
        // A well-formed id that does not exist is "not found", not "invalid format".
        await expectError(call("dxcon-zzzz9999"), "DirectConnectClientException", 400, "Could not find Connection with ID dxcon-zzzz9999");
      });
    }
  });

  describe("tagging", () => {
    const arnOf = (id: string, account = PRIMARY.accountId, region = "us-east-1") => `arn:aws:directconnect:${region}:${account}:dxcon/${id}`;

    it("adds, overwrites, removes and describes tags by ARN", async () => {
      const c = await create({ tags: [{ key: "a", value: "1" }] });
      const arn = arnOf(c.connectionId!);
      await dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "a", value: "2" }, { key: "b", value: "3" }] }));
      await dx().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["b", "missing"] }));
      await dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "novalue" }] }));
      const out = await dx().send(new DescribeTagsCommand({ resourceArns: [arn] }));
      assert.deepEqual(out.resourceTags, [{ resourceArn: arn, tags: [{ key: "a", value: "2" }, { key: "novalue" }] }]);
      const read = await dx().send(new DescribeConnectionsCommand({ connectionId: c.connectionId }));
      assert.deepEqual(read.connections?.[0].tags, [{ key: "a", value: "2" }, { key: "novalue" }]);
    });

    it("enforces the tag rules on TagResource", async () => {
      const c = await create({ tags: Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: "v" })) });
      const arn = arnOf(c.connectionId!);
      await expectError(dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "x", value: "1" }, { key: "y", value: "2" }] })), "TooManyTagsException", 400, /at most 50/);
      await dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "k0", value: "overwrite keeps the count" }, { key: "x", value: "1" }] }));
      await expectError(dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "d", value: "1" }, { key: "d", value: "1" }] })), "DuplicateTagKeysException", 400, /Duplicate/);
      await expectError(dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "v", value: "x".repeat(257) }] })), "DirectConnectClientException", 400, /at most 256/);
    });

    it("rejects unknown, malformed and foreign ARNs", async () => {
      const c = await create();
      await expectError(dx().send(new TagResourceCommand({ resourceArn: arnOf("dxcon-nothere1"), tags: [{ key: "a", value: "b" }] })), "DirectConnectClientException", 400, /Could not find Connection with ID dxcon-nothere1/);
      await expectError(dx().send(new UntagResourceCommand({ resourceArn: "not-an-arn", tagKeys: ["a"] })), "DirectConnectClientException", 400, /not a valid Direct Connect resource ARN/);
      await expectError(dx().send(new DescribeTagsCommand({ resourceArns: [arnOf(c.connectionId!, PARTNER.accountId)] })), "DirectConnectClientException", 400, /Could not find Connection/);
      await expectError(dx().send(new DescribeTagsCommand({ resourceArns: [arnOf(c.connectionId!, PRIMARY.accountId, "us-west-2")] })), "DirectConnectClientException", 400, /Could not find Connection/);
    });
  });

  describe("protocol", () => {
    it("answers an unknown operation with UnknownOperationException and a request id", async () => {
      const res = await signedRequest(emulator().endpoint, { service: "directconnect", credentials: credsOf(PRIMARY), headers: dxHeaders("CreateInterconnect"), body: "{}" });
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(res.body).__type, "UnknownOperationException");
      assert.match(String(res.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
      assert.equal(res.headers["content-type"], "application/x-amz-json-1.1");
    });

    it("is found through AWS_ENDPOINT_URL_DIRECT_CONNECT from envFor", async () => {
      const env = emulator().envFor("partner", "us-west-2");
      assert.deepEqual(Object.keys(env).sort(), [
        "AWS_ACCESS_KEY_ID",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL_DIRECT_CONNECT",
        "AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE",
        "AWS_ENDPOINT_URL_OPENSEARCH",
        "AWS_ENDPOINT_URL_STS",
        "AWS_REGION",
        "AWS_SECRET_ACCESS_KEY",
      ]);
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const { DirectConnectClient } = await import("@aws-sdk/client-direct-connect");
        const client = new DirectConnectClient({});
        const out = await client.send(new DescribeLocationsCommand({}));
        assert.deepEqual(out.locations?.map((l) => l.locationCode), ["EqSe2", "CoSe1"]);
      } finally {
        for (const key of Object.keys(env)) {
          if (key in saved) process.env[key] = saved[key];
          else delete process.env[key];
        }
      }
      const log = await emulator().control.log();
      assert.equal(log.at(-1)?.accountId, PARTNER.accountId);
    });

    it("serves raw requests without credentials only an auth error", async () => {
      const res = await rawRequest(emulator().endpoint, { headers: dxHeaders("DescribeLocations"), body: "{}" });
      // 400, not 403: AWS's JSON services answer authentication errors with Bad Request (corrected expectation).
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(res.body).__type, "MissingAuthenticationTokenException");
    });
  });
});
