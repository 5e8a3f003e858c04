import * as fs from "fs";
import * as path from "path";
import type { PropertyMap } from "./props";

/**
 * One resource in the harness state file: the counterpart of a Pulumi checkpoint's `resources[]` entry.
 * Property bags are in wire form (secrets wrapped, unknowns never present in a written state).
 */
export interface StateResource {
  urn: string;
  type: string;
  name: string;
  /** false for component resources (the stack resource included): they have no id and no provider. */
  custom: boolean;
  /** Empty for components. */
  id?: string;
  /** The checked inputs the resource was last created/updated/kept with (includes `__provider`). */
  inputs: PropertyMap;
  /** The provider's outputs (includes `__provider`, echoed by the host). */
  outputs: PropertyMap;
  parent?: string;
  /** URNs the resource depends on (the SDK's `dependencies`). */
  dependencies?: string[];
  /** Per input property, the URNs its value came from (the SDK's `propertyDependencies`). */
  propertyDependencies?: Record<string, string[]>;
  /** Reasons of a create/update that failed with ErrorResourceInitFailed: the next `up` updates the resource. */
  initErrors?: string[];
  /** An old instance replaced create-before-delete whose delete has not happened yet (Pulumi's `delete: true`). */
  pendingDelete?: boolean;
  /** Deleted as part of a delete-before-replace; the replacement has not been created yet (Pulumi's `pendingReplacement`). */
  pendingReplacement?: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
  additionalSecretOutputs?: string[];
}

export interface StateFile {
  version: 1;
  stack: string;
  project: string;
  resources: StateResource[];
  /** The stack's exports (wire form). */
  outputs: PropertyMap;
}

export function emptyState(project: string, stack: string): StateFile {
  return { version: 1, stack, project, resources: [], outputs: {} };
}

export function readStateFile(file: string, project: string, stack: string): StateFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState(project, stack);
    throw err;
  }
  const parsed = JSON.parse(text) as StateFile;
  if (parsed.version !== 1) throw new Error(`${file}: unsupported state version ${String(parsed.version)}`);
  parsed.resources = parsed.resources ?? [];
  parsed.outputs = parsed.outputs ?? {};
  return parsed;
}

/** Writes the state atomically (temporary file in the same directory, then rename). */
export function writeStateFile(file: string, state: StateFile): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeFileSync(fd, JSON.stringify(state, null, 2) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
