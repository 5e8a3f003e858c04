// Turns the engine's event log (`pulumi <op> --event-log <file>`: one apitype.EngineEvent JSON object a line) into the
// steps, errors, outputs and summary of an OperationResult. The events are the engine's own account of what it did,
// so the tests assert on the real step generator's decisions (create, update, replace and its physical halves...).
import * as fs from "fs";
import { nameOfUrn, STACK_TYPE } from "./checkpoint";
import type { OperationResult, StepOp, StepResult } from "./types";

interface StepStateMetadata {
  type: string;
  urn: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

interface StepEventMetadata {
  op: string;
  urn: string;
  type: string;
  old?: StepStateMetadata | null;
  new?: StepStateMetadata | null;
  keys?: string[];
  diffs?: string[];
}

export interface EngineEvent {
  sequence: number;
  resOutputsEvent?: { metadata: StepEventMetadata };
  resOpFailedEvent?: { metadata: StepEventMetadata; status: number; steps: number };
  diagnosticEvent?: { urn?: string; message: string; severity: string; ephemeral?: boolean };
  summaryEvent?: { resourceChanges?: Record<string, number> };
  errorEvent?: { error: string };
}

/** Reads an event log; a line cut short by a killed CLI is ignored. A missing log reads as none (resultOf judges it). */
export function readEventLog(file: string): EngineEvent[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const events: EngineEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as EngineEvent);
    } catch {
      // the last line of a log whose writer was killed
    }
  }
  return events;
}

function stripEscapes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "");
}

/** A diagnostic's text without colour codes, trailing blank lines and the engine's standard prefixes. */
function diagnosticText(message: string): string {
  return stripEscapes(message).replace(/\s+$/, "");
}

export interface EventSummary {
  steps: StepResult[];
  errors: string[];
  outputs: Record<string, unknown>;
  summary: Record<string, number>;
  diagnostics: string[];
}

/** The engine's op names mapped to the logical step they stand for in an operation of `kind` (undefined: none). */
function logicalOp(op: string, meta: StepEventMetadata, kind: string): StepOp | undefined {
  // Refresh reports each read as same/update/refresh (by whether the outputs moved), and a resource found gone as delete.
  if (kind === "refresh" && op !== "delete" && op !== "delete-replaced") return "refresh";
  switch (op) {
    case "create":
    case "update":
    case "same":
    case "read":
    case "replace":
      return op;
    case "delete":
      // A refresh that found the resource gone removes it from state: the engine reports a delete step.
      return kind === "refresh" ? "read-gone" : "delete";
    case "refresh":
      return meta.new ? "refresh" : "read-gone";
    default:
      return undefined;
  }
}

/** For a refresh: the top-level outputs the read changed (the event's `diffs` compare inputs only). */
function changedOutputs(meta: StepEventMetadata): string[] {
  const before = meta.old?.outputs ?? {};
  const after = meta.new?.outputs ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("__provider");
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** The steps, errors, outputs and summary of one operation's event log, each failed step with its error diagnostics. */
export function summarize(events: readonly EngineEvent[], kind: string): EventSummary {
  const steps: StepResult[] = [];
  const errorsByUrn = new Map<string, string[]>();
  const errors: string[] = [];
  const diagnostics: string[] = [];
  let outputs: Record<string, unknown> = {};
  let summary: Record<string, number> = {};
  for (const e of events) {
    if (e.summaryEvent) {
      summary = { ...(e.summaryEvent.resourceChanges ?? {}) };
      continue;
    }
    if (e.diagnosticEvent) {
      // debug: the runtime's own tracing (every RegisterResource), which the CLI shows only with --debug.
      if (e.diagnosticEvent.ephemeral || e.diagnosticEvent.severity === "debug") continue;
      const d = e.diagnosticEvent;
      const text = diagnosticText(d.message);
      const title = d.urn ? nameOfUrn(d.urn) : "stack";
      for (const line of text.split("\n")) diagnostics.push(`${title}: ${line}`);
      if (d.severity === "error") {
        if (d.urn) errorsByUrn.set(d.urn, [...(errorsByUrn.get(d.urn) ?? []), text]);
        errors.push(text);
      }
      continue;
    }
    if (e.errorEvent) {
      errors.push(stripEscapes(e.errorEvent.error));
      continue;
    }
    const failed = e.resOpFailedEvent;
    const meta = (e.resOutputsEvent ?? failed)?.metadata;
    if (!meta) continue;
    if (meta.type === STACK_TYPE) {
      if (meta.new?.outputs) outputs = meta.new.outputs;
      continue;
    }
    if (meta.type.startsWith("pulumi:providers:")) continue;
    const physical =
      meta.op === "delete-replaced" ? "delete-replaced" : meta.op === "remove-pending-replace" ? "remove-pending-replace" : undefined;
    const op = physical ? "delete" : logicalOp(meta.op, meta, kind);
    if (!op) continue;
    steps.push({
      urn: meta.urn,
      type: meta.type,
      name: nameOfUrn(meta.urn),
      op,
      id: meta.new?.id || meta.old?.id || undefined,
      diffKeys: kind === "refresh" ? changedOutputs(meta) : (meta.diffs ?? []),
      replaceKeys: op === "replace" ? (meta.keys ?? []) : [],
      ...(physical ? { physical } : {}),
      ...(failed ? { error: "" } : {}),
    });
  }
  // A failed step's error diagnostics may come before or after its failure event.
  for (const s of steps) if (s.error !== undefined) s.error = (errorsByUrn.get(s.urn) ?? ["failed"]).join("\n");
  return { steps, errors, outputs, summary, diagnostics };
}

/**
 * The OperationResult of an operation's event log. A CLI that exited 0 has run the engine, which always logs (at least
 * its prelude and summary): no events then means the log was lost, and an empty list of steps would pass every
 * "nothing changed" check, so it is an error. A missing log is normal only where the CLI failed before starting (a
 * locked stack, a bad flag: a non-zero exit) or was killed.
 */
export function resultOf(events: readonly EngineEvent[], kind: string, exitCode: number | null, text: string): OperationResult {
  if (exitCode === 0 && events.length === 0) throw new Error(`pulumi ${kind} exited 0 but its event log is missing or empty:\n${text}`);
  const s = summarize(events, kind);
  const ok = exitCode === 0 && s.errors.length === 0 && !s.steps.some((x) => x.error !== undefined);
  const failedStep = s.steps.find((x) => x.error !== undefined);
  return {
    ok,
    error: ok ? undefined : (failedStep?.error ?? s.errors[0] ?? `pulumi exited with ${String(exitCode)}`),
    steps: s.steps,
    outputs: s.outputs,
    summary: s.summary,
    diagnostics: s.diagnostics,
    exitCode,
    text,
  };
}
