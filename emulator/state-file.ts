import { promises as fs, readFileSync, readdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import type { StoreData } from "./store";

/** Reads a state file written by `StateFile`; undefined when it does not exist. A corrupt file is an error, not a reset. */
export function loadStateFile(file: string): StoreData | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    (parsed as { version?: unknown }).version !== 1 ||
    typeof (parsed as { regional?: unknown }).regional !== "object" ||
    typeof (parsed as { global?: unknown }).global !== "object"
  ) {
    throw new Error(`${file} is not an emulator state file (version 1)`);
  }
  return parsed as StoreData;
}

/** `.state.json.<pid>.<random>.tmp`: hidden, next to the file, and naming the process that writes it. */
function tempName(file: string): string {
  return `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

const TEMP_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files a killed emulator left next to `file` (a kill between creating the temporary file and
 * renaming it). They are never loaded: only `file` itself is, and it is always complete. A temporary file of a process
 * that is still alive is left alone, since that process may be about to rename it.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_PATTERN.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && processAlive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits (a change made while nobody waits for it) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Durable state saving with group commit. `commit()` resolves once a snapshot taken after the call is on disk: written
 * to a temporary file in the same directory (so the rename stays on one filesystem), fsynced, renamed over the target,
 * and the directory fsynced (so the rename itself survives a crash). A reader, or a restarted emulator, therefore sees
 * the old or the new file, never a torn one, and an acknowledged change is never lost, even on kill -9.
 *
 * At most one write runs at a time. Commits that arrive while it runs join the next batch, which starts as soon as the
 * running write ends and covers all of them with one snapshot: under load, the cost is one write per write duration,
 * not one per request.
 */
export class StateFile {
  private running: Promise<void> | undefined;
  private waiting: Batch | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => StoreData,
  ) {}

  /** Resolves when a snapshot taken after this call is durable; rejects when that write failed. */
  commit(): Promise<void> {
    const batch = (this.waiting ??= newBatch());
    if (!this.running) this.startWaiting();
    return batch.promise;
  }

  /**
   * Resolves when every write started or queued so far has ended (successfully or not): for a request that changed
   * nothing but may have seen a change whose write is still under way.
   */
  async settled(): Promise<void> {
    const pending = [this.running, this.waiting?.promise].filter((p): p is Promise<void> => p !== undefined);
    await Promise.allSettled(pending);
  }

  /** Writes now and waits for it (stop, start). */
  flush(): Promise<void> {
    return this.commit();
  }

  private startWaiting(): void {
    const batch = this.waiting;
    if (!batch) return;
    this.waiting = undefined;
    let data: string;
    try {
      data = JSON.stringify(this.snapshot(), null, 2);
    } catch (err) {
      batch.reject(err as Error);
      return;
    }
    this.running = writeDurably(this.file, data).then(
      () => batch.resolve(),
      (err: Error) => {
        process.stderr.write(`emulator: could not save state to ${this.file}: ${err.message}\n`);
        batch.reject(new Error(`could not save state to ${this.file}: ${err.message}`));
      },
    );
    void this.running.then(() => {
      this.running = undefined;
      this.startWaiting();
    });
  }
}

async function writeDurably(file: string, data: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, tempName(file));
  try {
    const handle = await fs.open(tmp, "w");
    try {
      await handle.writeFile(data, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Makes the rename durable. Some platforms (Windows) cannot open a directory for fsync; there rename is the best we get. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(dir, "r");
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EINVAL" && code !== "EPERM") throw err;
  } finally {
    await handle.close();
  }
}
