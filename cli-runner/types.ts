// What an operation through the real Pulumi CLI hands back (OperationResult, one StepResult per step) and what the
// stack's real checkpoint holds (StateFile, StateResource), in the shapes the tests and the demo read.

/** The engine's step kinds that the tests tell apart; `read-gone` is a refresh that found the resource gone. */
export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "refresh" | "read-gone" | "read";

export interface StepResult {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  id?: string;
  /** Top-level keys the engine reported as changed (`diffs` of the step event). */
  diffKeys: string[];
  /** Keys that force the replacement (`keys` of a replace step). */
  replaceKeys: string[];
  /** The step failed: the resource's error diagnostics. */
  error?: string;
  /**
   * Set on the physical halves of replacements, which Pulumi does not count as logical steps: `delete-replaced` (the
   * old instance deleted) and `remove-pending-replace` (a delete-before-replace resource the program dropped).
   */
  physical?: "delete-replaced" | "remove-pending-replace";
}

export interface OperationResult {
  ok: boolean;
  /** The first error the engine reported (a resource's, else the operation's). */
  error?: string;
  steps: StepResult[];
  /** Stack exports (secrets as plain values; unknown values during a preview are the UNKNOWN sentinel string). */
  outputs: Record<string, unknown>;
  /** Logical steps per kind, as the CLI's summary counts them. */
  summary: Record<string, number>;
  /** Every diagnostic message the engine emitted, as `<title>: <line>`. */
  diagnostics: string[];
  /** For `up` without `skipPreview`: the preview that ran first. */
  preview?: OperationResult;
  /** The CLI's exit code, and everything it printed. */
  exitCode: number | null;
  text: string;
}

/** One resource of the checkpoint (`deployment.resources[]`), property bags as stored (secrets encrypted). */
export interface StateResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  initErrors?: string[];
  /** An old instance replaced create-before-delete whose delete has not happened yet. */
  pendingDelete?: boolean;
  /** Deleted as part of a delete-before-replace; the replacement has not been created yet. */
  pendingReplacement?: boolean;
}

export interface StateFile {
  resources: StateResource[];
  /** The stack's exports (as stored). */
  outputs: Record<string, unknown>;
  /** Operations the engine started and never saw finish (a killed CLI leaves them). */
  pendingOperations: { type: string; urn: string; id?: string }[];
}
