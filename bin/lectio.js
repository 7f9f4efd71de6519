#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/cli by npm run build (scripts/build.mjs).
import '../dist/bundle/cli/main.js';
