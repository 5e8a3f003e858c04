/**
 * pulumi-aws-connections: Pulumi resources for the AWS objects that connect things.
 * `import { directconnect } from "pulumi-aws-connections"`.
 */
export * as directconnect from "./directconnect";
export type { AwsSettings, CommonArgs, Timeouts } from "./core/common-inputs";
