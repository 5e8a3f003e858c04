import * as pulumi from "@pulumi/pulumi";
import { refuseProtoKeys } from "./proto-keys";

/**
 * The `__provider` of a resource of this kind: the text the dynamic-provider host runs (`exports.handler()` must return
 * the provider object). Written by hand instead of serialized from a closure, so it is one line of about 110 bytes
 * (0.1.0's closure serialization took 1,925 bytes, stored twice per resource), identical wherever the package is
 * installed, and free of environment values. It requires the package's stable provider entry by name at run time, so
 * old state keeps working after upgrades: state written by 0.1.0 holds the six-function form, which
 * `pulumi-aws-connections/provider` still serves (tests/engine/provider-0.1.0.test.ts).
 * Do not import AWS SDK modules here or anywhere in sdk/.
 */
export function providerText(kind: string): string {
  return `exports.handler = () => require("pulumi-aws-connections/provider").providerOf(${JSON.stringify(kind)});\n`;
}

/**
 * What `pulumi.dynamic.Resource` does (the type `pulumi-nodejs:dynamic/<module>:<type>`, served by the Node.js
 * dynamic-provider host, which reads `__provider`), with the provider given as `providerText` instead of an object
 * Pulumi would serialize with its closure.
 */
export abstract class DynamicResource extends pulumi.CustomResource {
  protected constructor(kind: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    if (props.__provider !== undefined) throw new Error("A dynamic resource must not define the __provider key");
    const [module, type] = kind.split(":");
    // Before registering: a "__proto__" key would reach the provider changed (./proto-keys).
    const checked = refuseProtoKeys(`${module}.${type} ${JSON.stringify(name)}`, props);
    super(`pulumi-nodejs:dynamic/${module}:${type}`, name, { ...checked, __provider: providerText(kind) }, opts);
  }
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
