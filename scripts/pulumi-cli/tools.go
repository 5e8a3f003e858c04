//go:build tools

// Keeps the CLI's main package (and so every module it needs) in go.mod and go.sum.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
