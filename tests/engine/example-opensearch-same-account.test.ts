// examples/opensearch-same-account through the real CLI: preview, up, in-place and replacing changes, refresh, destroy (tests/support/examples.ts).
import { describeExample } from "../support/examples";

describeExample("opensearch-same-account");
