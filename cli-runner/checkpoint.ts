// Reads the stack's real checkpoint as the CLI's local (file://) backend writes it:
// <backend>/.pulumi/stacks/<project>/<stack>.json = { version: 3, checkpoint: { latest: <deployment> } }.
// Read from disk rather than through `pulumi stack export`: the same bytes, without a CLI start per look.
import * as fs from "fs";
import * as path from "path";
import type { StateFile, StateResource } from "./types";

export const STACK_TYPE = "pulumi:pulumi:Stack";

interface CheckpointResource {
  urn: string;
  custom?: boolean;
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  initErrors?: string[];
  pendingReplacement?: boolean;
}

interface CheckpointFile {
  checkpoint?: {
    latest?: {
      resources?: CheckpointResource[];
      pending_operations?: { resource: CheckpointResource; type: string }[];
    };
  };
}

/** The resource name: the last `::`-separated part of its URN. */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

export function checkpointPath(backendDir: string, project: string, stack: string): string {
  return path.join(backendDir, ".pulumi", "stacks", project, `${stack}.json`);
}

export function readCheckpoint(file: string): StateFile {
  let parsed: CheckpointFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8")) as CheckpointFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { resources: [], outputs: {}, pendingOperations: [] };
    throw err;
  }
  const latest = parsed.checkpoint?.latest ?? {};
  const all = latest.resources ?? [];
  const stack = all.find((r) => r.type === STACK_TYPE);
  const resources: StateResource[] = all
    .filter((r) => r.type !== STACK_TYPE && !r.type.startsWith("pulumi:providers:"))
    .map((r) => ({
      urn: r.urn,
      type: r.type,
      name: nameOfUrn(r.urn),
      custom: r.custom ?? false,
      id: r.id || undefined,
      inputs: r.inputs ?? {},
      outputs: r.outputs ?? {},
      parent: r.parent,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      initErrors: r.initErrors,
      pendingDelete: r.delete || undefined,
      pendingReplacement: r.pendingReplacement || undefined,
    }));
  return {
    resources,
    outputs: stack?.outputs ?? {},
    pendingOperations: (latest.pending_operations ?? []).map((p) => ({ type: p.type, urn: p.resource.urn, id: p.resource.id || undefined })),
  };
}
