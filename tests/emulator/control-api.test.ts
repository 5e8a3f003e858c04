import { strict as assert } from "node:assert";
import { CreateConnectionCommand, DescribeLocationsCommand } from "@aws-sdk/client-direct-connect";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ControlClient } from "../../emulator";
import { PARTNER, dxClient, rawRequest, rejection, stsClient, useEmulator } from "./helpers";

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
});
