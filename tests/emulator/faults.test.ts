import { strict as assert } from "node:assert";
import { CreateConnectionCommand, DescribeConnectionsCommand, DescribeLocationsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { PRIMARY, dxClient, rejection, stsClient, useEmulator } from "./helpers";

const CREATE = new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "faulty" });

describe("emulator: injected faults", function () {
  const emulator = useEmulator();
  beforeEach(() => emulator().control.reset());

  async function connectionCount(): Promise<number> {
    const out = await dxClient(emulator()).send(new DescribeConnectionsCommand({}));
    return out.connections?.length ?? 0;
  }

  it("throttles a burst that the SDK retries through", async function () {
    await emulator().control.injectFault({ kind: "throttle", service: "DirectConnect", operation: "CreateConnection", count: 2 });
    const out = await dxClient(emulator()).send(CREATE);
    assert.equal(out.$metadata.attempts, 3);
    const log = (await emulator().control.log()).filter((e) => e.operation === "CreateConnection");
    assert.deepEqual(
      log.map((e) => [e.status, e.errorCode, e.fault]),
      [
        [400, "ThrottlingException", "throttle"],
        [400, "ThrottlingException", "throttle"],
        [200, undefined, undefined],
      ],
    );
    assert.equal((await emulator().control.counts())["DirectConnect.CreateConnection"], 3);
    assert.equal(await connectionCount(), 1, "throttled attempts did not run");
    assert.deepEqual(await emulator().control.faults(), [], "a used-up fault is removed");
  });

  it("reports throttling as ThrottlingException / 400 / Rate exceeded", async () => {
    await emulator().control.injectFault({ kind: "throttle", operation: "DescribeLocations", count: 1 });
    const err = await rejection(dxClient(emulator(), { maxAttempts: 1 }).send(new DescribeLocationsCommand({})));
    assert.equal(err.name, "ThrottlingException");
    assert.equal(err.message, "Rate exceeded");
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.ok(err.$metadata.requestId);
  });

  it("fails with each service's internal error", async () => {
    await emulator().control.injectFault({ kind: "server-error", service: "directconnect", count: 1 });
    await emulator().control.injectFault({ kind: "server-error", service: "sts", count: 1 });
    const dxErr = await rejection(dxClient(emulator(), { maxAttempts: 1 }).send(CREATE));
    assert.equal(dxErr.name, "DirectConnectServerException");
    assert.equal(dxErr.$metadata.httpStatusCode, 500);
    const stsErr = await rejection(stsClient(emulator(), { maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    assert.equal(stsErr.name, "InternalFailure");
    assert.equal(stsErr.$metadata.httpStatusCode, 500);
    assert.equal(await connectionCount(), 0);
  });

  it("drops the connection on reset, before running the operation", async () => {
    await emulator().control.injectFault({ kind: "reset", operation: "CreateConnection", count: 1 });
    const err = await rejection(dxClient(emulator(), { maxAttempts: 1 }).send(CREATE));
    assert.match(`${(err as { code?: string }).code ?? ""} ${err.message}`, /ECONNRESET|socket hang up/);
    assert.equal(await connectionCount(), 0);
    const [entry] = await emulator().control.log();
    assert.equal(entry.status, 0);
    assert.equal(entry.fault, "reset");
  });

  it('"after" runs the operation and loses the response, so a naive retry duplicates', async () => {
    await emulator().control.injectFault({ kind: "reset", operation: "CreateConnection", count: 1, when: "after" });
    await dxClient(emulator()).send(CREATE); // the SDK retries the dropped call
    assert.equal(await connectionCount(), 2);
    await emulator().control.injectFault({ kind: "server-error", operation: "CreateConnection", count: 1, when: "after" });
    const err = await rejection(dxClient(emulator(), { maxAttempts: 1 }).send(CREATE));
    assert.equal(err.name, "DirectConnectServerException");
    assert.equal(await connectionCount(), 3);
  });

  it("delays requests with latency and then serves them", async () => {
    await emulator().control.injectFault({ kind: "latency", latencyMs: 150, operation: "DescribeLocations", count: 1 });
    const started = Date.now();
    await dxClient(emulator()).send(new DescribeLocationsCommand({}));
    assert.ok(Date.now() - started >= 140);
    const [entry] = await emulator().control.log();
    assert.equal(entry.fault, "latency");
    assert.equal(entry.status, 200);
  });

  // A client that gives up after `ms` (the SDK's total-request timeout throws only when asked to).
  const impatient = (ms: number) => new DirectConnectClient({ ...sdkConfig(), maxAttempts: 1, requestHandler: { requestTimeout: ms, throwOnRequestTimeout: true } });
  const sdkConfig = () => ({ endpoint: emulator().endpoint, region: "us-east-1", credentials: { accessKeyId: PRIMARY.accessKeyId, secretAccessKey: PRIMARY.secretAccessKey } });

  it("hang accepts the request and never answers: only the client's own timeout ends it, and the operation did not run", async () => {
    await emulator().control.injectFault({ kind: "hang", operation: "CreateConnection", count: 1 });
    const started = Date.now();
    const err = await rejection(impatient(300).send(CREATE));
    assert.equal(err.name, "TimeoutError");
    assert.ok(Date.now() - started >= 290, "the client waited for its own timeout");
    assert.equal(await connectionCount(), 0);
    const [entry] = await emulator().control.log();
    assert.deepEqual([entry.operation, entry.status, entry.fault], ["CreateConnection", 0, "hang"]);
  });

  it('hang "after" runs the operation and keeps its effects; the answer never comes', async () => {
    await emulator().control.injectFault({ kind: "hang", operation: "CreateConnection", count: 1, when: "after" });
    const err = await rejection(impatient(300).send(CREATE));
    assert.equal(err.name, "TimeoutError");
    assert.equal(await connectionCount(), 1);
  });

  it("clearing the faults drops a held request unanswered (a client without a timeout would wait forever)", async () => {
    await emulator().control.injectFault({ kind: "hang", operation: "DescribeLocations", count: 1 });
    const client = dxClient(emulator(), { maxAttempts: 1 });
    let settled = false;
    const call = rejection(client.send(new DescribeLocationsCommand({}))).finally(() => (settled = true));
    while ((await emulator().control.log()).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Held: a second, unfaulted request is answered meanwhile, and the first still has no answer.
    await client.send(new DescribeLocationsCommand({}));
    assert.equal(settled, false, "the held request was answered");
    await emulator().control.clearFaults();
    const err = await call;
    assert.match(`${(err as { code?: string }).code ?? ""} ${err.message}`, /ECONNRESET|socket hang up/);
    assert.deepEqual((await emulator().control.log()).map((e) => [e.status, e.fault]), [[0, "hang"], [200, undefined]]);
  });

  it("matches only the named service and operation", async () => {
    await emulator().control.injectFault({ kind: "throttle", service: "STS", count: 1 });
    await emulator().control.injectFault({ kind: "throttle", service: "DirectConnect", operation: "DeleteConnection", count: 1 });
    await dxClient(emulator(), { maxAttempts: 1 }).send(CREATE);
    assert.equal((await emulator().control.faults()).length, 2);
    await emulator().control.clearFaults();
    assert.deepEqual(await emulator().control.faults(), []);
    await stsClient(emulator(), { maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
  });

  it("rejects malformed fault specifications", async () => {
    await assert.rejects(emulator().control.injectFault({ kind: "explode" as "reset", count: 1 }), /fault.kind must be one of/);
    await assert.rejects(emulator().control.injectFault({ kind: "reset", count: 0 }), /positive integer/);
    await assert.rejects(emulator().control.injectFault({ kind: "latency", count: 1 }), /needs latencyMs/);
  });
});
