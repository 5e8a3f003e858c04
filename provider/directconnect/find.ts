import { DescribeConnectionsCommand, type Connection } from "@aws-sdk/client-direct-connect";
import { IDEMPOTENT } from "../core/aws-clients";
import { AwsCallError, awsCall } from "../core/errors";
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
