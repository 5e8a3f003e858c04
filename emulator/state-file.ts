import { promises as fs, readFileSync } from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import type { StoreData } from "./store";

/** Saves are coalesced: a burst of requests produces one write shortly after it ends. */
const DEBOUNCE_MS = 25;

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

/**
 * Writes the state atomically: a temporary file in the same directory (so rename stays on one filesystem), fsync,
 * then rename over the target. A reader therefore sees either the old or the new file, never a torn one, even if the
 * emulator is killed mid-write. Writes are serialized so an older snapshot never overwrites a newer one.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastError: Error | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => StoreData,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueueWrite();
    }, DEBOUNCE_MS);
    // A pending save must not keep a library user's process alive; stop() flushes explicitly.
    this.timer.unref();
  }

  /** Writes now (cancelling any pending debounce) and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.enqueueWrite();
    if (this.lastError) {
      const err = this.lastError;
      this.lastError = undefined;
      throw err;
    }
  }

  private enqueueWrite(): Promise<void> {
    const data = JSON.stringify(this.snapshot(), null, 2);
    this.writing = this.writing.then(() =>
      writeAtomically(this.file, data).catch((err: Error) => {
        // Keep serving; report on the next flush (stop) and on stderr now.
        this.lastError = err;
        process.stderr.write(`emulator: could not save state to ${this.file}: ${err.message}\n`);
      }),
    );
    return this.writing;
  }
}

async function writeAtomically(file: string, data: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await fs.open(tmp, "w");
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
