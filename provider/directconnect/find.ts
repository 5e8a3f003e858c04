import { DescribeConnectionsCommand, type Connection } from "@aws-sdk/client-direct-connect";
import { IDEMPOTENT, settingsKey } from "../core/aws-clients";
import { AwsCallError, awsCall } from "../core/errors";
import type { PollSource } from "../core/poller";
import { pollModeFromEnvironment } from "../core/schedule";
import { hostPoller, lookNowWindow } from "../core/wait";
import type { ResourceContext } from "../core/spec";
import { directConnectClient } from "./client";

/** Direct Connect answers an unknown id with a client exception rather than a not-found code. */
export function isConnectionNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "DirectConnectClientException" && /could not find|does not exist|not found/i.test(error.message);
}

/** The connection, or undefined when Direct Connect does not know the id (terraform-provider-aws's findConnectionByID). */
export async function findConnectionByID(ctx: ResourceContext, id: string): Promise<Connection | undefined> {
  const client = directConnectClient(ctx, IDEMPOTENT);
  try {
    const output = await client.send(new DescribeConnectionsCommand({ connectionId: id }));
    return output.connections?.find((connection) => connection.connectionId === id);
  } catch (error) {
    if (isConnectionNotFound(error)) return undefined;
    throw new AwsCallError(`${ctx.label} (${id})`, "DescribeConnections", error);
  }
}

/** Every connection in the account and region, deleted ones included, page by page (AWS returns at most 100 a page). */
export async function listConnections(ctx: ResourceContext): Promise<Connection[]> {
  const client = directConnectClient(ctx, IDEMPOTENT);
  const connections: Connection[] = [];
  let nextToken: string | undefined;
  do {
    const page = await awsCall(ctx.label, "DescribeConnections", () => client.send(new DescribeConnectionsCommand({ maxResults: 100, nextToken })));
    connections.push(...(page.connections ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return connections;
}

/**
 * Every connection in the account and region, as fresh as a look made now: in shared mode a tick of the host's poll
 * (one listing serves every create of a fleet looking for its earlier attempt, not one listing each: issue 9), else a
 * listing of its own.
 */
export async function listConnectionsNow(ctx: ResourceContext, deadline: number): Promise<Connection[]> {
  if (pollModeFromEnvironment() !== "shared") return listConnections(ctx);
  return [...(await hostPoller(connectionsPollSource(ctx)).lookAll(lookNowWindow(deadline))).values()];
}

/**
 * The host's shared poll of Direct Connect in one account and region: DescribeConnections without an id lists every
 * connection (deleted ones included, for a while) in one call of up to 100 a page, so one tick serves every wait.
 */
export function connectionsPollSource(ctx: ResourceContext): PollSource<Connection> {
  const region = ctx.aws.region ?? "the default region";
  return {
    key: `directconnect|DescribeConnections|${settingsKey(ctx.aws)}`,
    listsEverything: true,
    fetch: async () => {
      const all = await listConnections({ ...ctx, label: `Direct Connect's shared poll in ${region}` });
      return new Map(all.filter((c) => c.connectionId !== undefined).map((c) => [c.connectionId as string, c]));
    },
  };
}
