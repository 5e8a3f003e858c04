export { OutboundConnection } from "./outbound-connection";
export type { OutboundConnectionArgs } from "./outbound-connection";
export { InboundConnectionAccepter } from "./inbound-connection-accepter";
export type { InboundConnectionAccepterArgs } from "./inbound-connection-accepter";
