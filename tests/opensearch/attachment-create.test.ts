import { strict as assert } from "assert";
import * as provider from "../../provider";
import { attachmentClientToken } from "../../provider/opensearch/attachment-token";
import { ATTACHMENT_KIND, SEEDED, attachmentsIn, detachOutOfBand } from "../support/attachments";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * How create makes exactly one attachment, called as the dynamic-provider host calls it: the derived client token, the
 * take-over of an attachment the pair already has, stale tokens that AWS answers with a detached attachment, and an
 * error after AttachDataSource answered, which must keep the id.
 */
describe("opensearch.DataSourceAttachment create (provider entry, emulator)", function () {
  const world = useEmulatorEnvironment({ timeScale: 1000 }, { PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50", PULUMI_AWS_CONNECTIONS_QUIET: "1" });
  const control = () => world.emulator.control;
  const inputs = { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.collection };
  const attachCalls = async () => (await control().counts())["OpenSearch.AttachDataSource"] ?? 0;

  beforeEach(async () => {
    await control().reset();
  });

  describe("the client token", () => {
    const base = { region: "us-east-1", applicationId: "logsapp01", dataSourceArn: SEEDED.appLogs };
    it("is the same for the same inputs and period, and at most 64 characters", () => {
      assert.equal(attachmentClientToken(base, 7), attachmentClientToken({ ...base }, 7));
      assert.ok(attachmentClientToken(base, 7).length <= 64);
    });
    it("differs when anything that names the attachment, or the period differs", () => {
      const variants = [
        attachmentClientToken(base, 7),
        attachmentClientToken({ ...base, region: "us-west-2" }, 7),
        attachmentClientToken({ ...base, applicationId: "otherapp1" }, 7),
        attachmentClientToken({ ...base, dataSourceArn: SEEDED.analytics }, 7),
        attachmentClientToken({ ...base, workspaceId: "Obs001" }, 7),
        attachmentClientToken({ ...base, workspaceConfiguration: { name: "Ops", workspaceType: "SEARCH" } }, 7),
        attachmentClientToken({ ...base, workspaceConfiguration: { name: "Ops", workspaceType: "OBSERVABILITY" } }, 7),
        attachmentClientToken(base, 8),
      ];
      assert.equal(new Set(variants).size, variants.length);
    });
  });

  it("an attachment the pair already has is taken over without calling AttachDataSource", async () => {
    const first = await provider.create(ATTACHMENT_KIND, inputs);
    const again = await provider.create(ATTACHMENT_KIND, inputs);
    assert.equal(again.id, first.id);
    assert.equal(again.outs.attachmentId, first.outs.attachmentId);
    assert.equal(await attachCalls(), 1);
    assert.equal((await attachmentsIn(world.emulator)).length, 1);
  });

  it("seven detach-and-attach-again cycles with the same inputs each attach once more, each at the first one's cost", async () => {
    const seen = new Set<unknown>();
    const callsPerCycle: number[] = [];
    for (let cycle = 1; cycle <= 7; cycle++) {
      const callsBefore = totalCalls(await control().counts());
      const made = await provider.create(ATTACHMENT_KIND, inputs);
      callsPerCycle.push(totalCalls(await control().counts()) - callsBefore);
      assert.equal(made.outs.status, "ATTACHED");
      const live = await attachmentsIn(world.emulator);
      assert.deepEqual(live.map((a) => a.attachmentId), [made.outs.attachmentId], `cycle ${cycle}: exactly one attachment`);
      seen.add(made.outs.attachmentId);
      await detachOutOfBand(world.emulator, inputs.applicationId, inputs.dataSourceArn);
    }
    assert.equal(seen.size, 7, "a new attachment every cycle");
    // The first cycle's token is new to AWS; every later one meets a stale token (the hour's token answered with the
    // attachment detached since) and costs one AttachDataSource more, never more than that, and no wait.
    assert.ok(callsPerCycle.slice(1).every((calls) => calls <= callsPerCycle[0] + 1), `calls per cycle: ${callsPerCycle.join(", ")}`);
    assert.equal(new Set(callsPerCycle.slice(1)).size, 1, `calls per cycle: ${callsPerCycle.join(", ")}`);
  });

  it("an error after AttachDataSource answered keeps the id (init error); the next up finds the attachment (per-resource polling)", async () => {
    // Per-resource polling: the look after the attach is a Describe, and its failure ends the create. (The shared
    // poller rides out server errors instead: tests/core/poller.test.ts.)
    process.env.PULUMI_AWS_CONNECTIONS_POLLER = "per-resource";
    try {
      // Hold the attach so that the looks after it, not the one before, meet the errors.
      await control().injectFault({ kind: "latency", service: "OpenSearch", operation: "AttachDataSource", count: 1, latencyMs: 500 });
      const running = provider.create(ATTACHMENT_KIND, inputs);
      while ((await control().faults()).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await control().injectFault({ kind: "server-error", service: "OpenSearch", operation: "DescribeDataSourceAttachment", count: 10 });
      await assert.rejects(running, (error: Error & { id?: string; properties?: Record<string, unknown> }) => {
        assert.equal(error.name, "ResourceInitError");
        assert.equal(error.id, `${SEEDED.activeApp},${SEEDED.collection}`);
        assert.equal(error.properties?.applicationId, SEEDED.activeApp);
        assert.match(error.message, /DescribeDataSourceAttachment failed: InternalException/);
        assert.match(error.message, /kept in state so it is not lost/);
        return true;
      });
      assert.equal((await attachmentsIn(world.emulator)).length, 1);
      // What the engine does next for a resource with init errors: an update, which finds and waits for it.
      const { outs } = await provider.update(ATTACHMENT_KIND, `${SEEDED.activeApp},${SEEDED.collection}`, { ...inputs, waitForAttached: true, region: "us-east-1" }, inputs);
      assert.equal(outs.status, "ATTACHED");
      assert.equal(await attachCalls(), 1);
    } finally {
      delete process.env.PULUMI_AWS_CONNECTIONS_POLLER;
    }
  });

  it("adoptId states the intent only: a forced replacement (detached first) attaches again with adoptId still set", async () => {
    const withAdopt = { ...inputs, adoptId: `${SEEDED.activeApp},${SEEDED.collection}` };
    const first = await provider.create(ATTACHMENT_KIND, withAdopt);
    await provider.delete(ATTACHMENT_KIND, first.id, first.outs);
    const again = await provider.create(ATTACHMENT_KIND, withAdopt);
    assert.equal(again.outs.status, "ATTACHED");
    assert.deepEqual((await attachmentsIn(world.emulator)).map((a) => a.attachmentId), [again.outs.attachmentId]);
  });

  it("acts in the data source's region when aws.region is unset, whatever AWS_REGION says", async () => {
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = "eu-west-1";
    try {
      const made = await provider.create(ATTACHMENT_KIND, { applicationId: SEEDED.westApp, dataSourceArn: SEEDED.appLogsWest });
      assert.equal(made.outs.region, "us-west-2");
      assert.equal((await attachmentsIn(world.emulator))[0].region, "us-west-2");
    } finally {
      process.env.AWS_REGION = saved;
    }
  });
});

/** Calls the emulator answered, all operations together (the control API's counts: "Service.Operation" → n). */
function totalCalls(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
