import { strict as assert } from "node:assert";
import {
  CreateOutboundCrossClusterSearchConnectionCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  ElasticsearchServiceClient,
} from "@aws-sdk/client-elasticsearch-service";
import { CreateOutboundConnectionCommand, DescribeInboundConnectionsCommand, DescribeOutboundConnectionsCommand, OpenSearchClient } from "@aws-sdk/client-opensearch";
import { PARTNER, PRIMARY, credsOf, esClient, osClient, rawRequest, rejection, signedRequest, useEmulator } from "./helpers";

const CREATE = new CreateOutboundConnectionCommand({
  LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } },
  RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId } },
  ConnectionAlias: "wire",
});
const ES_CREATE = new CreateOutboundCrossClusterSearchConnectionCommand({
  SourceDomainInfo: { DomainName: "legacy-search" },
  DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId },
  ConnectionAlias: "wire",
});

describe("emulator: OpenSearch/Elasticsearch restJson1 wire, auth, faults and log", function () {
  const emulator = useEmulator({ manualClock: true });
  beforeEach(() => emulator().control.reset());

  describe("restJson1 responses", () => {
    it("writes errors as x-amzn-ErrorType plus a {message} body, with a request id", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "es",
        method: "PUT",
        credentials: credsOf(PARTNER),
        path: "/2021-01-01/opensearch/cc/inboundConnection/cc-missing0000000/accept",
        headers: {},
        body: "",
      });
      assert.equal(res.status, 409);
      assert.equal(res.headers["x-amzn-errortype"], "ResourceNotFoundException");
      assert.ok(res.headers["x-amzn-requestid"]);
      assert.match(String(res.headers["content-type"]), /application\/json/);
      assert.deepEqual(JSON.parse(res.body), { message: "Connection not found: cc-missing0000000" });
    });

    it("serves describe as POST …/search with a JSON body", async () => {
      for (const path of ["/2021-01-01/opensearch/cc/outboundConnection/search", "/2015-01-01/es/ccs/inboundConnection/search"]) {
        const res = await signedRequest(emulator().endpoint, { service: "es", credentials: credsOf(PRIMARY), path, headers: { "content-type": "application/json" }, body: "{}" });
        assert.equal(res.status, 200, res.body);
        assert.ok(res.headers["x-amzn-requestid"]);
        const body = JSON.parse(res.body) as Record<string, unknown>;
        assert.deepEqual(Object.keys(body), [path.startsWith("/2015") ? "CrossClusterSearchConnections" : "Connections"]);
      }
    });

    it("answers an unbound path or method with 404 UnknownOperationException, and a non-JSON body with SerializationException", async () => {
      for (const [method, path] of [
        ["GET", "/2021-01-01/opensearch/domain"],
        ["GET", "/2021-01-01/opensearch/cc/outboundConnection"],
        ["POST", "/2015-01-01/es/ccs/inboundConnection/some-connection-id/accept"],
      ]) {
        const res = await signedRequest(emulator().endpoint, { service: "es", method, credentials: credsOf(PRIMARY), path, headers: {}, body: "" });
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.headers["x-amzn-errortype"], "UnknownOperationException");
      }
      const bad = await signedRequest(emulator().endpoint, {
        service: "es",
        credentials: credsOf(PRIMARY),
        path: "/2021-01-01/opensearch/cc/outboundConnection",
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers["x-amzn-errortype"], "SerializationException");
    });
  });

  describe("SigV4", () => {
    it("answers an unsigned request with 403 MissingAuthenticationTokenException", async () => {
      const res = await rawRequest(emulator().endpoint, { path: "/2021-01-01/opensearch/cc/outboundConnection/search", headers: { "content-type": "application/json" }, body: "{}" });
      assert.equal(res.status, 403);
      assert.equal(res.headers["x-amzn-errortype"], "MissingAuthenticationTokenException");
      assert.deepEqual(JSON.parse(res.body), { message: "Missing Authentication Token" });
      assert.ok(res.headers["x-amzn-requestid"]);
    });

    it("answers a wrong secret and an unknown key through the SDK with 403 InvalidSignature / UnrecognizedClient", async () => {
      const wrongSecret = await rejection(
        osClient(emulator(), { credentials: { accessKeyId: PRIMARY.accessKeyId, secretAccessKey: "wrong" }, maxAttempts: 1 }).send(new DescribeOutboundConnectionsCommand({})),
      );
      assert.equal(wrongSecret.name, "InvalidSignatureException");
      assert.equal(wrongSecret.$metadata.httpStatusCode, 403);
      const unknownKey = await rejection(
        esClient(emulator(), { credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" }, maxAttempts: 1 }).send(new DescribeOutboundCrossClusterSearchConnectionsCommand({})),
      );
      assert.equal(unknownKey.name, "UnrecognizedClientException");
      assert.equal(unknownKey.$metadata.httpStatusCode, 403);
      assert.match(unknownKey.message, /security token included in the request is invalid/);
    });

    it("requires the credential scope to name the es service", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "opensearch",
        credentials: credsOf(PRIMARY),
        path: "/2021-01-01/opensearch/cc/outboundConnection/search",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(res.status, 403);
      assert.equal(res.headers["x-amzn-errortype"], "InvalidSignatureException");
      assert.match(JSON.parse(res.body).message, /Credential should be scoped to correct service: 'es'/);
    });
  });

  describe("faults", () => {
    it("throttles with 429 ThrottlingException, which the SDK retries", async function () {
      await emulator().control.injectFault({ kind: "throttle", service: "OpenSearch", operation: "CreateOutboundConnection", count: 1 });
      const out = await osClient(emulator()).send(CREATE);
      assert.equal(out.$metadata.attempts, 2);
      const log = (await emulator().control.log()).filter((e) => e.operation === "CreateOutboundConnection");
      assert.deepEqual(
        log.map((e) => [e.service, e.status, e.errorCode, e.fault]),
        [
          ["OpenSearch", 429, "ThrottlingException", "throttle"],
          ["OpenSearch", 200, undefined, undefined],
        ],
      );
      assert.equal((await emulator().control.counts())["OpenSearch.CreateOutboundConnection"], 2);
      assert.equal((await emulator().control.crossClusterConnections()).length, 1, "the throttled attempt did not run");
    });

    it("fails with 500 InternalException, which the SDK retries", async () => {
      await emulator().control.injectFault({ kind: "server-error", service: "Elasticsearch", operation: "DescribeOutboundCrossClusterSearchConnections", count: 2 });
      const out = await esClient(emulator()).send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
      assert.equal(out.$metadata.attempts, 3);
      const statuses = (await emulator().control.log()).map((e) => [e.service, e.operation, e.status, e.errorCode]);
      assert.deepEqual(statuses, [
        ["Elasticsearch", "DescribeOutboundCrossClusterSearchConnections", 500, "InternalException"],
        ["Elasticsearch", "DescribeOutboundCrossClusterSearchConnections", 500, "InternalException"],
        ["Elasticsearch", "DescribeOutboundCrossClusterSearchConnections", 200, undefined],
      ]);
    });

    it("names the errors as each SDK models them when retries are off", async () => {
      const control = emulator().control;
      await control.injectFault({ kind: "throttle", service: "es", count: 2 });
      const osThrottle = await rejection(osClient(emulator(), { maxAttempts: 1 }).send(new DescribeInboundConnectionsCommand({})));
      assert.equal(osThrottle.name, "ThrottlingException");
      assert.equal(osThrottle.$metadata.httpStatusCode, 429);
      assert.equal(osThrottle.message, "Rate exceeded");
      const esThrottle = await rejection(esClient(emulator(), { maxAttempts: 1 }).send(ES_CREATE));
      assert.equal(esThrottle.name, "ThrottlingException", "a service-signing-name fault matches both API families");
      assert.equal(esThrottle.$metadata.httpStatusCode, 429);
      await control.injectFault({ kind: "server-error", service: "Elasticsearch", count: 1 });
      await osClient(emulator(), { maxAttempts: 1 }).send(new DescribeInboundConnectionsCommand({})); // not matched
      const esInternal = await rejection(esClient(emulator(), { maxAttempts: 1 }).send(ES_CREATE));
      assert.equal(esInternal.name, "InternalException");
      assert.equal(esInternal.$metadata.httpStatusCode, 500);
      assert.deepEqual(await control.crossClusterConnections(), []);
    });

    it('"after" runs the create and loses the response: the SDK\'s retry then meets ResourceAlreadyExistsException', async () => {
      await emulator().control.injectFault({ kind: "reset", operation: "CreateOutboundConnection", count: 1, when: "after" });
      const err = await rejection(osClient(emulator()).send(CREATE));
      assert.equal(err.name, "ResourceAlreadyExistsException");
      assert.equal((err.$metadata as { attempts?: number }).attempts, 2);
      const created = await emulator().control.crossClusterConnections();
      assert.equal(created.length, 1);
      const listed = await osClient(emulator()).send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "local-domain-info.domain-name", Values: ["app-logs"] }] }));
      assert.deepEqual(listed.Connections?.map((c) => c.ConnectionId), [created[0].connectionId], "the connection can be found again by its alias' domain");
    });
  });

  it("is found by the unmodified SDK clients through envFor's AWS_ENDPOINT_URL_* variables", async () => {
    const env = emulator().envFor("partner", "eu-west-1");
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const os = new OpenSearchClient({});
      const es = new ElasticsearchServiceClient({});
      await os.send(new DescribeInboundConnectionsCommand({}));
      await es.send(new DescribeOutboundCrossClusterSearchConnectionsCommand({}));
      os.destroy();
      es.destroy();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const log = await emulator().control.log();
    assert.deepEqual(
      log.map((e) => [e.service, e.accountId, e.region, e.status]),
      [
        ["OpenSearch", PARTNER.accountId, "eu-west-1", 200],
        ["Elasticsearch", PARTNER.accountId, "eu-west-1", 200],
      ],
    );
  });

  it("logs every request under the service's name with account, region and outcome", async () => {
    const ok = await osClient(emulator(), { account: PARTNER, region: "eu-west-1" }).send(new DescribeInboundConnectionsCommand({}));
    const created = await esClient(emulator()).send(ES_CREATE);
    const failed = await rejection(esClient(emulator(), { maxAttempts: 1 }).send(ES_CREATE));
    const log = (await emulator().control.log()).map(({ time, seq, ...rest }) => {
      void time;
      void seq;
      return rest;
    });
    assert.deepEqual(log, [
      { service: "OpenSearch", operation: "DescribeInboundConnections", requestId: ok.$metadata.requestId, accountId: PARTNER.accountId, region: "eu-west-1", status: 200 },
      { service: "Elasticsearch", operation: "CreateOutboundCrossClusterSearchConnection", requestId: created.$metadata.requestId, accountId: PRIMARY.accountId, region: "us-east-1", status: 200 },
      {
        service: "Elasticsearch",
        operation: "CreateOutboundCrossClusterSearchConnection",
        requestId: failed.$metadata.requestId,
        accountId: PRIMARY.accountId,
        region: "us-east-1",
        status: 409,
        errorCode: "ResourceAlreadyExistsException",
      },
    ]);
    assert.deepEqual(await emulator().control.counts(), {
      "OpenSearch.DescribeInboundConnections": 1,
      "Elasticsearch.CreateOutboundCrossClusterSearchConnection": 2,
    });
  });
});
