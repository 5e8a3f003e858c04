import { RestJsonProtocol, type RestRoute } from "../../protocols/rest-json";
import { ES_FAULT_ERRORS } from "../crosscluster/errors";
import { Struct } from "../crosscluster/validation";
import type { OperationHandler, ServiceDefinition } from "../types";
import { applicationControlRoutes } from "./control";
import type { ApplicationRecord, AttachmentRecord } from "./model";
import { attachDataSource, currentState, describeAttachment, detachDataSource, getApplication, listAttachments } from "./operations";
import { attachRequest, checkApplicationRef, checkDataSourceArn, checkMaxResults } from "./validation";

/**
 * Every route below starts with this prefix. It is narrower than the cross-cluster service's "/2021-01-01/opensearch/",
 * and the registry asks this service first, so that application requests come here and all other OpenSearch requests
 * still reach the cross-cluster operations (CreateApplication, `POST …/opensearch/application` without a trailing
 * segment, is not emulated and gets the cross-cluster service's UnknownOperation answer).
 */
const PREFIX = "/2021-01-01/opensearch/application/";

/** HTTP bindings as the 2021-01-01 model (and so @aws-sdk/client-opensearch) declares them. */
const ROUTES: readonly RestRoute[] = [
  { method: "POST", path: `${PREFIX}{id}/attachDataSource`, operation: "AttachDataSource" },
  { method: "POST", path: `${PREFIX}{id}/describeDataSourceAttachment`, operation: "DescribeDataSourceAttachment" },
  { method: "POST", path: `${PREFIX}{id}/detachDataSource`, operation: "DetachDataSource" },
  { method: "POST", path: `${PREFIX}{id}/listDataSourceAttachments`, operation: "ListDataSourceAttachments" },
  { method: "GET", path: `${PREFIX}{id}`, operation: "GetApplication" },
];

/** restJson1 timestamps without a timestampFormat trait are epoch seconds. */
const epochSeconds = (ms: number): number => ms / 1000;

/** AttachDataSourceResponse and DescribeDataSourceAttachmentResponse. */
function attachmentOutput(app: ApplicationRecord, a: AttachmentRecord): object {
  return { attachmentId: a.attachmentId, id: app.id, arn: app.arn, dataSourceArn: a.dataSourceArn, status: a.status };
}

/**
 * GetApplicationResponse. The emulator has no IAM Identity Center, KMS or app configs: those are reported as off or
 * empty. `dataSources` lists the ATTACHED data sources. The endpoint follows the console's pattern
 * (application-{name}-{id}.{region}.opensearch.amazonaws.com) and is informational.
 */
function applicationOutput(app: ApplicationRecord, attached: readonly string[]): object {
  return {
    id: app.id,
    arn: app.arn,
    name: app.name,
    endpoint: `application-${app.name}-${app.id}.${app.region}.opensearch.amazonaws.com`,
    status: app.status,
    iamIdentityCenterOptions: { enabled: false },
    dataSources: attached.map((dataSourceArn) => ({ dataSourceArn })),
    appConfigs: [],
    createdAt: epochSeconds(app.createdAt),
    lastUpdatedAt: epochSeconds(app.lastUpdatedAt),
  };
}

function applicationRef(input: Struct): string {
  return checkApplicationRef(input.requiredString("id"));
}

const operations: Record<string, OperationHandler> = {
  AttachDataSource: (raw, ctx) => {
    const { app, attachment } = attachDataSource(attachRequest(Struct.of(raw, "")), ctx);
    return attachmentOutput(app, attachment);
  },
  DescribeDataSourceAttachment: (raw, ctx) => {
    const input = Struct.of(raw, "");
    const { app, attachment } = describeAttachment(applicationRef(input), checkDataSourceArn(input.requiredString("dataSourceArn")), ctx);
    return attachmentOutput(app, attachment);
  },
  DetachDataSource: (raw, ctx) => {
    const input = Struct.of(raw, "");
    const { app, attachment } = detachDataSource(applicationRef(input), checkDataSourceArn(input.requiredString("dataSourceArn")), ctx);
    return { id: app.id, arn: app.arn, dataSourceArn: attachment.dataSourceArn };
  },
  ListDataSourceAttachments: (raw, ctx) => {
    const input = Struct.of(raw, "");
    const pageSize = checkMaxResults(input.optionalInteger("maxResults"));
    const page = listAttachments(applicationRef(input), pageSize, input.optionalString("nextToken"), ctx);
    return {
      attachments: page.attachments.map((a) => ({ attachmentId: a.attachmentId, dataSourceArn: a.dataSourceArn, status: a.status })),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    };
  },
  GetApplication: (raw, ctx) => {
    const { app, attached } = getApplication(applicationRef(Struct.of(raw, "")), ctx);
    return applicationOutput(app, attached);
  },
};

/**
 * Amazon OpenSearch Service applications (2021-01-01, restJson1, SigV4 name "es"): the data-source attachment
 * operations and GetApplication. It is logged, counted and targeted by faults as "OpenSearch", like the cross-cluster
 * operations of the same API (e.g. "OpenSearch.AttachDataSource"); it is a second service definition only because
 * its state and routes are separate.
 */
export const openSearchApplications: ServiceDefinition = {
  name: "OpenSearch",
  signingName: "es",
  protocol: new RestJsonProtocol(PREFIX, ROUTES),
  operations,
  faultErrors: ES_FAULT_ERRORS,
  controlRoutes: applicationControlRoutes,
  refresh: (runtime) => void currentState(runtime),
};
