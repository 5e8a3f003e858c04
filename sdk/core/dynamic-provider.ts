import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object handed to `dynamic.Resource`. Pulumi serializes it (and everything it captures) into every
 * resource's `__provider`, so it captures only the kind string and requires the package's stable provider entry by
 * name at run time: the text stays small (< 2 KB), identical wherever the package is installed, free of environment
 * values, and old state keeps working after upgrades. Do not import AWS SDK modules here or anywhere in sdk/.
 */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  const call = (method: string, args: unknown[]) => require("pulumi-aws-connections/provider")[method](kind, ...args);
  return {
    check: (...args) => call("check", args),
    diff: (...args) => call("diff", args),
    create: (...args) => call("create", args),
    read: (...args) => call("read", args),
    update: (...args) => call("update", args),
    delete: (...args) => call("delete", args),
  };
}

/**
 * Resource options for a kind whose old and new objects cannot coexist (one alias per domain pair, one attachment per
 * application and data source): delete-before-replace unless the program says otherwise. Why an option and not only
 * the provider's diff: `pulumi up --replace`, `replaceOnChanges` and taint never ask the diff, and the engine then
 * creates the replacement first, which would fail (a second connection with the alias) or take over the very object
 * the old resource's delete then removes.
 */
export function deleteBeforeReplaceByDefault(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return { ...opts, deleteBeforeReplace: opts?.deleteBeforeReplace ?? true };
}
