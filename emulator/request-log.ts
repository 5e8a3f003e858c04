import type { RequestLogEntry } from "./types";

/** Keeps the log bounded so a long-running CLI emulator does not grow without limit; counts are kept exactly. */
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private perOperation = new Map<string, number>();
  private seq = 0;

  record(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const full: RequestLogEntry = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    const key = `${entry.service}.${entry.operation}`;
    this.perOperation.set(key, (this.perOperation.get(key) ?? 0) + 1);
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Requests per "Service.Operation", every attempt counted (retries included). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.perOperation);
  }

  clear(): void {
    this.entries = [];
    this.perOperation.clear();
    this.seq = 0;
  }
}
