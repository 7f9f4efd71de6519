// The CLI bundles markdown-it with its transpiled class fields turned into plain assignments
// (scripts/build.mjs, plainClassFields). These checks hold that change to "no change": the
// premise (nothing on the classes' prototype chains that an assignment would run into), that
// the transform did apply to what ships, and the same tokens and the same parsed lists as the
// package gives, on every real list. dist/bundle/parse-step.cjs is built with the same
// transform for the benchmarks (bench/shipped-parser.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { shippedParser } from '../bench/shipped-parser.js';
import { parseMarkdownList } from '../src/formats/markdown/parse-markdown-list.js';
import { decodeText } from '../src/formats/text-decoding.js';
import { REAL_LISTS } from './real-lists.js';

const OPTIONS = { html: true, linkify: false, typographer: false } as const;
const BUNDLE_DIR = fileURLToPath(new URL('../bundle/', import.meta.url));

/** An instance of each class markdown-it makes per parse (or per token). */
function perParseInstances(md: InstanceType<typeof MarkdownIt>): Array<{ name: string; instance: object }> {
  const core = new md.core.State('', md, {});
  return [
    { name: 'Token', instance: new core.Token('text', '', 0) },
    { name: 'StateCore', instance: core },
    { name: 'StateBlock', instance: new md.block.State('', md, {}, []) },
    { name: 'StateInline', instance: new md.inline.State('', md, {}, []) },
  ];
}

/** The descriptor `key` has on the prototype chain of `instance`, if any. */
function inheritedDescriptor(instance: object, key: string): PropertyDescriptor | undefined {
  for (
    let proto = Object.getPrototypeOf(instance) as object | null;
    proto;
    proto = Object.getPrototypeOf(proto)
  ) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d) return d;
  }
  return undefined;
}

/** `_defineProperty(this, "name", value)` calls left in a bundle's text: name → value. */
function definePropertyCalls(text: string): Array<[string, string]> {
  const call = /_defineProperty\(\s*this,\s*(?:\/\*\*[\s\S]*?\*\/\s*)?"(\w+)",\s*([\s\S]*?)\s*\);/gu;
  return [...text.matchAll(call)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('markdown-it as the CLI bundles it', () => {
  const shipped = shippedParser();
  const plain = new MarkdownIt(OPTIONS);

  it('has no accessor or read-only property where its per-parse fields go (so assigning them is defining them)', () => {
    for (const { name, instance } of perParseInstances(plain)) {
      for (const key of Object.keys(instance)) {
        const d = inheritedDescriptor(instance, key);
        assert.ok(d === undefined || (!d.get && !d.set && d.writable), `${name}.${key}`);
      }
    }
  });

  it('assigns the per-parse fields plainly, in the shipped CLI and in the parse-step bundle', () => {
    for (const { name, instance } of perParseInstances(new shipped.MarkdownIt(OPTIONS))) {
      assert.doesNotMatch(String(instance.constructor), /_defineProperty/u, name);
    }
    for (const file of [path.join('cli', 'import.cjs'), path.join('cli', 'all.cjs'), 'parse-step.cjs']) {
      const text = fs.readFileSync(path.join(BUNDLE_DIR, file), 'utf8');
      assert.match(text, /this\.map = null;/u, `${file}: Token's fields are assigned`);
      // What is left makes the parts of a markdown-it instance (its parsers, rulers, renderer),
      // once per instance: per-parse fields start as literals ("", 0, [], null, Token).
      for (const [field, value] of definePropertyCalls(text)) {
        assert.match(value, /^(?:new \w+\(\)|Object\.assign\(\{\}, \w+\))$/u, `${file}: ${field} = ${value}`);
      }
    }
  });

  it('gives the same tokens as the package on every real list', () => {
    const bundled = new shipped.MarkdownIt(OPTIONS);
    for (const file of REAL_LISTS) {
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(
        JSON.stringify(bundled.parse(text, {})),
        JSON.stringify(plain.parse(text, {})),
        path.basename(file),
      );
    }
  });

  it('gives the same parsed lists as the compiled modules', () => {
    for (const file of REAL_LISTS) {
      const bytes = fs.readFileSync(file);
      assert.deepEqual(
        shipped.parseMarkdownList(shipped.decodeText(bytes, file).text),
        parseMarkdownList(decodeText(bytes, file).text),
        path.basename(file),
      );
    }
  });
});
