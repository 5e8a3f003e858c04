// What the engine is given (EngineContext) and what an operation hands back (OperationResult, one StepResult per
// step). Kept apart from the engine's workings so that the public types of harness/index.ts have one home.
import type { StepOp } from "./display";

export interface StepResult {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  id?: string;
  /** Top-level input keys that differ between the old state and the new (checked) inputs (outputs for refresh). */
  diffKeys: string[];
  /** Keys the provider's Diff reported as requiring replacement. */
  replaceKeys: string[];
  error?: string;
  /**
   * Set on the physical halves of replacements, which Pulumi does not count as logical steps:
   * `delete-replaced` (the old instance deleted) and `remove-pending-replace` (a resource deleted for a
   * delete-before-replace that the program no longer declares, dropped from state without a provider call).
   */
  physical?: "delete-replaced" | "remove-pending-replace";
}

export interface OperationResult {
  ok: boolean;
  error?: string;
  steps: StepResult[];
  /** Stack exports (secrets unwrapped; unknown values during a preview are the UNKNOWN sentinel string). */
  outputs: Record<string, unknown>;
  /** Logical steps per operation (physical halves of replacements are not counted; the stack resource is). */
  summary: Record<StepOp, number>;
  /** Program output, provider-host output and warnings, as printed under "Diagnostics". */
  diagnostics: string[];
  /** For `up` without `skipPreview`: the preview that ran first. */
  preview?: OperationResult;
}

export interface EngineContext {
  programDir: string;
  /** What the program runner requires: a file or a directory with a trailing slash. */
  entry: string;
  project: string;
  stack: string;
  stateFile: string;
  env: NodeJS.ProcessEnv;
  /** Namespaced config (`project:key` → value). */
  config: Record<string, string>;
  out: NodeJS.WritableStream;
}
