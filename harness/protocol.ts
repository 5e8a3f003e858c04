// Messages between the engine (parent process) and the program runner (child process), over the Node IPC channel.
import type { PropertyMap } from "./props";

/** Passed to the runner in the PULUMI_HARNESS_RUN environment variable. */
export interface RunArgs {
  project: string;
  stack: string;
  organization: string;
  preview: boolean;
  /** Absolute path of the program to `require` (a directory ends with a slash, as in Pulumi's run.js). */
  entry: string;
}

/** A RegisterResource request as the SDK sent it to the (mock) resource monitor, in wire form. */
export interface RegisterRequest {
  kind: "register";
  seq: number;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Present when the program set the `deleteBeforeReplace` option. */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  protect?: boolean;
  retainOnDelete?: boolean;
  provider: string;
  importId: string;
  additionalSecretOutputs: string[];
  aliasCount: number;
  deletedWith: string;
}

export interface RegisterOutputsRequest {
  kind: "outputs";
  seq: number;
  urn: string;
  outputs: PropertyMap;
}

export interface ProgramDone {
  kind: "done";
}

export interface ProgramFailed {
  kind: "error";
  message: string;
}

export type ChildMessage = RegisterRequest | RegisterOutputsRequest | ProgramDone | ProgramFailed;

export interface RegisterAnswer {
  kind: "answer";
  seq: number;
  urn?: string;
  id?: string;
  object?: PropertyMap;
  /** The registration failed; `code` is the gRPC status the SDK sees (14 UNAVAILABLE makes it stop quietly). */
  error?: string;
  code?: number;
}

export type ParentMessage = RegisterAnswer;
