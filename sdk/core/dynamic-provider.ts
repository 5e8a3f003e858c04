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
