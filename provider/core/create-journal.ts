import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A record, on this machine's disk, of a create that has started and not yet been handed to the engine: for APIs whose
 * objects carry no tag or client token (OpenSearch/Elasticsearch outbound connections). When the CLI or the provider
 * host dies mid-create, the next create of the same resource finds the record, and with it the proof that a new
 * connection with its alias is its own (it was not there before the dead create started).
 *
 * Where: $PULUMI_AWS_CONNECTIONS_JOURNAL_DIR, else ~/.pulumi-aws-connections/creates. One small file per resource
 * and alias (each create rewrites it). Records stay after the create: removing one as the create's last step would
 * leave a window (the engine not yet having written state) in which a kill loses the proof. They are pruned after
 * RECORD_DAYS. A run on another machine has no record: it fails and names the adoptId.
 */
const RECORD_DAYS = 90;
export interface CreateRecord {
  /** Ids of the objects that existed with the same name before the create was sent. */
  before: string[];
  startedAt: string;
}

export function journalDir(): string {
  return process.env.PULUMI_AWS_CONNECTIONS_JOURNAL_DIR ?? path.join(os.homedir(), ".pulumi-aws-connections", "creates");
}

/** The file name of a create: the identity and the settings that name the object, hashed (no input value is stored). */
export function journalKey(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 40);
}

function fileOf(key: string): string {
  return path.join(journalDir(), `${key}.json`);
}

export function readCreateRecord(key: string): CreateRecord | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(fileOf(key), "utf8")) as Partial<CreateRecord>;
    return Array.isArray(parsed.before) ? { before: parsed.before.map(String), startedAt: String(parsed.startedAt ?? "") } : undefined;
  } catch {
    return undefined;
  }
}

/** Written and synced before the create call goes out, so a crash right after the call still leaves the record. */
export function writeCreateRecord(key: string, record: CreateRecord): void {
  const dir = journalDir();
  fs.mkdirSync(dir, { recursive: true });
  const target = fileOf(key);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = fs.openSync(temporary, "w", 0o600);
  try {
    fs.writeSync(handle, JSON.stringify(record));
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  fs.renameSync(temporary, target);
  syncDirectory(dir);
  // Once per directory and host, not per create: a scan per create would cost O(records) synchronous stats each (O(N²)
  // for a stack of N outbound connections, and thousands per create after months of records), blocking the host's
  // event loop and with it every other resource's wait (issue 9). One `pulumi up` is one host.
  if (!prunedDirectories.has(dir)) {
    prunedDirectories.add(dir);
    pruneCreateRecords(dir);
  }
}

const prunedDirectories = new Set<string>();

/** Removes records older than RECORD_DAYS (best effort: a record that cannot be removed is harmless). */
export function pruneCreateRecords(dir = journalDir(), now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > RECORD_DAYS * 86_400_000) fs.unlinkSync(file);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

function syncDirectory(dir: string): void {
  const handle = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}
