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
  resOutputsEvent?: { metadata: StepEventMetadata; planning?: boolean };
  resOpFailedEvent?: { metadata: StepEventMetadata; status: number; steps: number };
  resourcePreEvent?: { metadata: StepEventMetadata; planning?: boolean };
  diagnosticEvent?: { urn?: string; message: string; severity: string; ephemeral?: boolean };
  summaryEvent?: { resourceChanges?: Record<string, number>; isPreview?: boolean; result?: string };
  preludeEvent?: { config: Record<string, string> };
  errorEvent?: { error: string };
}

/** Reads an event log; a line cut short by a killed CLI is ignored. */
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

/** The engine's op names mapped to the logical step they stand for (undefined: not a step of its own). */
function logicalOp(op: string, meta: StepEventMetadata): StepOp | undefined {
  switch (op) {
    case "create":
    case "update":
    case "same":
    case "delete":
    case "read":
      return op;
    case "replace":
      return "replace";
    case "refresh":
      // A refresh that found the resource gone has no new state.
      return meta.new ? "refresh" : "read-gone";
    default:
      return undefined;
  }
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

/**
 * The steps of one pass (planning: the preview part of `up` or `preview`; otherwise the update part), with each
 * failed step's error taken from its error diagnostics.
 */
export function summarize(events: readonly EngineEvent[], planning: boolean): EventSummary {
  const steps: StepResult[] = [];
  const errorsByUrn = new Map<string, string[]>();
  const errors: string[] = [];
  const diagnostics: string[] = [];
  let outputs: Record<string, unknown> = {};
  let summary: Record<string, number> = {};
  // A preview's events carry `planning: true`; diagnostics carry no such flag, so they are attributed by position:
  // those before the first non-planning step event (or summary) of an `up` belong to its preview.
  let inPass = planning;
  let sawPreviewSummary = false;
  const belongs = (isPlanning: boolean | undefined) => (isPlanning ?? false) === planning;

  for (const e of events) {
    if (e.summaryEvent) {
      if ((e.summaryEvent.isPreview ?? false) === planning) summary = { ...(e.summaryEvent.resourceChanges ?? {}) };
      if (e.summaryEvent.isPreview) sawPreviewSummary = true;
      inPass = planning ? false : sawPreviewSummary || !planning;
      continue;
    }
    if (e.resourcePreEvent) {
      inPass = belongs(e.resourcePreEvent.planning);
      continue;
    }
    if (e.diagnosticEvent) {
      // debug: the runtime's own tracing (every RegisterResource), which the CLI shows only with --debug.
      if (!inPass || e.diagnosticEvent.ephemeral || e.diagnosticEvent.severity === "debug") continue;
      const d = e.diagnosticEvent;
      const text = diagnosticText(d.message);
      const title = d.urn ? `${nameOfUrn(d.urn)}` : "stack";
      for (const line of text.split("\n")) diagnostics.push(`${title}: ${line}`);
      if (d.severity === "error") {
        if (d.urn) errorsByUrn.set(d.urn, [...(errorsByUrn.get(d.urn) ?? []), text]);
        errors.push(text);
      }
      continue;
    }
    if (e.errorEvent) {
      if (inPass) errors.push(stripEscapes(e.errorEvent.error));
      continue;
    }
    const out = e.resOutputsEvent;
    const failed = e.resOpFailedEvent;
    if (out && !belongs(out.planning)) continue;
    if (failed && planning) continue;
    const meta = (out ?? failed)?.metadata;
    if (!meta) continue;
    inPass = true;
    if (meta.type === STACK_TYPE) {
      if (meta.new?.outputs) outputs = meta.new.outputs;
      continue;
    }
    if (meta.type.startsWith("pulumi:providers:")) continue;
    const physical =
      meta.op === "delete-replaced" ? "delete-replaced" : meta.op === "remove-pending-replace" ? "remove-pending-replace" : undefined;
    const op = physical ? "delete" : logicalOp(meta.op, meta);
    if (!op) continue;
    steps.push({
      urn: meta.urn,
      type: meta.type,
      name: nameOfUrn(meta.urn),
      op,
      id: meta.new?.id || meta.old?.id || undefined,
      diffKeys: meta.diffs ?? [],
      replaceKeys: op === "replace" ? (meta.keys ?? []) : [],
      ...(physical ? { physical } : {}),
      ...(failed ? { error: (errorsByUrn.get(meta.urn) ?? ["failed"]).join("\n") } : {}),
    });
  }
  // Errors reported after their step's failure event (the usual order) are attached now.
  for (const s of steps) if (s.error === "failed" && errorsByUrn.has(s.urn)) s.error = errorsByUrn.get(s.urn)!.join("\n");
  return { steps, errors, outputs, summary, diagnostics };
}

/** An OperationResult for one pass of an event log. */
export function resultOf(events: readonly EngineEvent[], planning: boolean, exitCode: number | null, text: string): OperationResult {
  const s = summarize(events, planning);
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
