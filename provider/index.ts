/**
 * The stable entry point that every resource's serialized `__provider` requires (`pulumi-aws-connections/provider`).
 * State written by any version calls these six functions on refresh and destroy, so their names and arguments are a
 * permanent API: `(kind, ...the dynamic-provider method's own arguments)`.
 */
import * as lifecycle from "./core/lifecycle";
import { specFor } from "./core/registry";

type Props = Record<string, unknown>;

export async function check(kind: string, olds: Props, news: Props) {
  return lifecycle.check(specFor(kind), news, olds);
}

export async function diff(kind: string, id: string, olds: Props, news: Props) {
  return lifecycle.diff(specFor(kind), id, olds, news);
}

export async function create(kind: string, inputs: Props) {
  return lifecycle.create(specFor(kind), inputs);
}

export async function read(kind: string, id: string, props: Props) {
  return lifecycle.read(specFor(kind), id, props);
}

export async function update(kind: string, id: string, olds: Props, news: Props) {
  return lifecycle.update(specFor(kind), id, olds, news);
}

// `delete` is a reserved word for a function declaration, hence the alias.
async function deleteResource(kind: string, id: string, props: Props): Promise<void> {
  return lifecycle.remove(specFor(kind), id, props);
}
export { deleteResource as delete };
