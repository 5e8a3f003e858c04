import { DescribeConnectionsCommand } from "@aws-sdk/client-direct-connect";
import type { Connection } from "@aws-sdk/client-direct-connect";
import { IDEMPOTENT, settingsKey } from "../core/aws-clients";
import { AwsCallError, awsCall } from "../core/errors";
import type { PollSource } from "../core/poller";
import { pollModeFromEnvironment } from "../core/schedule";
import { hostPoller, lookNowWindow } from "../core/wait";
import type { ResourceContext } from "../core/spec";
import { directConnectClient } from "./client";
import { CREATE_TOKEN_TAG } from "./tags";

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

/** Connection states after which a connection is gone (its create token no longer names anything live). */
export const GONE_STATES: readonly string[] = ["deleted", "rejected"];

/** The live connection that carries create token `token` (the CREATE_TOKEN_TAG tag), if any. */
export function connectionWithToken(connections: Iterable<Connection>, token: string): Connection | undefined {
  for (const connection of connections) if (hasToken(connection, token)) return connection;
  return undefined;
}

function hasToken(connection: Connection, token: string): boolean {
  return !GONE_STATES.includes(connection.connectionState ?? "") && (connection.tags ?? []).some((tag) => tag.key === CREATE_TOKEN_TAG && tag.value === token);
}

/** Each shared tick's listing indexed by create token once, however many creates of a fleet search it. */
const tokenIndexes = new WeakMap<ReadonlyMap<string, Connection>, ReadonlyMap<string, Connection>>();

/**
 * The live connection with create token `token`, as fresh as a look made now: in shared mode a tick of the host's poll
 * (one listing serves every create of a fleet looking for its earlier attempt, not one listing each: issue 9), found
 * through the tick's token index, so N creates cost O(N) and not O(N²); else a listing of its own.
 */
export async function connectionWithTokenNow(ctx: ResourceContext, deadline: number, token: string): Promise<Connection | undefined> {
  if (pollModeFromEnvironment() !== "shared") return connectionWithToken(await listConnections(ctx), token);
  const all = await hostPoller(connectionsPollSource(ctx)).lookAll(lookNowWindow(deadline));
  let index = tokenIndexes.get(all);
  if (index === undefined) {
    const byToken = new Map<string, Connection>();
    for (const connection of all.values()) {
      const tag = connection.tags?.find((t) => t.key === CREATE_TOKEN_TAG)?.value;
      if (tag !== undefined && !byToken.has(tag) && hasToken(connection, tag)) byToken.set(tag, connection);
    }
    index = byToken;
    tokenIndexes.set(all, index);
  }
  return index.get(token);
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
