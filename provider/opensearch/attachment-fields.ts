import type { CrossFieldRule, FieldSet, Issue } from "../core/fields";
import { lengthBetween, matches, oneOf } from "../core/validators";
import { attachmentResourceId } from "./attachment-id";

export const WORKSPACE_TYPES = ["OBSERVABILITY", "SECURITY_ANALYTICS", "SEARCH"] as const;

const PARTITION = "aws(-[a-z]+)*";
// A region name, as the `aws.region` input has it ("us-east-1").
const REGION = "[a-z]{2}(-[a-z]+)+-\\d+";
const DOMAIN_ARN = new RegExp(`^arn:${PARTITION}:es:${REGION}:\\d{12}:domain/[a-z][a-z0-9-]{2,27}$`);
const COLLECTION_ARN = new RegExp(`^arn:${PARTITION}:aoss:${REGION}:\\d{12}:collection/[a-z0-9]{3,40}$`);

/** An OpenSearch domain (`…:es:…:domain/<name>`) or an OpenSearch Serverless collection (`…:aoss:…:collection/<id>`). */
function dataSourceArnRule(value: string): Issue[] {
  if (DOMAIN_ARN.test(value) || COLLECTION_ARN.test(value)) return [];
  return [
    {
      rule:
        "must be the ARN of an OpenSearch domain (arn:aws:es:<region>:<account>:domain/<name>) or of an OpenSearch Serverless " +
        "collection (arn:aws:aoss:<region>:<account>:collection/<id>)",
    },
  ];
}

/** Every input that names the attachment replaces: AttachDataSource has no update counterpart. */
export const ATTACHMENT_FIELDS: FieldSet = {
  applicationId: {
    type: "string",
    required: true,
    immutable: true,
    description: "The OpenSearch application (OpenSearch UI) to attach the data source to.",
    validators: [matches(/^[a-z0-9]{3,30}$/, "an application id: 3 to 30 lowercase letters and digits")],
  },
  dataSourceArn: {
    type: "string",
    required: true,
    immutable: true,
    description: "The OpenSearch domain or Serverless collection to attach.",
    validators: [lengthBetween(20, 2048), dataSourceArnRule],
  },
  workspaceId: {
    type: "string",
    immutable: true,
    description: "An existing workspace of the application that gets the data source.",
    validators: [lengthBetween(1, 256), matches(/^\S+$/, "a workspace id without spaces")],
  },
  workspaceConfiguration: {
    type: "object",
    immutable: true,
    description: "A workspace to create with the attachment.",
    fields: {
      name: {
        type: "string",
        required: true,
        immutable: true,
        validators: [lengthBetween(1, 40), matches(/^[A-Za-z0-9()[\]_ -]+$/, "letters, digits, parentheses, brackets, hyphens, underscores and spaces")],
      },
      workspaceType: { type: "string", required: true, immutable: true, validators: [oneOf(WORKSPACE_TYPES)] },
    },
  },
  // Only how long create and update wait: changing it calls nothing in AWS (an update that waits, or not).
  waitForAttached: { type: "boolean", default: true, description: "Wait for ATTACHED (else PENDING is enough)." },
};

export const ATTACHMENT_RULES: CrossFieldRule[] = [
  {
    uses: ["workspaceId", "workspaceConfiguration"],
    check: (inputs) =>
      inputs.workspaceId !== undefined && inputs.workspaceConfiguration !== undefined
        ? [{ path: "workspaceConfiguration", rule: "cannot be set together with workspaceId: give an existing workspace (workspaceId) or one to create (workspaceConfiguration), not both" }]
        : [],
  },
  {
    // An attachment's id is its application and data source, so the one to adopt is the one these inputs name. (Create
    // takes over the pair's attachment anyway: AWS keeps one per pair and returns it, so adoptId only states intent.)
    uses: ["adoptId", "applicationId", "dataSourceArn"],
    check: (inputs) => {
      if (typeof inputs.adoptId !== "string" || typeof inputs.applicationId !== "string" || typeof inputs.dataSourceArn !== "string") return [];
      const expected = attachmentResourceId({ applicationId: inputs.applicationId, dataSourceArn: inputs.dataSourceArn });
      return inputs.adoptId === expected
        ? []
        : [{ path: "adoptId", rule: 'must be "<applicationId>,<dataSourceArn>" of these inputs: an attachment\'s id is the pair it attaches' }];
    },
  },
];
