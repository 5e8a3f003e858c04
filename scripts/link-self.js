// Makes `require("pulumi-aws-connections/...")` resolve inside this repository the same way it does in a user's project.
// Why: the serialized __provider of every resource requires the package by name from the program's working directory
// (require-from-string gives it no filename, so Node's self-reference through "exports" does not apply).
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-aws-connections");
try {
  const stat = fs.lstatSync(link);
  if (stat.isSymbolicLink() && fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch (err) {
  if (err.code !== "ENOENT") throw err;
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
