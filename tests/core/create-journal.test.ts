import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { journalKey, readCreateRecord, writeCreateRecord } from "../../provider/core/create-journal";

/** The outbound create journal (provider/core/create-journal.ts): records kept 90 days, pruned once per host. */
describe("create journal", () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-journal-"));
    saved = process.env.PULUMI_AWS_CONNECTIONS_JOURNAL_DIR;
    process.env.PULUMI_AWS_CONNECTIONS_JOURNAL_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.PULUMI_AWS_CONNECTIONS_JOURNAL_DIR;
    else process.env.PULUMI_AWS_CONNECTIONS_JOURNAL_DIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A record file last written `days` ago. */
  const recordAged = (name: string, days: number) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ before: [], startedAt: "" }));
    const at = new Date(Date.now() - days * 86_400_000);
    fs.utimesSync(file, at, at);
    return file;
  };

  it("a record written is read back, and holds no input value (its name is a hash)", () => {
    const key = journalKey(["identity", "alias-with-a-secret-looking-value"]);
    writeCreateRecord(key, { before: ["cc-1"], startedAt: "2026-12-02T00:00:00.000Z" });
    assert.deepEqual(readCreateRecord(key), { before: ["cc-1"], startedAt: "2026-12-02T00:00:00.000Z" });
    assert.deepEqual(fs.readdirSync(dir), [`${key}.json`]);
    assert.match(key, /^[0-9a-f]{40}$/);
  });

  it("the first write in a host removes records older than 90 days and keeps younger ones; later writes scan nothing", () => {
    const old = recordAged("old", 91);
    const young = recordAged("young", 89);
    writeCreateRecord(journalKey(["first"]), { before: [], startedAt: "" });
    assert.equal(fs.existsSync(old), false, "older than 90 days: removed");
    assert.equal(fs.existsSync(young), true, "younger: kept");

    // A record that ages past 90 days while the host runs is left for the next host: each create costs O(1), not a
    // scan of every record (a stack of N creates would cost O(N²)).
    const agedMeanwhile = recordAged("aged-meanwhile", 91);
    writeCreateRecord(journalKey(["second"]), { before: [], startedAt: "" });
    assert.equal(fs.existsSync(agedMeanwhile), true);
  });
});
