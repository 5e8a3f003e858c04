import { strict as assert } from "assert";
import type { FaultSpec } from "../../emulator";
import * as provider from "../../provider";
import { ATTACHMENT_KIND, SEEDED, attachmentsIn } from "../support/attachments";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * Throttling, server errors before the operation runs, and lost responses (the operation ran in AWS, the answer did
 * not arrive: a 5xx or a dropped connection after it) during every step of an attachment's life: AttachDataSource,
 * the describes behind every lookup and wait, GetApplication (explaining FAILED), DetachDataSource. Each must end with
 * exactly one attachment per resource and, after destroy, none. Calls the provider entry, as the dynamic-provider host does.
 */
const OS = "OpenSearch";

/** Two throttles (the SDK backs off in real time), a 5xx before the operation, and a 5xx after it ran (response lost). */
function burst(operation: string): FaultSpec[] {
  return [
    { kind: "throttle", service: OS, operation, count: 2 },
    { kind: "server-error", service: OS, operation, count: 1 },
    { kind: "server-error", service: OS, operation, count: 1, when: "after" },
  ];
}

describe("opensearch.DataSourceAttachment under faults (provider entry, emulator)", function () {
  const world = useEmulatorEnvironment({ timeScale: 1000 }, { PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50", PULUMI_AWS_CONNECTIONS_QUIET: "1" });
  const control = () => world.emulator.control;

  beforeEach(async () => {
    await control().reset();
  });

  async function arm(faults: FaultSpec[]): Promise<void> {
    for (const fault of faults) await control().injectFault(fault);
  }

  async function until(condition: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (!(await condition())) {
      assert.ok(Date.now() < deadline, "timed out waiting for the emulator");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function assertFaultsConsumed(): Promise<void> {
    assert.deepEqual(await control().faults(), [], "every injected fault was consumed");
  }

  /** Create, check one attachment that is the resource's, destroy, check none. */
  async function lifecycle(inputs: Record<string, unknown>): Promise<void> {
    const made = await provider.create(ATTACHMENT_KIND, inputs);
    const live = await attachmentsIn(world.emulator);
    assert.deepEqual(live.map((a) => a.attachmentId), [made.outs.attachmentId], "exactly one attachment, the resource's");
    assert.equal(made.outs.status, live[0].status);
    await provider.delete(ATTACHMENT_KIND, made.id, made.outs);
    assert.deepEqual(await attachmentsIn(world.emulator), [], "none after destroy");
  }

  const inputs = { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.appLogs, workspaceConfiguration: { name: "Ops", workspaceType: "OBSERVABILITY" } };

  it("AttachDataSource: throttling, a 5xx, then a lost response (5xx after it ran): one attachment, one workspace", async () => {
    await arm(burst("AttachDataSource"));
    await lifecycle(inputs);
    await assertFaultsConsumed();
    assert.equal((await control().counts())["OpenSearch.AttachDataSource"], 5, "two throttled, one 5xx, one lost, one answered");
    assert.equal((await control().workspaces()).filter((w) => w.name === "Ops").length, 1);
  });

  it("AttachDataSource: dropped connections after it ran, twice: one attachment", async () => {
    await arm([{ kind: "reset", service: OS, operation: "AttachDataSource", count: 2, when: "after" }]);
    await lifecycle(inputs);
    await assertFaultsConsumed();
  });

  // A burst is met by the next call of its operation (all four faults by one call and its retries), so each step gets its own.
  it("DescribeDataSourceAttachment right after the attach: a burst", async () => {
    await arm(burst("DescribeDataSourceAttachment"));
    await lifecycle(inputs);
    await assertFaultsConsumed();
  });

  it("ListDataSourceAttachments in the create's wait of a PENDING attachment, DescribeDataSourceAttachment in the destroy's: a burst each", async () => {
    // The seeded application and collection stay CREATING until told: each wait meets its burst before it can end.
    const pending = { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.analytics };
    const running = provider.create(ATTACHMENT_KIND, pending);
    await until(async () => ((await control().counts())["OpenSearch.AttachDataSource"] ?? 0) > 0);
    // The create's wait looks through the application's shared list; the destroy's waits describe the attachment.
    await arm(burst("ListDataSourceAttachments"));
    await until(async () => (await control().faults()).length === 0);
    await control().setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "ACTIVE");
    const made = await running;
    assert.equal(made.outs.status, "ATTACHED");
    assert.equal((await attachmentsIn(world.emulator)).length, 1);

    const waiting = await provider.create(ATTACHMENT_KIND, { ...pending, dataSourceArn: SEEDED.creatingCollection, waitForAttached: false });
    assert.equal(waiting.outs.status, "PENDING");
    await arm(burst("DescribeDataSourceAttachment"));
    const deleting = provider.delete(ATTACHMENT_KIND, waiting.id, waiting.outs);
    await until(async () => (await control().faults()).length === 0);
    await control().setDataSourceStatus(SEEDED.creatingCollection, "ACTIVE");
    await deleting;
    await provider.delete(ATTACHMENT_KIND, made.id, made.outs);
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });

  it("DetachDataSource: throttling, a 5xx, then a lost response (the retry finds nothing to detach: success)", async () => {
    const made = await provider.create(ATTACHMENT_KIND, inputs);
    await arm(burst("DetachDataSource"));
    await provider.delete(ATTACHMENT_KIND, made.id, made.outs);
    assert.deepEqual(await attachmentsIn(world.emulator), []);
    await assertFaultsConsumed();
  });

  it("GetApplication while explaining a FAILED attachment: bursts; the init error still gives the reason and keeps the id", async () => {
    await control().setTimeScale(200_000);
    await arm(burst("GetApplication"));
    await assert.rejects(
      provider.create(ATTACHMENT_KIND, { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.appLogs, timeouts: { create: "1m" } }),
      (error: Error & { id?: string }) => {
        assert.equal(error.name, "ResourceInitError");
        assert.equal(error.id, `${SEEDED.creatingApp},${SEEDED.appLogs}`);
        assert.match(error.message, /FAILED/);
        assert.match(error.message, /the application is CREATING/);
        return true;
      },
    );
    assert.equal((await attachmentsIn(world.emulator)).length, 1);
    await assertFaultsConsumed();
  });

  it("an error that does surface names the resource, the operation, AWS's code and the request id, and leaves nothing", async () => {
    const missing = "arn:aws:es:us-east-1:111111111111:domain/no-such-domain";
    await assert.rejects(provider.create(ATTACHMENT_KIND, { ...inputs, dataSourceArn: missing }), (error: Error) => {
      assert.match(error.message, /opensearch\.DataSourceAttachment "logsapp01 ← no-such-domain": AttachDataSource failed: ResourceNotFoundException: .*HTTP 409, request id [0-9a-f-]+/);
      return true;
    });
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });
});
