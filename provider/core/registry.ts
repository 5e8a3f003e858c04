import type { ResourceSpec } from "./spec";

/**
 * Kind → spec, loaded on first use so a program with one resource type loads one AWS SDK client. Old state names its
 * kind forever: never rename or remove a kind here, only add.
 */
const SPECS: Record<string, () => ResourceSpec<unknown>> = {
  "directconnect:Connection": () => (require("../directconnect/connection") as typeof import("../directconnect/connection")).connectionSpec as ResourceSpec<unknown>,
};

export function specFor(kind: string): ResourceSpec<unknown> {
  const load = SPECS[kind];
  if (!load) throw new Error(`pulumi-aws-connections does not know the resource kind "${kind}"; known: ${Object.keys(SPECS).join(", ")}`);
  return load();
}
