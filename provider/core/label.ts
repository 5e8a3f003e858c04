import { resourceNameOf } from "./identity";
import type { ResourceSpec } from "./spec";

/**
 * How every message names a resource: its kind and Pulumi name, e.g. `directconnect.Connection "edge"`. Why the
 * messages must: a dynamic provider is not told its resource's URN, so the CLI shows its lines on the Stack's row,
 * not the resource's (provider/core/engine-log.ts).
 *
 * The name comes from the identity the SDK classes pass (`__identity`): in the inputs of check, diff, create and update,
 * and in the outputs (which echo it) that read and delete receive. Without one (a program or state written by 0.1.0,
 * or outputs written before they echoed it), the spec's short description of the object stands in, or the type alone.
 */
export function resourceLabel(spec: Pick<ResourceSpec<unknown>, "kind" | "typeName" | "describe">, inputs: Record<string, unknown>, recorded?: Record<string, unknown>): string {
  const name = resourceNameOf(spec.kind, inputs) ?? resourceNameOf(spec.kind, recorded);
  if (name !== undefined) return `${spec.typeName} ${JSON.stringify(name)}`;
  return spec.describe ? `${spec.typeName} "${spec.describe(inputs)}"` : spec.typeName;
}
