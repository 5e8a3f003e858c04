import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  AttachDataSourceCommand,
  CreateOutboundConnectionCommand,
  DescribeDataSourceAttachmentCommand,
  DescribeOutboundConnectionsCommand,
  DetachDataSourceCommand,
  GetApplicationCommand,
  ListDataSourceAttachmentsCommand,
  type AttachDataSourceCommandInput,
  type DataSourceAttachmentSummary,
  type OpenSearchClient,
} from "@aws-sdk/client-opensearch";
import { ATTACHMENT_PENDING_TIMEOUT_MS, SEEDED_APPLICATIONS, SEEDED_DATA_SOURCES, startEmulator } from "../../emulator";
import { PARTNER, PRIMARY, credsOf, osClient, rawRequest, rejection, signedRequest, useEmulator } from "./helpers";

const HOUR = 3600_000;
const APP = "logsapp01";
const APP_NAME = "logs-app";
const NEW_APP = "newapp002";
const APP_ARN = `arn:aws:opensearch:us-east-1:${PRIMARY.accountId}:application/${APP}`;
const APP_LOGS = `arn:aws:es:us-east-1:${PRIMARY.accountId}:domain/app-logs`;
const ANALYTICS = `arn:aws:es:us-east-1:${PRIMARY.accountId}:domain/analytics`;
const COLLECTION = `arn:aws:aoss:us-east-1:${PRIMARY.accountId}:collection/k3xq8m2vd7tb1n9wz4hp`;
const CREATING_COLLECTION = `arn:aws:aoss:us-east-1:${PRIMARY.accountId}:collection/p7rc2j5mx0ws8qy3ft6e`;
const WEST_DOMAIN = `arn:aws:es:us-west-2:${PRIMARY.accountId}:domain/app-logs-west`;
const PARTNER_DOMAIN = `arn:aws:es:us-east-1:${PARTNER.accountId}:domain/partner-logs`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function expectError(call: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  const err = await rejection(call);
  assert.equal(err.name, name, err.message);
  assert.equal(err.$metadata.httpStatusCode, status, err.message);
  assert.ok(err.$metadata.requestId, "every error carries a request id");
  if (message) assert.match(err.message, message);
}

describe("emulator: OpenSearch application data-source attachments", function () {
  const emulator = useEmulator({ manualClock: true });
  const os = (region = "us-east-1", account = PRIMARY): OpenSearchClient => osClient(emulator(), { account, region, maxAttempts: 1 });
  const control = () => emulator().control;
  beforeEach(() => control().reset());

  const attach = (input: Partial<AttachDataSourceCommandInput> = {}, client = os()) =>
    client.send(new AttachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS, ...input }));
  const describeAttachment = (dataSourceArn: string, id = APP, client = os()) => client.send(new DescribeDataSourceAttachmentCommand({ id, dataSourceArn }));
  const statusOf = async (dataSourceArn: string, id = APP): Promise<string | undefined> => (await describeAttachment(dataSourceArn, id)).status;

  describe("seed and GetApplication", () => {
    it("seeds applications and data sources in three scopes, as the fixture lists them", async () => {
      const apps = (await control().applications()).map((a) => `${a.accountId} ${a.region} ${a.id} ${a.name} ${a.status} ${a.arn}`);
      assert.deepEqual(apps, [
        `111111111111 us-east-1 logsapp01 logs-app ACTIVE ${APP_ARN}`,
        "111111111111 us-east-1 newapp002 new-app CREATING arn:aws:opensearch:us-east-1:111111111111:application/newapp002",
        "111111111111 us-west-2 westapp01 west-app ACTIVE arn:aws:opensearch:us-west-2:111111111111:application/westapp01",
        "222222222222 us-east-1 partnerapp01 partner-app ACTIVE arn:aws:opensearch:us-east-1:222222222222:application/partnerapp01",
      ]);
      const sources = (await control().dataSources()).map((d) => `${d.dataSourceArn} ${d.kind} ${d.status}`);
      assert.deepEqual(sources, [
        `${APP_LOGS} domain ACTIVE`,
        `${ANALYTICS} domain ACTIVE`,
        `${COLLECTION} collection ACTIVE`,
        `${CREATING_COLLECTION} collection CREATING`,
        `${WEST_DOMAIN} domain ACTIVE`,
        `${PARTNER_DOMAIN} domain ACTIVE`,
      ]);
      assert.equal(SEEDED_APPLICATIONS.length, 4);
      assert.equal(SEEDED_DATA_SOURCES.length, 6);
      const workspaces = await control().workspaces();
      assert.deepEqual(
        workspaces.map((w) => [w.applicationId, w.workspaceId, w.name, w.workspaceType, w.dataSourceArns]),
        [[APP, "Obs001", "Observability (team)", "OBSERVABILITY", []]],
      );
      assert.deepEqual(await control().dataSourceAttachments(), []);
    });

    it("GetApplication answers by id or by name, with the attached data sources", async () => {
      const byId = await os().send(new GetApplicationCommand({ id: APP }));
      assert.equal(byId.$metadata.httpStatusCode, 200);
      assert.equal(byId.id, APP);
      assert.equal(byId.arn, APP_ARN);
      assert.equal(byId.name, APP_NAME);
      assert.equal(byId.status, "ACTIVE");
      assert.ok(byId.createdAt instanceof Date && byId.lastUpdatedAt instanceof Date);
      assert.ok(Math.abs(byId.createdAt.getTime() - (await control().clock()).now) < 1000);
      assert.deepEqual(byId.dataSources, []);
      assert.deepEqual(byId.iamIdentityCenterOptions, { enabled: false });
      await attach();
      const byName = await os().send(new GetApplicationCommand({ id: APP_NAME }));
      assert.equal(byName.id, APP);
      assert.deepEqual(byName.dataSources, [{ dataSourceArn: APP_LOGS }]);
      assert.equal((await os().send(new GetApplicationCommand({ id: NEW_APP }))).status, "CREATING");
    });

    it("GetApplication: unknown, other region and other account are ResourceNotFoundException (409)", async () => {
      await expectError(os().send(new GetApplicationCommand({ id: "nosuchapp" })), "ResourceNotFoundException", 409, /Application not found: nosuchapp/);
      await expectError(os().send(new GetApplicationCommand({ id: "westapp01" })), "ResourceNotFoundException", 409);
      await expectError(os().send(new GetApplicationCommand({ id: "partnerapp01" })), "ResourceNotFoundException", 409);
      assert.equal((await os("us-west-2").send(new GetApplicationCommand({ id: "westapp01" }))).status, "ACTIVE");
      assert.equal((await os("us-east-1", PARTNER).send(new GetApplicationCommand({ id: "partner-app" }))).id, "partnerapp01");
      await expectError(os().send(new GetApplicationCommand({ id: "Not_An_Id" })), "ValidationException", 400, /'id'/);
    });
  });

  describe("AttachDataSource, Describe, List, Detach", () => {
    it("attaches at once when the application and the data source are ACTIVE", async () => {
      const out = await attach({ dataSourceArn: COLLECTION });
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.match(out.attachmentId!, UUID);
      const { $metadata, ...body } = out;
      void $metadata;
      assert.deepEqual(body, { attachmentId: out.attachmentId, id: APP, arn: APP_ARN, dataSourceArn: COLLECTION, status: "ATTACHED" });
      const described = await describeAttachment(COLLECTION);
      assert.deepEqual(
        { attachmentId: described.attachmentId, id: described.id, arn: described.arn, dataSourceArn: described.dataSourceArn, status: described.status },
        body,
      );
      const listed = await os().send(new ListDataSourceAttachmentsCommand({ id: APP }));
      assert.deepEqual(listed.attachments, [{ attachmentId: out.attachmentId, dataSourceArn: COLLECTION, status: "ATTACHED" }]);
      assert.equal(listed.nextToken, undefined);
    });

    it("takes the application's name for {id} and answers with its id", async () => {
      const out = await attach({ id: APP_NAME });
      assert.equal(out.id, APP);
      assert.equal((await describeAttachment(APP_LOGS, APP_NAME)).attachmentId, out.attachmentId);
    });

    it("is PENDING while the application is CREATING, and ATTACHED as soon as the control API makes it ACTIVE", async () => {
      const out = await attach({ id: NEW_APP });
      assert.equal(out.status, "PENDING");
      await control().advance(5 * HOUR);
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "PENDING");
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      const after = await describeAttachment(APP_LOGS, NEW_APP);
      assert.equal(after.status, "ATTACHED");
      assert.equal(after.attachmentId, out.attachmentId);
      assert.deepEqual((await os().send(new GetApplicationCommand({ id: NEW_APP }))).dataSources, [{ dataSourceArn: APP_LOGS }]);
    });

    it("is PENDING while the data source is CREATING; a scheduled activation completes it on the emulated clock", async () => {
      assert.equal((await attach({ dataSourceArn: CREATING_COLLECTION })).status, "PENDING");
      await control().setDataSourceStatus(CREATING_COLLECTION, "CREATING", { activeAfterMs: 10 * 60_000 });
      await control().advance(10 * 60_000 - 1);
      assert.equal(await statusOf(CREATING_COLLECTION), "PENDING");
      await control().advance(1);
      assert.equal(await statusOf(CREATING_COLLECTION), "ATTACHED");
    });

    it("FAILS a PENDING attachment after 24 emulated hours", async () => {
      assert.equal(ATTACHMENT_PENDING_TIMEOUT_MS, 24 * HOUR);
      await attach({ id: NEW_APP });
      await control().advance(24 * HOUR - 1);
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "PENDING");
      await control().advance(1);
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "FAILED");
      const [record] = await control().dataSourceAttachments();
      assert.match(record.failureReason!, /24 hours.*newapp002 is CREATING/);
      // The explanation a provider gives: the application never became ACTIVE.
      assert.equal((await os().send(new GetApplicationCommand({ id: NEW_APP }))).status, "CREATING");
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "FAILED", "FAILED is final");
    });

    it("ages one big advance exactly: activation before the deadline attaches, after it fails", async () => {
      await control().putApplication({ account: "primary", region: "us-east-1", id: "soonapp1", name: "soon-app", status: "CREATING", activeAfterMs: 23 * HOUR });
      await control().putApplication({ account: "primary", region: "us-east-1", id: "lateapp1", name: "late-app", status: "CREATING", activeAfterMs: 25 * HOUR });
      await attach({ id: "soonapp1" });
      await attach({ id: "lateapp1" });
      await control().advance(30 * HOUR);
      assert.equal(await statusOf(APP_LOGS, "soonapp1"), "ATTACHED");
      assert.equal(await statusOf(APP_LOGS, "lateapp1"), "FAILED");
      const records = await control().dataSourceAttachments();
      const t0 = records[0].createdAt;
      assert.deepEqual(
        records.map((r) => [r.applicationId, r.status, r.statusSince - t0]),
        [
          ["soonapp1", "ATTACHED", 23 * HOUR],
          ["lateapp1", "FAILED", 24 * HOUR],
        ],
      );
      assert.equal((await control().applications()).find((a) => a.id === "lateapp1")?.status, "ACTIVE");
    });

    it("replaces a FAILED attachment with a new one when attached again", async () => {
      const first = await attach({ id: NEW_APP });
      await control().advance(24 * HOUR);
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      const second = await attach({ id: NEW_APP });
      assert.notEqual(second.attachmentId, first.attachmentId);
      assert.equal(second.status, "ATTACHED");
      const listed = await os().send(new ListDataSourceAttachmentsCommand({ id: NEW_APP }));
      assert.deepEqual(listed.attachments, [{ attachmentId: second.attachmentId, dataSourceArn: APP_LOGS, status: "ATTACHED" }]);
    });

    it("detaches ATTACHED and FAILED attachments; they are gone from Describe and List afterwards", async () => {
      await attach();
      await attach({ id: NEW_APP, dataSourceArn: ANALYTICS });
      await control().advance(24 * HOUR);
      const detached = await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS }));
      const { $metadata, ...body } = detached;
      void $metadata;
      assert.deepEqual(body, { id: APP, arn: APP_ARN, dataSourceArn: APP_LOGS });
      await expectError(describeAttachment(APP_LOGS), "ResourceNotFoundException", 409);
      assert.deepEqual((await os().send(new ListDataSourceAttachmentsCommand({ id: APP }))).attachments, []);
      assert.deepEqual((await os().send(new GetApplicationCommand({ id: APP }))).dataSources, []);
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      await os().send(new DetachDataSourceCommand({ id: NEW_APP, dataSourceArn: ANALYTICS }));
      await expectError(describeAttachment(ANALYTICS, NEW_APP), "ResourceNotFoundException", 409);
      assert.deepEqual(await control().dataSourceAttachments(), []);
      await expectError(os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS })), "ResourceNotFoundException", 409, /No data source attachment/);
    });

    it("refuses to detach while the application is not ACTIVE with ConflictException (409), even a FAILED attachment", async () => {
      await attach({ id: NEW_APP });
      await control().advance(24 * HOUR);
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "FAILED");
      await expectError(os().send(new DetachDataSourceCommand({ id: NEW_APP, dataSourceArn: APP_LOGS })), "ConflictException", 409, /CREATING; data sources can be detached only while the application is ACTIVE/);
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      assert.equal(await statusOf(APP_LOGS, NEW_APP), "FAILED", "a FAILED attachment stays FAILED");
      await os().send(new DetachDataSourceCommand({ id: NEW_APP, dataSourceArn: APP_LOGS }));
      await expectError(os().send(new DetachDataSourceCommand({ id: NEW_APP, dataSourceArn: APP_LOGS })), "ResourceNotFoundException", 409);
    });

    it("refuses to detach a PENDING attachment with ConflictException (409)", async () => {
      // An ACTIVE application, a data source still CREATING.
      await attach({ dataSourceArn: CREATING_COLLECTION });
      await expectError(os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: CREATING_COLLECTION })), "ConflictException", 409, /PENDING/);
      assert.equal(await statusOf(CREATING_COLLECTION), "PENDING");
    });
  });

  describe("idempotency", () => {
    it("the same clientToken twice makes one attachment", async () => {
      const first = await attach({ id: NEW_APP, clientToken: "token-1" });
      const again = await attach({ id: NEW_APP, clientToken: "token-1" });
      assert.equal(again.attachmentId, first.attachmentId);
      assert.equal((await control().dataSourceAttachments()).length, 1);
    });

    it("a token whose attachment was detached since makes nothing new: the first answer comes back, Describe finds nothing", async () => {
      const first = await attach({ clientToken: "kept" });
      await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS }));
      const replay = await attach({ clientToken: "kept" });
      assert.equal(replay.attachmentId, first.attachmentId);
      assert.equal(replay.status, "ATTACHED");
      assert.deepEqual(await control().dataSourceAttachments(), [], "the retry performed no further action");
      await expectError(os().send(new DescribeDataSourceAttachmentCommand({ id: APP, dataSourceArn: APP_LOGS })), "ResourceNotFoundException", 409);
      const fresh = await attach({ clientToken: "new-token" });
      assert.notEqual(fresh.attachmentId, first.attachmentId);
      assert.equal((await control().dataSourceAttachments()).length, 1);
    });

    it("an attachment already ATTACHED or PENDING is returned unchanged, whatever the token and workspace parameters", async () => {
      const attached = await attach({ clientToken: "a" });
      const other = await attach({ clientToken: "b", workspaceConfiguration: { name: "ignored", workspaceType: "SEARCH" } });
      assert.equal(other.attachmentId, attached.attachmentId);
      assert.equal(other.status, "ATTACHED");
      const noToken = await attach();
      assert.equal(noToken.attachmentId, attached.attachmentId);
      const pending = await attach({ id: NEW_APP });
      assert.equal((await attach({ id: NEW_APP, clientToken: "c" })).attachmentId, pending.attachmentId);
      assert.equal((await control().dataSourceAttachments()).length, 2);
      assert.equal((await control().workspaces()).length, 1, "the ignored workspace configuration created nothing");
    });

    it("the same clientToken with other parameters is a ConflictException (409)", async () => {
      await attach({ clientToken: "tok" });
      await expectError(attach({ clientToken: "tok", dataSourceArn: ANALYTICS }), "ConflictException", 409, /IdempotentParameterMismatch.*'tok'/);
      await expectError(attach({ clientToken: "tok", workspaceId: "Obs001" }), "ConflictException", 409);
      await expectError(attach({ clientToken: "tok", id: NEW_APP }), "ConflictException", 409);
      assert.equal((await control().dataSourceAttachments()).length, 1);
      // A token first seen on a call that returned an existing attachment is bound to that call's parameters too.
      await attach({ clientToken: "second" });
      await expectError(attach({ clientToken: "second", dataSourceArn: COLLECTION }), "ConflictException", 409);
      // The same token in another account is another token.
      assert.equal((await attach({ clientToken: "tok", id: "partnerapp01", dataSourceArn: PARTNER_DOMAIN }, os("us-east-1", PARTNER))).status, "ATTACHED");
    });

    it("a retry after a lost response (the SDK's own retry) returns the attachment the first attempt made", async function () {
      await control().injectFault({ kind: "reset", service: "OpenSearch", operation: "AttachDataSource", count: 1, when: "after" });
      const out = await osClient(emulator()).send(new AttachDataSourceCommand({ id: NEW_APP, dataSourceArn: APP_LOGS, clientToken: "lost-once" }));
      assert.equal(out.$metadata.attempts, 2);
      const records = await control().dataSourceAttachments();
      assert.deepEqual(records.map((r) => r.attachmentId), [out.attachmentId]);
    });
  });

  describe("errors", () => {
    it("an unknown application is ResourceNotFoundException (409) for every operation", async () => {
      const calls: Array<Promise<unknown>> = [
        attach({ id: "nosuchapp" }),
        describeAttachment(APP_LOGS, "nosuchapp"),
        os().send(new DetachDataSourceCommand({ id: "nosuchapp", dataSourceArn: APP_LOGS })),
        os().send(new ListDataSourceAttachmentsCommand({ id: "nosuchapp" })),
        attach({ id: "westapp01" }), // another region's
        attach({ id: "partnerapp01" }), // another account's
      ];
      for (const call of calls) await expectError(call, "ResourceNotFoundException", 409, /Application not found/);
    });

    it("a data source unknown in the caller's account and region is ResourceNotFoundException (409)", async () => {
      for (const arn of [`arn:aws:es:us-east-1:${PRIMARY.accountId}:domain/no-such-domain`, WEST_DOMAIN, PARTNER_DOMAIN, "not-an-arn-but-long-enough"]) {
        await expectError(attach({ dataSourceArn: arn }), "ResourceNotFoundException", 409, /Data source not found/);
      }
      await expectError(describeAttachment(ANALYTICS), "ResourceNotFoundException", 409);
      assert.deepEqual(await control().dataSourceAttachments(), []);
    });

    it("malformed input is ValidationException (400) naming the member", async () => {
      const cases: Array<[Partial<AttachDataSourceCommandInput>, RegExp]> = [
        [{ dataSourceArn: "arn:aws:es:short" }, /'dataSourceArn'.*length between 20 and 2048/],
        [{ dataSourceArn: `arn:aws:es:us-east-1:${PRIMARY.accountId}:domain/${"x".repeat(2048)}` }, /'dataSourceArn'.*length between 20 and 2048/],
        [{ workspaceConfiguration: { name: "ok", workspaceType: "DASHBOARDS" } }, /'workspaceConfiguration.workspaceType'.*OBSERVABILITY, SECURITY_ANALYTICS, SEARCH/],
        [{ workspaceConfiguration: { name: "bad/name", workspaceType: "SEARCH" } }, /'workspaceConfiguration.name'.*pattern/],
        [{ workspaceConfiguration: { name: "n".repeat(41), workspaceType: "SEARCH" } }, /'workspaceConfiguration.name'.*length between 1 and 40/],
        [{ workspaceConfiguration: { name: "", workspaceType: "SEARCH" } }, /'workspaceConfiguration.name'.*length between 1 and 40/],
        [{ workspaceId: "Obs001", workspaceConfiguration: { name: "both", workspaceType: "SEARCH" } }, /workspaceId and workspaceConfiguration are mutually exclusive/],
        [{ clientToken: "t".repeat(65) }, /'clientToken'/],
        [{ id: "Bad_App" }, /'id'/],
        [{ id: "ab" }, /'id'.*length between 3 and 30/],
      ];
      for (const [input, message] of cases) await expectError(attach(input), "ValidationException", 400, message);
      await expectError(describeAttachment("too-short"), "ValidationException", 400, /'dataSourceArn'/);
      await expectError(os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: "too-short" })), "ValidationException", 400, /'dataSourceArn'/);
      assert.deepEqual(await control().dataSourceAttachments(), []);
    });

    it("accepts every documented workspace name character", async () => {
      const out = await attach({ workspaceConfiguration: { name: "Team (a) [b] x-y_z 1", workspaceType: "SECURITY_ANALYTICS" } });
      assert.equal(out.status, "ATTACHED");
    });

    it("a workspaceId that is not a workspace of the application is ResourceNotFoundException (409)", async () => {
      await expectError(attach({ workspaceId: "nope00" }), "ResourceNotFoundException", 409, /Workspace not found/);
      await control().putWorkspace("primary", "us-east-1", NEW_APP, { id: "Other1", name: "Other", workspaceType: "SEARCH" });
      await expectError(attach({ workspaceId: "Other1" }), "ResourceNotFoundException", 409, /not a workspace of application logsapp01/);
    });

    it("Describe of a pair never attached is ResourceNotFoundException (409)", async () => {
      await expectError(describeAttachment(APP_LOGS), "ResourceNotFoundException", 409, /No data source attachment of .*app-logs exists for application logsapp01/);
    });
  });

  describe("ListDataSourceAttachments paging", () => {
    async function attachMany(count: number): Promise<string[]> {
      const arns: string[] = [];
      for (let i = 0; i < count; i++) {
        const arn = `arn:aws:aoss:us-east-1:${PRIMARY.accountId}:collection/pagecoll${String(i).padStart(2, "0")}`;
        await control().putDataSource({ dataSourceArn: arn, status: i % 2 === 0 ? "ACTIVE" : "CREATING" });
        await attach({ dataSourceArn: arn });
        arns.push(arn);
      }
      return arns;
    }

    async function listAll(maxResults: number): Promise<{ pages: number; items: DataSourceAttachmentSummary[] }> {
      const items: DataSourceAttachmentSummary[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const out = await os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults, ...(nextToken ? { nextToken } : {}) }));
        pages++;
        assert.ok((out.attachments ?? []).length <= maxResults);
        items.push(...(out.attachments ?? []));
        nextToken = out.nextToken;
      } while (nextToken);
      return { pages, items };
    }

    it("pages in creation order with maxResults and an opaque nextToken", async () => {
      const arns = await attachMany(7);
      const { pages, items } = await listAll(3);
      assert.equal(pages, 3);
      assert.deepEqual(items.map((a) => a.dataSourceArn), arns);
      assert.deepEqual(items.map((a) => a.status), ["ATTACHED", "PENDING", "ATTACHED", "PENDING", "ATTACHED", "PENDING", "ATTACHED"]);
      assert.equal((await listAll(7)).pages, 1, "no token when the page holds the rest exactly");
      assert.equal((await listAll(100)).items.length, 7);
    });

    it("neither skips nor repeats when attachments go between pages", async () => {
      const arns = await attachMany(5);
      const first = await os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults: 2 }));
      await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: arns[0] }));
      await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: arns[2] }));
      const second = await os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.attachments?.map((a) => a.dataSourceArn), [arns[3], arns[4]]);
      assert.equal(second.nextToken, undefined);
    });

    it("refuses maxResults outside 1-100 and a token that is not its own with ValidationException (400)", async () => {
      await attachMany(2);
      await expectError(os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults: 0 })), "ValidationException", 400, /'maxResults'.*greater than or equal to 1/);
      await expectError(os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults: 101 })), "ValidationException", 400, /'maxResults'.*less than or equal to 100/);
      await expectError(os().send(new ListDataSourceAttachmentsCommand({ id: APP, nextToken: "garbage" })), "ValidationException", 400, /nextToken/);
      const page = await os().send(new ListDataSourceAttachmentsCommand({ id: APP, maxResults: 1 }));
      assert.ok(page.nextToken);
      await expectError(os().send(new ListDataSourceAttachmentsCommand({ id: NEW_APP, nextToken: page.nextToken })), "ValidationException", 400, /nextToken/);
    });
  });

  describe("workspaces", () => {
    it("creates the configured workspace when the attachment completes, linked to the data source", async () => {
      const out = await attach({ workspaceConfiguration: { name: "Search team", workspaceType: "SEARCH" } });
      assert.equal(out.status, "ATTACHED");
      const created = (await control().workspaces()).find((w) => w.name === "Search team");
      assert.ok(created);
      assert.match(created.workspaceId, /^[A-Za-z0-9]{6}$/);
      assert.deepEqual([created.applicationId, created.workspaceType, created.dataSourceArns, created.createdByAttachmentId], [APP, "SEARCH", [APP_LOGS], out.attachmentId]);
      const [record] = await control().dataSourceAttachments();
      assert.equal(record.linkedWorkspaceId, created.workspaceId);
    });

    it("creates it only once a PENDING attachment becomes ATTACHED", async () => {
      await attach({ id: NEW_APP, workspaceConfiguration: { name: "Later", workspaceType: "OBSERVABILITY" } });
      assert.equal((await control().workspaces()).filter((w) => w.applicationId === NEW_APP).length, 0);
      await control().setApplicationStatus("primary", "us-east-1", NEW_APP, "ACTIVE");
      const workspaces = (await control().workspaces()).filter((w) => w.applicationId === NEW_APP);
      assert.deepEqual(workspaces.map((w) => [w.name, w.workspaceType, w.dataSourceArns]), [["Later", "OBSERVABILITY", [APP_LOGS]]]);
    });

    it("adds the data source to an existing workspace given by workspaceId; detach unlinks it and a re-attach reuses a named workspace", async () => {
      await attach({ workspaceId: "Obs001" });
      await attach({ dataSourceArn: COLLECTION, workspaceId: "Obs001" });
      const obs = async () => (await control().workspaces()).find((w) => w.workspaceId === "Obs001")!;
      assert.deepEqual((await obs()).dataSourceArns, [APP_LOGS, COLLECTION]);
      await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS }));
      assert.deepEqual((await obs()).dataSourceArns, [COLLECTION], "the workspace stays, without the detached data source");

      await attach({ dataSourceArn: ANALYTICS, workspaceConfiguration: { name: "Reuse", workspaceType: "SEARCH" } });
      const reuse = (await control().workspaces()).find((w) => w.name === "Reuse")!;
      await os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: ANALYTICS }));
      await attach({ dataSourceArn: ANALYTICS, workspaceConfiguration: { name: "Reuse", workspaceType: "SEARCH" } });
      const after = (await control().workspaces()).filter((w) => w.name === "Reuse");
      assert.deepEqual(after.map((w) => [w.workspaceId, w.dataSourceArns]), [[reuse.workspaceId, [ANALYTICS]]]);
    });

    it("FAILS an attachment whose workspace name is taken by a workspace of another type", async () => {
      const out = await attach({ workspaceConfiguration: { name: "Observability (team)", workspaceType: "SEARCH" } });
      assert.equal(out.status, "FAILED");
      const [record] = await control().dataSourceAttachments();
      assert.match(record.failureReason!, /already has a workspace named Observability \(team\) of type OBSERVABILITY/);
    });
  });

  describe("faults, auth, log and the rest of the OpenSearch API", () => {
    it("throttling is a 429 the SDK retries; counts name the operation OpenSearch.AttachDataSource", async function () {
      await control().injectFault({ kind: "throttle", service: "OpenSearch", operation: "AttachDataSource", count: 1 });
      const out = await osClient(emulator()).send(new AttachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS }));
      assert.equal(out.$metadata.attempts, 2);
      assert.equal(out.status, "ATTACHED");
      const log = (await control().log()).map((e) => [e.service, e.operation, e.status, e.errorCode, e.fault]);
      assert.deepEqual(log, [
        ["OpenSearch", "AttachDataSource", 429, "ThrottlingException", "throttle"],
        ["OpenSearch", "AttachDataSource", 200, undefined, undefined],
      ]);
      assert.equal((await control().counts())["OpenSearch.AttachDataSource"], 2);
      assert.equal((await control().dataSourceAttachments()).length, 1, "the throttled attempt did not run");
    });

    it("a 500 InternalException is retried too, and without retries the SDK names both errors", async () => {
      await control().injectFault({ kind: "server-error", service: "es", operation: "ListDataSourceAttachments", count: 2 });
      const out = await osClient(emulator()).send(new ListDataSourceAttachmentsCommand({ id: APP }));
      assert.equal(out.$metadata.attempts, 3);
      await control().injectFault({ kind: "throttle", operation: "DescribeDataSourceAttachment", count: 1 });
      await expectError(describeAttachment(APP_LOGS), "ThrottlingException", 429, /Rate exceeded/);
      await control().injectFault({ kind: "server-error", operation: "DetachDataSource", count: 1 });
      await expectError(os().send(new DetachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS })), "InternalException", 500);
      await control().injectFault({ kind: "throttle", operation: "GetApplication", count: 1 });
      await expectError(os().send(new GetApplicationCommand({ id: APP })), "ThrottlingException", 429);
      const counts = await control().counts();
      assert.equal(counts["OpenSearch.ListDataSourceAttachments"], 3);
      assert.equal(counts["OpenSearch.DescribeDataSourceAttachment"], 1);
      assert.equal(counts["OpenSearch.DetachDataSource"], 1);
      assert.equal(counts["OpenSearch.GetApplication"], 1);
    });

    it("rejects an unsigned request (403 MissingAuthenticationToken) and a bad signature (403 InvalidSignature)", async () => {
      const unsigned = await rawRequest(emulator().endpoint, {
        path: `/2021-01-01/opensearch/application/${APP}/attachDataSource`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ dataSourceArn: APP_LOGS }),
      });
      assert.equal(unsigned.status, 403);
      assert.equal(unsigned.headers["x-amzn-errortype"], "MissingAuthenticationTokenException");
      const badSecret = osClient(emulator(), { credentials: { accessKeyId: PRIMARY.accessKeyId, secretAccessKey: "wrong" }, maxAttempts: 1 });
      await expectError(badSecret.send(new AttachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS })), "InvalidSignatureException", 403);
      const tampered = await signedRequest(emulator().endpoint, {
        service: "es",
        credentials: credsOf(PRIMARY),
        path: `/2021-01-01/opensearch/application/${APP}/attachDataSource`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ dataSourceArn: APP_LOGS }),
        sendBody: JSON.stringify({ dataSourceArn: ANALYTICS }),
      });
      assert.equal(tampered.status, 403);
      assert.equal(tampered.headers["x-amzn-errortype"], "InvalidSignatureException");
      assert.deepEqual(await control().dataSourceAttachments(), []);
      const log = (await control().log()).map((e) => [e.service, e.operation, e.status, e.errorCode]);
      assert.deepEqual(log, [
        ["OpenSearch", "AttachDataSource", 403, "MissingAuthenticationTokenException"],
        ["OpenSearch", "AttachDataSource", 403, "InvalidSignatureException"],
        ["OpenSearch", "AttachDataSource", 403, "InvalidSignatureException"],
      ]);
    });

    it("serves the cross-cluster operations of the same API alongside, and answers unbound application paths with 404", async () => {
      const created = await os().send(
        new CreateOutboundConnectionCommand({
          LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } },
          RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId } },
          ConnectionAlias: "beside-attachments",
        }),
      );
      await attach();
      const listed = await os().send(new DescribeOutboundConnectionsCommand({}));
      assert.deepEqual(listed.Connections?.map((c) => c.ConnectionId), [created.ConnectionId]);
      const counts = await control().counts();
      assert.equal(counts["OpenSearch.CreateOutboundConnection"], 1);
      assert.equal(counts["OpenSearch.DescribeOutboundConnections"], 1);
      assert.equal(counts["OpenSearch.AttachDataSource"], 1);
      for (const [method, p] of [
        ["DELETE", `/2021-01-01/opensearch/application/${APP}`],
        ["POST", `/2021-01-01/opensearch/application/${APP}/unknownOperation`],
        ["POST", "/2021-01-01/opensearch/application"],
      ]) {
        const res = await signedRequest(emulator().endpoint, { service: "es", method, credentials: credsOf(PRIMARY), path: p, headers: {}, body: "" });
        assert.equal(res.status, 404, `${method} ${p}`);
        assert.equal(res.headers["x-amzn-errortype"], "UnknownOperationException");
      }
    });
  });

  describe("control API", () => {
    it("puts, changes and deletes applications and data sources; bad input is refused", async () => {
      const app = await control().putApplication({ account: "primary", region: "eu-west-1", id: "euapp001", name: "eu-app", status: "CREATING" });
      assert.equal(app.arn, "arn:aws:opensearch:eu-west-1:111111111111:application/euapp001");
      const euDomain = "arn:aws:es:eu-west-1:111111111111:domain/eu-logs";
      await control().putDataSource({ dataSourceArn: euDomain, status: "CREATING", activeAfterMs: HOUR });
      const eu = os("eu-west-1");
      assert.equal((await attach({ id: "euapp001", dataSourceArn: euDomain }, eu)).status, "PENDING");
      await control().setApplicationStatus("primary", "eu-west-1", "euapp001", "UPDATING", { activeAfterMs: 2 * HOUR });
      await control().advance(HOUR);
      assert.equal((await describeAttachment(euDomain, "euapp001", eu)).status, "PENDING");
      await control().advance(HOUR);
      assert.equal((await describeAttachment(euDomain, "euapp001", eu)).status, "ATTACHED");
      await control().deleteApplication("primary", "eu-west-1", "euapp001");
      await expectError(describeAttachment(euDomain, "euapp001", eu), "ResourceNotFoundException", 409, /Application not found/);
      assert.deepEqual(await control().dataSourceAttachments(), [], "the application's attachments went with it");
      await control().deleteDataSource(euDomain);
      assert.ok(!(await control().dataSources()).some((d) => d.dataSourceArn === euDomain));

      const refusals: Array<[Promise<unknown>, RegExp]> = [
        [control().putApplication({ account: "primary", region: "us-east-1", id: "BAD", name: "bad-app" }), /application id BAD/],
        [control().putApplication({ account: "primary", region: "us-east-1", id: "dupname1", name: APP_NAME }), /already named logs-app/],
        [control().putApplication({ account: "nobody", region: "us-east-1", id: "someapp1", name: "some-app" }), /unknown account/],
        [control().putApplication({ account: "primary", region: "us-east-1", id: "someapp1", name: "some-app", status: "ACTIVE", activeAfterMs: 5 }), /CREATING or UPDATING/],
        [control().putDataSource({ dataSourceArn: "arn:aws:s3:::bucket-name-long" }), /must be arn:aws:es/],
        [control().putDataSource({ dataSourceArn: "arn:aws:es:us-east-1:999999999999:domain/abc" }), /not a test account/],
        [control().setApplicationStatus("primary", "us-east-1", "nosuchapp", "ACTIVE"), /no application nosuchapp/],
        [control().setDataSourceStatus(APP_LOGS, "BROKEN" as "ACTIVE"), /status must be one of/],
        [control().putWorkspace("primary", "us-east-1", APP, { name: "Observability (team)", workspaceType: "SEARCH" }), /already has a workspace named/],
      ];
      for (const [call, message] of refusals) {
        const err = await rejection(call);
        assert.match(err.message, message);
        assert.match(err.message, /\(400\)/);
      }
    });

    it("ages the state for a snapshot, and reset restores the seed", async () => {
      await attach({ id: NEW_APP });
      await control().advance(24 * HOUR);
      const snapshot = await control().snapshot();
      const slice = snapshot.global["opensearch-applications"] as { attachments: Array<{ status: string }> };
      assert.deepEqual(slice.attachments.map((a) => a.status), ["FAILED"]);
      await control().deleteApplication("primary", "us-east-1", APP);
      await control().setDataSourceStatus(APP_LOGS, "DELETING");
      await control().reset();
      assert.equal((await control().applications()).length, 4);
      assert.equal((await control().dataSources()).find((d) => d.dataSourceArn === APP_LOGS)?.status, "ACTIVE");
      assert.deepEqual(await control().dataSourceAttachments(), []);
    });
  });
});

describe("emulator: OpenSearch applications seed options and persistence", function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-apps-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps attachments, workspaces and statuses through the state file", async () => {
    const file = path.join(dir, "state.json");
    const first = await startEmulator({ stateFile: file, manualClock: true });
    let attachmentId: string | undefined;
    try {
      const os = osClient(first, { maxAttempts: 1 });
      attachmentId = (await os.send(new AttachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS, workspaceConfiguration: { name: "Kept", workspaceType: "SEARCH" } }))).attachmentId;
      await os.send(new AttachDataSourceCommand({ id: NEW_APP, dataSourceArn: APP_LOGS }));
      await first.control.advance(23 * HOUR);
    } finally {
      await first.stop();
    }
    const second = await startEmulator({ stateFile: file, manualClock: true });
    try {
      const os = osClient(second, { maxAttempts: 1 });
      assert.equal((await os.send(new DescribeDataSourceAttachmentCommand({ id: APP, dataSourceArn: APP_LOGS }))).attachmentId, attachmentId);
      assert.ok((await second.control.workspaces()).some((w) => w.name === "Kept"));
      assert.equal((await os.send(new DescribeDataSourceAttachmentCommand({ id: NEW_APP, dataSourceArn: APP_LOGS }))).status, "PENDING");
      await second.control.advance(HOUR);
      assert.equal((await os.send(new DescribeDataSourceAttachmentCommand({ id: NEW_APP, dataSourceArn: APP_LOGS }))).status, "FAILED", "the deadline survived the restart");
    } finally {
      await second.stop();
    }
  });

  it("seeds from options or a file instead of the fixture; explicit seeds replace a loaded state's", async () => {
    const custom = await startEmulator({
      manualClock: true,
      applications: [{ account: "third", region: "ap-south-1", id: "thirdapp1", name: "third-app", status: "CREATING", activeAfterMs: 1000 }],
      dataSources: [{ dataSourceArn: "arn:aws:aoss:ap-south-1:333333333333:collection/thirdcoll1" }],
    });
    try {
      // A seeded timing counts from the start, not from the first look at the state.
      await custom.control.advance(1000);
      const [app] = await custom.control.applications();
      assert.deepEqual([app.id, app.status, app.statusSince - app.createdAt], ["thirdapp1", "ACTIVE", 1000]);
      assert.deepEqual((await custom.control.dataSources()).map((d) => [d.dataSourceArn, d.status]), [["arn:aws:aoss:ap-south-1:333333333333:collection/thirdcoll1", "ACTIVE"]]);
    } finally {
      await custom.stop();
    }

    const seedFile = path.join(dir, "apps.json");
    writeFileSync(seedFile, JSON.stringify({ applications: [{ account: "primary", region: "us-east-1", id: "fileapp01", name: "file-app" }] }));
    const stateFile = path.join(dir, "state.json");
    const first = await startEmulator({ stateFile, manualClock: true });
    await osClient(first, { maxAttempts: 1 }).send(new AttachDataSourceCommand({ id: APP, dataSourceArn: APP_LOGS }));
    await first.stop();
    const second = await startEmulator({ stateFile, manualClock: true, applicationsFile: seedFile });
    try {
      assert.deepEqual((await second.control.applications()).map((a) => a.id), ["fileapp01"]);
      assert.equal((await second.control.dataSources()).length, SEEDED_DATA_SOURCES.length, "the file has no dataSources part: the state's stay");
      assert.deepEqual(await second.control.dataSourceAttachments(), []);
    } finally {
      await second.stop();
    }
    await assert.rejects(startEmulator({ applicationsFile: seedFile, applications: [] }), /not both/);
    writeFileSync(seedFile, JSON.stringify({ applications: [{ account: "primary", region: "us-east-1", id: "x", name: "bad" }] }));
    await assert.rejects(startEmulator({ applicationsFile: seedFile }), /apps\.json: application id x/);
  });
});
