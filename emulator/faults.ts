import { randomUUID } from "node:crypto";
import type { ArmedFault, FaultKind, FaultSpec } from "./types";

const KINDS: readonly FaultKind[] = ["throttle", "server-error", "reset", "latency", "hang"];

/** Names under which one service can be addressed by a fault: its log name and its SigV4 signing name. */
export interface FaultTarget {
  serviceNames: readonly string[];
  operation: string;
}

/** Injected faults, consumed first-armed-first by matching requests. */
export class FaultTable {
  private faults: ArmedFault[] = [];
  /** Requests a `hang` fault holds: each releases its request (drops the connection) when called. */
  private readonly held = new Set<() => void>();

  add(spec: FaultSpec): ArmedFault {
    const fault: ArmedFault = { ...validateFault(spec), id: randomUUID(), remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  /** Disarms every fault and lets go of every held request (their connections are dropped unanswered). */
  clear(): void {
    this.faults = [];
    for (const release of [...this.held]) release();
  }

  /**
   * Holds a request of a `hang` fault: resolves when the client closes the connection, or when the faults are cleared
   * (then the caller drops the connection). Nothing is ever sent while held.
   */
  hold(connectionClosed: (onClose: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        this.held.delete(release);
        resolve();
      };
      this.held.add(release);
      connectionClosed(release);
    });
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes one use of the first fault matching the request, or returns undefined. */
  take(target: FaultTarget): ArmedFault | undefined {
    const names = target.serviceNames.map((n) => n.toLowerCase());
    const index = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.service === undefined || names.includes(f.service.toLowerCase())) &&
        (f.operation === undefined || f.operation === target.operation),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}

/** Validates a fault received as JSON over the control API; throws a TypeError naming the bad field. */
export function validateFault(value: unknown): FaultSpec {
  if (typeof value !== "object" || value === null) throw new TypeError("fault must be an object");
  const v = value as Record<string, unknown>;
  if (typeof v.kind !== "string" || !KINDS.includes(v.kind as FaultKind)) {
    throw new TypeError(`fault.kind must be one of ${KINDS.join(", ")}`);
  }
  if (typeof v.count !== "number" || !Number.isInteger(v.count) || v.count < 1) {
    throw new TypeError("fault.count must be a positive integer");
  }
  if (v.service !== undefined && typeof v.service !== "string") throw new TypeError("fault.service must be a string");
  if (v.operation !== undefined && typeof v.operation !== "string") throw new TypeError("fault.operation must be a string");
  if (v.when !== undefined && v.when !== "before" && v.when !== "after") throw new TypeError('fault.when must be "before" or "after"');
  if (v.latencyMs !== undefined && (typeof v.latencyMs !== "number" || v.latencyMs < 0)) {
    throw new TypeError("fault.latencyMs must be a non-negative number");
  }
  if (v.kind === "latency" && v.latencyMs === undefined) throw new TypeError("a latency fault needs latencyMs");
  return {
    kind: v.kind as FaultKind,
    count: v.count,
    ...(v.service !== undefined ? { service: v.service as string } : {}),
    ...(v.operation !== undefined ? { operation: v.operation as string } : {}),
    ...(v.when !== undefined ? { when: v.when as "before" | "after" } : {}),
    ...(v.latencyMs !== undefined ? { latencyMs: v.latencyMs as number } : {}),
  };
}
