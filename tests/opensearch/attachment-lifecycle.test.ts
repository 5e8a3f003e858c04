import { strict as assert } from "assert";
import type { CliStack, OperationResult, StepResult } from "../../cli-runner";
import { ATTACHMENT_FIXTURE, SEEDED, attachmentIn, attachmentsIn, detachOutOfBand, killProviderHosts } from "../support/attachments";
import { startWorld, stepOf, untilCalled, type World } from "../support/world";

/**
 * opensearch.DataSourceAttachment through the real Pulumi CLI (engine and dynamic-provider host), against the
 * emulator. The fixture program (tests/fixtures/opensearch/attachment) takes the attachments' arguments from config,
 * so every input is changed as a user would change their program.
 */
type Args = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);
const errorOf = (result: OperationResult) => `${result.error ?? ""}\n${result.diagnostics.join("\n")}`;
const MUTATING = ["OpenSearch.AttachDataSource", "OpenSearch.DetachDataSource"];

/** Whether a replacement deleted the old instance before creating the new one (delete-before-replace) or after. */
function replacementOrder(steps: StepResult[], name: string): "detach-first" | "attach-first" {
  const own = steps.filter((s) => s.name === name);
  const deleted = own.findIndex((s) => s.physical === "delete-replaced");
  const created = own.findIndex((s) => s.op === "replace" && !s.physical);
  assert.ok(created >= 0 && deleted >= 0, `not a completed replacement of ${name}: ${JSON.stringify(own)}`);
  return deleted < created ? "detach-first" : "attach-first";
}

describe("opensearch.DataSourceAttachment lifecycle (real host, emulator)", function () {
  let world: World;
  let stack: CliStack;
  const use = (attachments: Record<string, Args>) => stack.setConfig("attachments", json(attachments));
  const mutations = async (before: Record<string, number>) => {
    const delta = await world.countsSince(before);
    return Object.fromEntries(Object.entries(delta).filter(([key]) => MUTATING.includes(key)));
  };

  beforeEach(async () => {
    world = await startWorld();
    stack = world.stack(ATTACHMENT_FIXTURE, { config: { attachments: json({}) } });
  });
  afterEach(async () => {
    await world?.dispose();
  });

  it("up with a CREATING application: PENDING at first, ATTACHED once the application is ACTIVE; destroy detaches", async () => {
    use({ att: { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.appLogs } });
    const running = stack.previewThenUp();
    // The application finishes creating while the create waits: once AttachDataSource has answered PENDING.
    await untilCalled(world, "OpenSearch.AttachDataSource");
    await world.emulator.control.setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "ACTIVE");
    const up = await running;
    world.assertOk(up);
    assert.equal(stepOf(up.preview?.steps ?? [], "att").op, "create");
    const state = attachmentIn(stack, "att");
    assert.equal(state.id, `${SEEDED.creatingApp},${SEEDED.appLogs}`);
    assert.equal(state.outputs.status, "ATTACHED");
    assert.equal(state.outputs.applicationArn, `arn:aws:opensearch:us-east-1:111111111111:application/${SEEDED.creatingApp}`);
    assert.equal(state.outputs.region, "us-east-1");
    const [record, ...others] = await attachmentsIn(world.emulator, SEEDED.creatingApp);
    assert.deepEqual(others, []);
    assert.equal(record.attachmentId, state.outputs.attachmentId);
    assert.equal(record.status, "ATTACHED");
    assert.ok(record.statusSince > record.createdAt, "it was PENDING first: ATTACHED came after the request");

    const before = await world.emulator.control.counts();
    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
    assert.deepEqual(await mutations(before), { "OpenSearch.DetachDataSource": 1 });
    assert.equal(stack.readState().resources.filter((r) => r.custom).length, 0);
  });

  it("waitForAttached: false ends at PENDING; refresh shows ATTACHED later; switching it on changes nothing in AWS", async () => {
    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.creatingCollection, waitForAttached: false } });
    world.assertOk(await stack.up());
    assert.equal(attachmentIn(stack, "att").outputs.status, "PENDING");

    await world.emulator.control.setDataSourceStatus(SEEDED.creatingCollection, "ACTIVE");
    const before = await world.emulator.control.counts();
    const refresh = await stack.refresh();
    world.assertOk(refresh);
    assert.equal(attachmentIn(stack, "att").outputs.status, "ATTACHED");

    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.creatingCollection, waitForAttached: true } });
    const up = await stack.up();
    world.assertOk(up);
    assert.equal(stepOf(up.steps, "att").op, "update");
    assert.deepEqual(await mutations(before), {}, "refresh and the waitForAttached change call neither attach nor detach");
  });

  // DataSourceAttachment is deleteBeforeReplace by default (sdk/core/dynamic-provider.ts): `pulumi up --replace` asks no
  // diff, and a replacement made first would take over the very attachment the old resource's delete then detaches.
  // One stack holds a resource per input (each on a data source of its own, AWS keeping one attachment per pair), and
  // one change of the program changes each one's input: one preview and one up cover every row.
  it("every input replaces, detaching first: one attachment after each, the old ones detached", async () => {
    const source = (name: string) => `arn:aws:es:us-east-1:111111111111:domain/${name}`;
    const rows: Array<{ field: string; base: Args; next: Args }> = [
      {
        field: "workspaceConfiguration",
        base: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-ws-config"), workspaceConfiguration: { name: "Ops", workspaceType: "OBSERVABILITY" } },
        next: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-ws-config"), workspaceConfiguration: { name: "Ops 2", workspaceType: "SEARCH" } },
      },
      {
        field: "workspaceId",
        base: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-ws-id"), workspaceConfiguration: { name: "Ops 3", workspaceType: "OBSERVABILITY" } },
        next: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-ws-id"), workspaceId: SEEDED.workspaceOfActiveApp },
      },
      {
        field: "dataSourceArn",
        base: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-source") },
        next: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-source-2") },
      },
      {
        field: "applicationId",
        base: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-app") },
        next: { applicationId: "otherapp01", dataSourceArn: source("rep-app") },
      },
      {
        field: "aws.region",
        base: { applicationId: SEEDED.activeApp, dataSourceArn: source("rep-region") },
        next: { applicationId: SEEDED.westApp, dataSourceArn: SEEDED.appLogsWest, aws: { region: "us-west-2" } },
      },
    ];
    const name = (field: string) => `rep-${field.replace(/\W/g, "-")}`;
    await world.emulator.control.putApplication({ account: "primary", region: "us-east-1", id: "otherapp01", name: "other-app" });
    for (const dataSourceArn of new Set(rows.flatMap((row) => [row.base.dataSourceArn, row.next.dataSourceArn]))) {
      if (typeof dataSourceArn === "string" && dataSourceArn.includes("/rep-")) await world.emulator.control.putDataSource({ dataSourceArn });
    }
    use(Object.fromEntries(rows.map((row) => [name(row.field), row.base])));
    world.assertOk(await stack.up());
    const old = new Map(rows.map((row) => [row.field, attachmentIn(stack, name(row.field)).outputs.attachmentId]));

    use(Object.fromEntries(rows.map((row) => [name(row.field), row.next])));
    const preview = await stack.preview();
    world.assertOk(preview);
    for (const row of rows) assert.equal(stepOf(preview.steps, name(row.field)).op, "replace", row.field);
    const up = await stack.up();
    world.assertOk(up);
    const live = await attachmentsIn(world.emulator);
    assert.equal(live.length, rows.length, `exactly the new attachments exist: ${JSON.stringify(live)}`);
    for (const row of rows) {
      assert.equal(replacementOrder(up.steps, name(row.field)), "detach-first", row.field);
      const now = attachmentIn(stack, name(row.field));
      assert.notEqual(now.outputs.attachmentId, old.get(row.field), row.field);
      const attached = live.find((a) => a.attachmentId === now.outputs.attachmentId);
      assert.ok(attached, `${row.field}: the new attachment exists`);
      assert.equal(attached.applicationId, row.next.applicationId, row.field);
      assert.equal(attached.dataSourceArn, row.next.dataSourceArn, row.field);
      assert.equal(attached.status, "ATTACHED", row.field);
      if (row.field === "workspaceId") assert.equal(attached.linkedWorkspaceId, SEEDED.workspaceOfActiveApp);
    }
    const workspaces = await world.emulator.control.workspaces();
    assert.ok(
      workspaces.some((w) => w.name === "Ops 2" && w.workspaceType === "SEARCH" && w.dataSourceArns.includes(source("rep-ws-config"))),
      JSON.stringify(workspaces),
    );
    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });

  it("refresh after an out-of-band detach drops the attachment; the next up attaches again (the first token only replays the detached one)", async () => {
    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.collection } });
    world.assertOk(await stack.up());
    const first = attachmentIn(stack, "att").outputs.attachmentId;
    await detachOutOfBand(world.emulator, SEEDED.activeApp, SEEDED.collection);

    const refresh = await stack.refresh();
    world.assertOk(refresh);
    assert.equal(stepOf(refresh.steps, "att").op, "read-gone");
    assert.equal(stack.readState().resources.some((r) => r.name === "att" && r.custom), false);

    const before = await world.emulator.control.counts();
    const up = await stack.up();
    world.assertOk(up);
    assert.equal(stepOf(up.steps, "att").op, "create");
    const again = attachmentIn(stack, "att").outputs.attachmentId;
    assert.notEqual(again, first);
    assert.deepEqual((await attachmentsIn(world.emulator)).map((a) => a.attachmentId), [again]);
    // AWS answers the first create's token with the detached attachment and attaches nothing; the next token attaches.
    assert.deepEqual(await mutations(before), { "OpenSearch.AttachDataSource": 2 });
  });

  it("an update after an out-of-band detach says so and how to recover", async () => {
    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.collection } });
    world.assertOk(await stack.up());
    await detachOutOfBand(world.emulator, SEEDED.activeApp, SEEDED.collection);
    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.collection, waitForAttached: false } });
    const up = await stack.up();
    assert.equal(up.ok, false);
    assert.match(errorOf(up), /no longer exists in AWS.*pulumi refresh/s);
  });

  it("destroy waits out a PENDING attachment (AWS cannot detach it), then detaches", async () => {
    use({ att: { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.analytics, waitForAttached: false } });
    world.assertOk(await stack.up());
    assert.equal(attachmentIn(stack, "att").outputs.status, "PENDING");
    // The application finishes creating five emulated minutes (300 ms) into the destroy's wait.
    await world.emulator.control.setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "CREATING", { activeAfterMs: 5 * 60_000 });
    const before = await world.emulator.control.counts();
    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
    const log = (await world.emulator.control.log()).filter((e) => e.operation === "DetachDataSource");
    assert.deepEqual(log.map((e) => e.status), [200], "one detach, never refused with a Conflict");
    assert.deepEqual(await mutations(before), { "OpenSearch.DetachDataSource": 1 });
  });

  it("destroy of an attachment still PENDING past timeouts.delete fails, says why, and keeps it; a later destroy finishes", async () => {
    use({ att: { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.analytics, waitForAttached: false, timeouts: { delete: "2s" } } });
    world.assertOk(await stack.up());
    const destroy = await stack.destroy();
    assert.equal(destroy.ok, false);
    assert.match(errorOf(destroy), /still PENDING after 2s, and AWS refuses to detach a PENDING attachment/);
    assert.match(errorOf(destroy), /Nothing was changed and the attachment stays in state/);
    assert.equal(attachmentIn(stack, "att").outputs.status, "PENDING");
    assert.equal((await attachmentsIn(world.emulator)).length, 1);

    await world.emulator.control.setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "ACTIVE");
    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });

  it("FAILED (still PENDING after 24 hours) is an init error with the reason; it stays in state; destroy waits for an ACTIVE application", async () => {
    // 24 emulated hours in under a second of real time.
    await world.emulator.control.setTimeScale(200_000);
    use({ att: { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.appLogs, timeouts: { create: "1m", delete: "2s" } } });
    const up = await stack.up();
    assert.equal(up.ok, false);
    const message = errorOf(up);
    assert.match(message, /FAILED/);
    assert.match(message, /the application is CREATING/);
    assert.match(message, /kept in state/);
    const state = attachmentIn(stack, "att");
    assert.equal(state.outputs.status, "FAILED");
    assert.equal((await attachmentsIn(world.emulator))[0].status, "FAILED");

    // The next up looks again (an init error is retried as an update) and fails the same way: FAILED is final.
    const again = await stack.up();
    assert.equal(again.ok, false);
    assert.match(errorOf(again), /FAILED/);

    // AWS detaches only while the application is ACTIVE: destroy waits for it, then says why and keeps the attachment.
    await world.emulator.control.setTimeScale(1000);
    const stuck = await stack.destroy();
    assert.equal(stuck.ok, false);
    assert.match(errorOf(stuck), /AWS detaches data sources only while the application is ACTIVE, and newapp002 is CREATING after 2s/);
    assert.match(errorOf(stuck), /Nothing was changed and the attachment stays in state/);
    assert.equal(attachmentIn(stack, "att").outputs.status, "FAILED");

    await world.emulator.control.setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "ACTIVE");
    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });

  it("a create timeout keeps the attachment in state; the next up resumes waiting and finishes", async () => {
    use({ att: { applicationId: SEEDED.creatingApp, dataSourceArn: SEEDED.appLogs, timeouts: { create: "2s" } } });
    const up = await stack.up();
    assert.equal(up.ok, false);
    assert.match(errorOf(up), /timed out after 2s/);
    assert.equal(attachmentIn(stack, "att").outputs.status, "PENDING");

    await world.emulator.control.setApplicationStatus("primary", "us-east-1", SEEDED.creatingApp, "ACTIVE");
    const before = await world.emulator.control.counts();
    const resumed = await stack.up();
    world.assertOk(resumed);
    assert.equal(stepOf(resumed.steps, "att").op, "update");
    assert.equal(attachmentIn(stack, "att").outputs.status, "ATTACHED");
    assert.deepEqual(await mutations(before), {}, "resuming only waits");
    assert.equal((await attachmentsIn(world.emulator)).length, 1);
  });

  it("a provider host that crashes after AttachDataSource: the next up finds that attachment and attaches nothing more", async () => {
    use({ att: { applicationId: SEEDED.activeApp, dataSourceArn: SEEDED.analytics } });
    // Hold the attach a moment, and meanwhile the look after it (not the one before) long enough to kill the host
    // while the create is in flight, the attachment made.
    const control = world.emulator.control;
    await control.injectFault({ kind: "latency", service: "OpenSearch", operation: "AttachDataSource", count: 1, latencyMs: 1_000 });
    const running = stack.up();
    const deadline = Date.now() + 120_000;
    while ((await control.faults()).length > 0) {
      assert.ok(Date.now() < deadline, "AttachDataSource was never called");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The look after the attach is the application's shared list (the look before it is a Describe).
    await control.injectFault({ kind: "latency", service: "OpenSearch", operation: "ListDataSourceAttachments", count: 1, latencyMs: 5_000 });
    await untilCalled(world, "OpenSearch.AttachDataSource");
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(killProviderHosts(), 1);
    const crashed = await running;
    assert.equal(crashed.ok, false);
    assert.equal(stack.readState().resources.some((r) => r.name === "att" && r.custom), false, "the engine never heard of the attachment");
    const made = await attachmentsIn(world.emulator);
    assert.equal(made.length, 1);

    await world.emulator.control.clearFaults();
    world.assertOk(await stack.up());
    assert.equal(attachmentIn(stack, "att").outputs.attachmentId, made[0].attachmentId, "the same attachment");
    assert.equal((await attachmentsIn(world.emulator)).length, 1);
    const attaches = (await world.emulator.control.log()).filter((e) => e.operation === "AttachDataSource");
    assert.equal(attaches.length, 1, "the retried create took over what the crashed one made");
  });
});
