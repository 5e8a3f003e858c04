/**
 * The fleet benchmark's reference program: `n` dynamic resources whose provider does nothing but hold each create for
 * `holdMs` (as long as an outbound connection's create takes at the benchmark's clock), with no AWS SDK and none of
 * this package's code. The host's peak RSS for it is the floor that Pulumi's dynamic-provider host and the engine's
 * traffic set for N concurrent creates, before any provider work.
 */
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const n = config.requireNumber("n");
const holdMs = config.requireNumber("holdMs");

const sleeper: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { index: number; holdMs: number }) {
    await new Promise((resolve) => setTimeout(resolve, inputs.holdMs));
    return { id: `floor-${inputs.index}`, outs: inputs };
  },
};

class Held extends pulumi.dynamic.Resource {
  constructor(name: string, props: { index: number; holdMs: number }) {
    super(sleeper, name, props, {}, "bench", "Held");
  }
}

for (let index = 0; index < n; index++) new Held(`floor-${index}`, { index, holdMs });
