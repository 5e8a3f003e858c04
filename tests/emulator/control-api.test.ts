import { strict as assert } from "node:assert";
import { CreateConnectionCommand, DescribeLocationsCommand } from "@aws-sdk/client-direct-connect";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ControlClient, startEmulator } from "../../emulator";
import { refuseControlRequest } from "../../emulator/control-guard";
import { PARTNER, PRIMARY, credsOf, dxClient, dxHeaders, rawRequest, rejection, signedRequest, stsClient, useEmulator } from "./helpers";

describe("emulator: control API and request log", function () {
  const emulator = useEmulator();
  beforeEach(() => emulator().control.reset());

  it("logs every request with the SDK's request id, account, region and outcome", async () => {
    const ok = await dxClient(emulator(), { region: "eu-west-1" }).send(new DescribeLocationsCommand({}));
    const failed = await rejection(dxClient(emulator(), { credentials: { accessKeyId: PARTNER.accessKeyId, secretAccessKey: "bad" }, maxAttempts: 1 }).send(new DescribeLocationsCommand({})));
    await stsClient(emulator(), { account: PARTNER }).send(new GetCallerIdentityCommand({}));
    const log = await emulator().control.log();
    assert.deepEqual(
      log.map(({ time, ...rest }) => {
        assert.ok(!Number.isNaN(Date.parse(time)));
        return rest;
      }),
      [
        { seq: 1, service: "DirectConnect", operation: "DescribeLocations", requestId: ok.$metadata.requestId, accountId: "111111111111", region: "eu-west-1", status: 200 },
        // 400: a JSON service's authentication errors are Bad Request on AWS.
        { seq: 2, service: "DirectConnect", operation: "DescribeLocations", requestId: failed.$metadata.requestId, status: 400, errorCode: "InvalidSignatureException" },
        { seq: 3, service: "STS", operation: "GetCallerIdentity", requestId: log[2].requestId, accountId: PARTNER.accountId, region: "us-east-1", status: 200 },
      ],
    );
    assert.deepEqual(await emulator().control.counts(), { "DirectConnect.DescribeLocations": 2, "STS.GetCallerIdentity": 1 });
  });

  it("snapshots state and resets state, log and faults", async () => {
    const created = await dxClient(emulator()).send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "snap" }));
    await emulator().control.injectFault({ kind: "throttle", count: 5 });
    const snapshot = await emulator().control.snapshot();
    const region = snapshot.regional["111111111111/us-east-1"].directconnect as { connections: Record<string, { connectionName: string; connectionState: string }> };
    assert.equal(region.connections[created.connectionId!].connectionName, "snap");
    await emulator().control.advance(24 * 3600_000); // the default requested → pending: one emulated day
    const aged = (await emulator().control.snapshot()).regional["111111111111/us-east-1"].directconnect as typeof region;
    assert.equal(aged.connections[created.connectionId!].connectionState, "pending", "the snapshot shows states as of now");
    await emulator().control.reset();
    assert.deepEqual(await emulator().control.log(), []);
    assert.deepEqual(await emulator().control.faults(), []);
    assert.deepEqual((await emulator().control.snapshot()).regional, {});
  });

  it("works from a separate ControlClient and reports bad calls", async () => {
    const control = new ControlClient(`${emulator().endpoint}/`);
    const status = await control.advance(1000);
    assert.equal(status.manual, true);
    await assert.rejects(control.advance(-1), /non-negative/);
    const missing = await rawRequest(emulator().endpoint, { method: "GET", path: "/_emulator/nothing" });
    assert.equal(missing.status, 404);
  });

  it("answers requests for no emulated service with UnknownOperationException", async () => {
    const res = await rawRequest(emulator().endpoint, { path: "/", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body).__type, "UnknownOperationException");
    assert.ok(res.headers["x-amzn-requestid"]);
  });

  describe("refuses what a web page could send", () => {
    const port = (): string => new URL(emulator().endpoint).port;
    const connectionCount = async (): Promise<number> => {
      const region = (await emulator().control.snapshot()).regional["111111111111/us-east-1"]?.directconnect as { connections: object } | undefined;
      return Object.keys(region?.connections ?? {}).length;
    };
    const makeConnection = () => dxClient(emulator()).send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "keep" }));

    it("a POST that is not application/json: 415, and nothing happens", async () => {
      await makeConnection();
      // What an HTML form or a no-cors fetch can send without a preflight.
      const kinds: Array<Record<string, string>> = [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, { "content-type": "multipart/form-data; boundary=x" }, {}];
      for (const headers of kinds) {
        const res = await rawRequest(emulator().endpoint, { method: "POST", path: "/_emulator/reset", headers, body: "{}" });
        assert.equal(res.status, 415, JSON.stringify(headers));
        assert.match(JSON.parse(res.body).error, /content-type: application\/json/);
      }
      assert.equal(await connectionCount(), 1, "the reset did not run");
      const json = await rawRequest(emulator().endpoint, { method: "POST", path: "/_emulator/reset", headers: { "content-type": "application/json; charset=utf-8" }, body: "{}" });
      assert.equal(json.status, 200);
      assert.equal(await connectionCount(), 0);
    });

    it("a foreign Origin: 403 on every method, while the emulator's own loopback origin passes", async () => {
      await makeConnection();
      for (const origin of ["http://evil.example", "null", `http://localhost:${Number(port()) + 1}`, `https://127.0.0.1:${port()}`]) {
        const post = await rawRequest(emulator().endpoint, { method: "POST", path: "/_emulator/reset", headers: { "content-type": "application/json", origin }, body: "{}" });
        assert.equal(post.status, 403, origin);
        assert.match(JSON.parse(post.body).error, /Origin/);
        const get = await rawRequest(emulator().endpoint, { method: "GET", path: "/_emulator/state", headers: { origin } });
        assert.equal(get.status, 403, origin);
      }
      assert.equal(await connectionCount(), 1, "no refused reset ran");
      for (const origin of [`http://127.0.0.1:${port()}`, `http://localhost:${port()}`, `http://[::1]:${port()}`]) {
        const get = await rawRequest(emulator().endpoint, { method: "GET", path: "/_emulator/health", headers: { origin } });
        assert.equal(get.status, 200, origin);
      }
    });

    it("a Host that is not loopback (DNS rebinding): 403; loopback names and addresses pass", async () => {
      for (const host of [`evil.example:${port()}`, "rebind.attacker.test", `localhost.evil.example:${port()}`, `10.0.0.1:${port()}`]) {
        const res = await rawRequest(emulator().endpoint, { method: "GET", path: "/_emulator/state", headers: { host } });
        assert.equal(res.status, 403, host);
        assert.match(JSON.parse(res.body).error, /Host/);
      }
      for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`, "127.0.0.1", `[::1]:${port()}`, `LOCALHOST:${port()}`]) {
        const res = await rawRequest(emulator().endpoint, { method: "GET", path: "/_emulator/health", headers: { host } });
        assert.equal(res.status, 200, host);
      }
    });

    it("accepts the address a request arrived on as Host, so a server bound to a LAN address stays usable", () => {
      const raw = (host: string) => ({ method: "GET", path: "/_emulator/health", rawQuery: "", headers: { host }, body: Buffer.alloc(0) });
      const socket = { localAddress: "192.0.2.10", localPort: 4566 };
      assert.equal(refuseControlRequest(raw("192.0.2.10:4566"), socket), undefined);
      assert.equal(refuseControlRequest(raw("192.0.2.11:4566"), socket)?.status, 403);
      assert.equal(refuseControlRequest(raw("emulator.lan:4566"), socket)?.status, 403, "a host name could be rebound");
      const v4mapped = { localAddress: "::ffff:192.0.2.10", localPort: 4566 };
      assert.equal(refuseControlRequest(raw("192.0.2.10"), v4mapped), undefined);
    });

    it("accepts the host names given as controlHosts (a docker-compose service name), and still no other", async () => {
      const own = await startEmulator({ controlHosts: ["Emulator"] });
      try {
        const ownPort = new URL(own.endpoint).port;
        const named = await rawRequest(own.endpoint, { method: "GET", path: "/_emulator/health", headers: { host: `emulator:${ownPort}` } });
        assert.equal(named.status, 200);
        const other = await rawRequest(own.endpoint, { method: "GET", path: "/_emulator/health", headers: { host: `emulator.evil.example:${ownPort}` } });
        assert.equal(other.status, 403);
      } finally {
        await own.stop();
      }
    });

    it("leaves the emulated AWS APIs as AWS has them: an Origin or a foreign Host does not matter there", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "directconnect",
        credentials: credsOf(PRIMARY),
        headers: { ...dxHeaders("DescribeLocations"), origin: "http://evil.example" },
        body: "{}",
      });
      assert.equal(res.status, 200);
    });

    it("the ControlClient passes every check", async () => {
      const control = new ControlClient(emulator().endpoint);
      await control.reset({ keepTimings: true });
      await control.injectFault({ kind: "throttle", count: 1, operation: "Nothing" });
      await control.clearFaults();
      assert.deepEqual(await control.faults(), []);
    });
  });
});
