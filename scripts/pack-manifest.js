#!/usr/bin/env node
// The package.json a consumer gets: what runs (entry points, dependencies, engines), none of the development scripts.
// Why: a published manifest that keeps `prepare` and friends makes consumers' npm (11+) warn about install scripts its
// allowScripts does not cover, though none of them runs from a tarball. npm runs `prepack` before it packs (npm pack,
// npm publish, and the pack step of an install from a git URL) and `postpack` after, with the scripts it read first:
//   prepack:  node scripts/pack-manifest.js strip     (keeps the full manifest in .package.json.development)
//   postpack: node scripts/pack-manifest.js restore
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "package.json");
const KEPT = path.join(ROOT, ".package.json.development");
/** The fields a consumer's npm and Node read; everything else (scripts, devDependencies, allowScripts) stays home. */
const PUBLISHED_FIELDS = [
  "name",
  "version",
  "description",
  "keywords",
  "license",
  "author",
  "repository",
  "homepage",
  "bugs",
  "main",
  "types",
  "exports",
  "files",
  "engines",
  "dependencies",
  "peerDependencies",
  "peerDependenciesMeta",
];

function fail(message) {
  process.stderr.write(`[pack-manifest] ${message}\n`);
  process.exit(1);
}

/** The manifest as published: the listed fields of the development manifest, in its order. */
function publishedManifest(development) {
  const published = {};
  for (const [key, value] of Object.entries(development)) if (PUBLISHED_FIELDS.includes(key)) published[key] = value;
  return published;
}

function strip() {
  if (fs.existsSync(KEPT)) {
    fail(`${path.basename(KEPT)} exists: an earlier pack did not finish. Run \`node scripts/pack-manifest.js restore\` first.`);
  }
  const text = fs.readFileSync(MANIFEST, "utf8");
  fs.writeFileSync(KEPT, text);
  fs.writeFileSync(MANIFEST, `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
}

function restore() {
  if (!fs.existsSync(KEPT)) return;
  fs.copyFileSync(KEPT, MANIFEST);
  fs.rmSync(KEPT);
}

module.exports = { publishedManifest, PUBLISHED_FIELDS };

if (require.main === module) {
  const command = process.argv[2];
  if (command === "strip") strip();
  else if (command === "restore") restore();
  else fail("usage: node scripts/pack-manifest.js strip|restore");
}
