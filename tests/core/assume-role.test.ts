import { strict as assert } from "assert";
import * as provider from "../../provider";
import { resetClients } from "../../provider/core/aws-clients";
import { TEST_EXTERNAL_ID } from "../../emulator";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * `aws.roleArn` (and `acceptWith.roleArn`, built the same way): AssumeRole gets the retry budget of idempotent service
 * calls, so a throttling burst on STS passes; when it fails for good, the error names AssumeRole, the role and STS's
 * request id, and not the service operation it never got to send. The external id is never shown.
 */
const KIND = "directconnect:Connection";
const PARTNER = "222222222222";
const ROLE = `arn:aws:iam::${PARTNER}:role/connections-admin`;
const EXTERNAL_ROLE = `arn:aws:iam::${PARTNER}:role/connections-admin-external`;
const INPUTS = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "via-role" };

describe("aws.roleArn: AssumeRole's retries and errors", function () {
  const world = useEmulatorEnvironment({ timeScale: 1000 }, { PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50", PULUMI_AWS_CONNECTIONS_QUIET: "1" });
  beforeEach(async () => {
    // Clients (and the credentials they hold) are cached per settings: each test assumes the role afresh.
    resetClients();
    await world.emulator.control.reset();
  });

  const assumeRoleCalls = async () => (await world.emulator.control.log()).filter((e) => e.service === "STS" && e.operation === "AssumeRole");

  it("rides out STS throttling and server errors beyond the SDK's default 3 attempts (create, whose own call gets one)", async () => {
    await world.emulator.control.injectFault({ kind: "throttle", service: "STS", operation: "AssumeRole", count: 3 });
    await world.emulator.control.injectFault({ kind: "server-error", service: "STS", operation: "AssumeRole", count: 3 });
    const { id, outs } = await provider.create(KIND, { ...INPUTS, aws: { roleArn: ROLE } });
    assert.equal(outs.ownerAccount, PARTNER, "made in the role's account");
    const calls = await assumeRoleCalls();
    assert.deepEqual(calls.slice(0, 7).map((c) => c.status), [400, 400, 400, 500, 500, 500, 200]);
    await provider.delete(KIND, id, { ...INPUTS, aws: { roleArn: ROLE }, ...outs });
  });

  it("a refused AssumeRole names AssumeRole, the role and STS's request id, says the operation was not sent, and hides the external id", async () => {
    const wrongExternalId = "not-the-external-id-5e2b";
    const error = await provider.create(KIND, { ...INPUTS, aws: { roleArn: EXTERNAL_ROLE, externalId: wrongExternalId } }).then(
      () => assert.fail("AssumeRole with a wrong external id must fail"),
      (e: Error) => e,
    );
    const [call] = await assumeRoleCalls();
    assert.ok(call, "AssumeRole was called");
    assert.match(error.message, new RegExp(`AssumeRole of ${EXTERNAL_ROLE.replace(/[/]/g, "\\/")} failed: AccessDenied`));
    assert.ok(error.message.includes(`request id ${call.requestId}`), `STS's request id ${call.requestId} in: ${error.message}`);
    assert.match(error.message, /so CreateConnection was not sent/);
    assert.doesNotMatch(error.message, /CreateConnection failed/);
    assert.ok(!error.message.includes(wrongExternalId) && !error.message.includes(TEST_EXTERNAL_ID), error.message);
    const log = await world.emulator.control.log();
    assert.equal(log.filter((e) => e.service === "DirectConnect").length, 0, "no Direct Connect call was made");
  });

  it("STS failing past the budget (server errors, whose backoff is short) fails the same way, after 10 attempts", async () => {
    await world.emulator.control.injectFault({ kind: "server-error", service: "STS", operation: "AssumeRole", count: 10 });
    const error = await provider.read(KIND, "dxcon-ffffffff", { ...INPUTS, aws: { roleArn: ROLE } }).then(
      () => assert.fail("AssumeRole must fail"),
      (e: Error) => e,
    );
    const calls = await assumeRoleCalls();
    assert.equal(calls.length, 10, "the idempotent calls' budget of 10 attempts");
    assert.match(error.message, /AssumeRole of arn:aws:iam::222222222222:role\/connections-admin failed: \w+: .*HTTP 5\d\d/);
    assert.ok(error.message.includes(`request id ${calls[9].requestId}`), error.message);
    assert.match(error.message, /so DescribeConnections was not sent/);
  });
});
