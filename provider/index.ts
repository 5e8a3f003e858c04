/**
 * The stable entry point that every resource's serialized `__provider` requires (`pulumi-aws-connections/provider`).
 * State written by any version calls these six functions on refresh and destroy, so their names and arguments are a
 * permanent API: `(kind, ...the dynamic-provider method's own arguments)`.
 */
import { whileEngineLives } from "./core/engine-watch";
import * as lifecycle from "./core/lifecycle";
import { specFor } from "./core/registry";

type Props = Record<string, unknown>;

// Each method runs through whileEngineLives: once the engine that started the host is gone, nothing here settles and
// the host idles, instead of its failures being printed to a pipe nobody reads (see core/engine-watch.ts).

export async function check(kind: string, olds: Props, news: Props) {
  return whileEngineLives(async () => lifecycle.check(specFor(kind), news, olds));
}

export async function diff(kind: string, id: string, olds: Props, news: Props) {
  return whileEngineLives(async () => lifecycle.diff(specFor(kind), id, olds, news));
}

export async function create(kind: string, inputs: Props) {
  return whileEngineLives(async () => lifecycle.create(specFor(kind), inputs));
}

export async function read(kind: string, id: string, props: Props) {
  return whileEngineLives(async () => lifecycle.read(specFor(kind), id, props));
}

export async function update(kind: string, id: string, olds: Props, news: Props) {
  return whileEngineLives(async () => lifecycle.update(specFor(kind), id, olds, news));
}

// `delete` is a reserved word for a function declaration, hence the alias.
async function deleteResource(kind: string, id: string, props: Props): Promise<void> {
  return whileEngineLives(() => lifecycle.remove(specFor(kind), id, props));
}
export { deleteResource as delete };

/**
 * The dynamic provider of one kind, as the host uses it: what the `__provider` text written since 0.2.0 returns
 * (sdk/core/dynamic-provider.ts). Each method is the same permanent function above, with the kind filled in.
 */
export function providerOf(kind: string) {
  return {
    check: (olds: Props, news: Props) => check(kind, olds, news),
    diff: (id: string, olds: Props, news: Props) => diff(kind, id, olds, news),
    create: (inputs: Props) => create(kind, inputs),
    read: (id: string, props: Props) => read(kind, id, props),
    update: (id: string, olds: Props, news: Props) => update(kind, id, olds, news),
    delete: (id: string, props: Props) => deleteResource(kind, id, props),
  };
}
