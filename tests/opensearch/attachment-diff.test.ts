import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { withField } from "../support/diff-table";

/**
 * Every input × {changed, unknown}: AttachDataSource has no update counterpart, so whatever names the attachment
 * replaces; waitForAttached, timeouts and credentials change nothing in AWS. A replacement for the same application and
 * data source must detach first (AWS keeps one attachment per pair and would hand the old one to the new resource).
 */
type Expect = "none" | "update" | "replace";
interface Row { field: string; changed: unknown; expect: Expect; detachFirst?: boolean }

const KIND = "opensearch:DataSourceAttachment";
const DOMAIN_ARN = "arn:aws:es:us-east-1:111111111111:domain/app-logs";
const ID = `logsapp01,${DOMAIN_ARN}`;
const BASE = {
  applicationId: "logsapp01",
  dataSourceArn: DOMAIN_ARN,
  workspaceConfiguration: { name: "Logs", workspaceType: "OBSERVABILITY" },
  waitForAttached: true,
  aws: { region: "us-east-1", profile: "ops" },
  timeouts: { create: "10m" },
};
const ROWS: Row[] = [
  { field: "applicationId", changed: "otherapp1", expect: "replace", detachFirst: false },
  { field: "dataSourceArn", changed: "arn:aws:es:us-east-1:111111111111:domain/analytics", expect: "replace", detachFirst: false },
  { field: "workspaceConfiguration.name", changed: "Logs 2", expect: "replace", detachFirst: true },
  { field: "workspaceConfiguration.workspaceType", changed: "SEARCH", expect: "replace", detachFirst: true },
  { field: "workspaceId", changed: "ws-0123", expect: "replace", detachFirst: true },
  { field: "aws.region", changed: "us-west-2", expect: "replace", detachFirst: false },
  { field: "waitForAttached", changed: false, expect: "update" },
  { field: "aws.profile", changed: "other", expect: "update" },
  { field: "timeouts.create", changed: "1h", expect: "update" },
];

const olds = { ...BASE, __provider: "old", attachmentId: "att-1", status: "ATTACHED", applicationArn: "arn:aws:opensearch:us-east-1:111111111111:application/logsapp01", region: "us-east-1" };
const diffWith = (news: Record<string, unknown>) => provider.diff(KIND, ID, olds, { ...news, __provider: "new" });
const classify = (result: { changes: boolean; replaces: string[] }): Expect => (result.replaces.length > 0 ? "replace" : result.changes ? "update" : "none");

describe("opensearch.DataSourceAttachment diff table", () => {
  it("unchanged → none", async () => assert.equal(classify(await diffWith(BASE)), "none"));
  it("leaving the region to the default chain, where the attachment is → none", async () => {
    assert.equal(classify(await diffWith({ ...BASE, aws: { profile: "ops" } })), "none");
  });
  for (const row of ROWS) {
    it(`${row.field} changed → ${row.expect}${row.detachFirst === undefined ? "" : row.detachFirst ? ", detaching first" : ", attaching first"}`, async () => {
      const result = await diffWith(withField(BASE, row.field, row.changed));
      assert.equal(classify(result), row.expect);
      if (row.detachFirst !== undefined) assert.equal(result.deleteBeforeReplace, row.detachFirst);
    });
    const unknownExpect = row.expect === "replace" ? "replace" : "update";
    it(`${row.field} unknown → ${unknownExpect}`, async () => assert.equal(classify(await diffWith(withField(BASE, row.field, UNKNOWN))), unknownExpect));
  }
  it("an unknown application or data source may be the same pair: detach first", async () => {
    assert.equal((await diffWith(withField(BASE, "applicationId", UNKNOWN))).deleteBeforeReplace, true);
    assert.equal((await diffWith(withField(BASE, "dataSourceArn", UNKNOWN))).deleteBeforeReplace, true);
  });
  it("`pulumi up --replace` with unchanged inputs detaches first", async () => {
    assert.deepEqual(await diffWith(BASE), { changes: false, replaces: [], deleteBeforeReplace: true });
  });
});
