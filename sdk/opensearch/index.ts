export { OutboundConnection, type OutboundConnectionArgs } from "./outbound-connection";
export { InboundConnectionAccepter, type InboundConnectionAccepterArgs } from "./inbound-connection-accepter";
export { DataSourceAttachment, type DataSourceAttachmentArgs, type WorkspaceConfigurationArgs } from "./data-source-attachment";
