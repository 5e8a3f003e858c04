import { strict as assert } from "assert";
import * as provider from "../../provider";
import { clientConfig, IDEMPOTENT, REQUEST_TIMEOUT_VARIABLE, requestTimeoutMs, resetClients } from "../../provider/core/aws-clients";
import { startProviderEmulator, type ProviderEmulator } from "../support/provider-emulator";

/**
 * Every AWS request of the provider is abandoned after a timeout (60 s; PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT), so a
 * response that never comes cannot hang an operation: the dynamic-provider host ignores Cancel and `timeouts` bound
 * only the polling. The emulator's `hang` fault holds a request unanswered, as a stalled server or network does; the
 * provider's real clients are used (in this process, as the host runs them), with the timeout shortened to 500 ms so
 * no test waits 60 s. Without the timeout turned into an error (`throwOnRequestTimeout`) the SDK only logs a warning
 * and the calls below never end (this test then fails on mocha's timeout).
 */
describe("the per-request timeout (PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT)", function () {
  describe("the setting", () => {
    it("is 60 s by default, a duration when set, and a wrong value is refused naming the variable", () => {
      assert.equal(requestTimeoutMs({}), 60_000);
      assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_VARIABLE]: "" }), 60_000);
      assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_VARIABLE]: "90s" }), 90_000);
      assert.equal(requestTimeoutMs({ [REQUEST_TIMEOUT_VARIABLE]: "500ms" }), 500);
      assert.throws(() => requestTimeoutMs({ [REQUEST_TIMEOUT_VARIABLE]: "soon" }), (error: Error) => error.message.startsWith(`${REQUEST_TIMEOUT_VARIABLE}: must be a duration`) && !error.message.includes("soon"));
    });

    it("reaches every client as an abandoning timeout, not the SDK's warn-only one", () => {
      const saved = process.env[REQUEST_TIMEOUT_VARIABLE];
      delete process.env[REQUEST_TIMEOUT_VARIABLE];
      try {
        assert.deepEqual(clientConfig({}, IDEMPOTENT).requestHandler, { connectionTimeout: 10_000, requestTimeout: 60_000, throwOnRequestTimeout: true });
      } finally {
        if (saved !== undefined) process.env[REQUEST_TIMEOUT_VARIABLE] = saved;
      }
    });
  });

  describe("against requests the emulator holds unanswered (provider entry, emulator)", function () {
    let world: ProviderEmulator;
    before(async () => {
      world = await startProviderEmulator();
      process.env[REQUEST_TIMEOUT_VARIABLE] = "500ms";
      resetClients();
    });
    after(async () => world?.stop());

    it("a Describe that hangs is abandoned after 500 ms and retried: refresh gets its answer", async () => {
      const { id, outs } = await provider.create("directconnect:Connection", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "held" });
      await world.emulator.control.injectFault({ kind: "hang", service: "DirectConnect", operation: "DescribeConnections", count: 1 });
      const started = Date.now();
      const read = await provider.read("directconnect:Connection", id, outs);
      assert.equal(read.id, id);
      assert.ok(Date.now() - started >= 450, "the held request was waited for until its timeout");
      const describes = (await world.emulator.control.log()).filter((e) => e.operation === "DescribeConnections").slice(-2);
      assert.deepEqual(describes.map((e) => [e.status, e.fault]), [[0, "hang"], [200, undefined]]);
    });

    it("a create whose answer never comes (after AWS made it) ends with that one connection, not a second", async () => {
      await world.emulator.control.injectFault({ kind: "hang", service: "OpenSearch", operation: "CreateOutboundConnection", count: 1, when: "after" });
      const { id } = await provider.create("opensearch:OutboundConnection", {
        localDomain: { domainName: "analytics" },
        remoteDomain: { domainName: "app-logs" },
        connectionAlias: "held-answer",
      });
      const made = (await world.emulator.control.crossClusterConnections()).filter((c) => c.connectionAlias === "held-answer");
      assert.deepEqual(made.map((c) => c.connectionId), [id]);
      assert.equal((await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"], 1);
    });
  });
});
