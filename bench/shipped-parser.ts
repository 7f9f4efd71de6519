// The parse step as the CLI ships it: dist/bundle/parse-step.cjs, bundled by scripts/build.mjs
// with the same markdown-it transform as the CLI bundles (class fields assigned plainly).
// The benchmarks time markdown-it and the parse step from here, so that both sides of the
// "whole import / markdown-it" ratio run the markdown-it the product runs.

import { createRequire } from 'node:module';
import type MarkdownItClass from 'markdown-it';
import type { parseMarkdownList as ParseMarkdownList } from '../src/formats/markdown/parse-markdown-list.js';
import type {
  listInputOfBytes as ListInputOfBytes,
  readListFile as ReadListFile,
} from '../src/formats/read-list-file.js';
import type { decodeText as DecodeText } from '../src/formats/text-decoding.js';

export interface ShippedParser {
  MarkdownIt: typeof MarkdownItClass;
  readListFile: typeof ReadListFile;
  listInputOfBytes: typeof ListInputOfBytes;
  parseMarkdownList: typeof ParseMarkdownList;
  decodeText: typeof DecodeText;
}

/** Loads the bundle; `npm run build` writes it beside the CLI's (dist/bundle/). */
export function shippedParser(): ShippedParser {
  return createRequire(import.meta.url)('../bundle/parse-step.cjs') as ShippedParser;
}
