import { ResourceInitError } from "../core/errors";
import type { ResourceContext } from "../core/spec";

/**
 * Runs a step after AttachDataSource answered: an error then keeps the id in state (the engine's init error), so the
 * attachment AWS may hold is never forgotten; the next `pulumi up` looks again.
 */
export async function keepingId<T>(ctx: ResourceContext, id: string, inputs: Record<string, unknown>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
    throw new ResourceInitError(
      id,
      { ...inputs, region: ctx.aws.region },
      `${reason}. AttachDataSource had answered, so ${id} is kept in state so it is not lost; the next \`pulumi up\` looks again`,
    );
  }
}
