// The static site: list text never reaches the page unescaped (a hostile list with
// <script>, javascript: links and onerror= attributes), the search data is embedded so that
// the site works from file://, every page it links to exists, and the markdown export runs
// through the CLI with its filters and its refusals. DOM-free: the pages are parsed with
// htmlparser2, as a browser would tokenise them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { ExportItem, ExportSelection } from '../src/core/library-export.js';
import { exportSite } from '../src/formats/export/static-site.js';
import { listItems, oneLineError, runCli, seed, tempDir } from './cli-helpers.js';

const HOSTILE = `# Hostile list

## Attacks <script>alert('topic')</script>

- [ ] [Title <script>alert(1)</script> & friends](https://example.com/a?x=1&y=<b>)
  - why: "><img src=x onerror=alert(2)>
  - a note with </script><script>alert(3)</script> and \u2028 line separators
- [ ] [Click me](javascript:alert(4))
- [ ] <img src=x onerror=alert(5)> raw html title https://example.com/raw
- [ ] [data link](data:text/html,<script>alert(6)</script>)
- [ ] Normal paper [paper](https://arxiv.org/abs/1706.03762)
`;

function walk(nodes: readonly ChildNode[], visit: (el: Element) => void): void {
  for (const node of nodes) {
    if (isTag(node)) {
      visit(node);
      walk(node.children, visit);
    }
  }
}

function textOf(nodes: readonly ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) out += node.data;
    else if (isTag(node)) out += textOf(node.children);
  }
  return out;
}

/** Every page of a site parsed: no script, event attribute, img or link that lectio did not write. */
function checkSite(files: ReadonlyMap<string, string>): string {
  let allText = '';
  for (const [name, html] of files) {
    if (!name.endsWith('.html')) continue;
    const doc = parseDocument(html);
    walk(doc.children, (el) => {
      for (const [attr, value] of Object.entries(el.attribs)) {
        assert.ok(!/^on/iu.test(attr), `${name}: an event attribute ${attr}`);
        if (attr === 'href' || attr === 'src') {
          assert.ok(!/^\s*(javascript|data|vbscript):/iu.test(value), `${name}: ${attr}=${value}`);
          if (!/^https?:/u.test(value)) {
            // A page of this export: it must exist, so that the site works from file://.
            const target = path.posix.normalize(
              path.posix.join(path.posix.dirname(name), value.replace(/#.*$/u, '')),
            );
            assert.ok(files.has(target), `${name} links to missing ${value}`);
          }
        }
      }
      assert.notEqual(el.name, 'img', `${name}: an img element from the list`);
      assert.notEqual(el.name, 'iframe', `${name}: an iframe from the list`);
      if (el.name === 'script') {
        const ours =
          el.attribs.src === 'assets/search.js' ||
          (el.attribs.type === 'application/json' && el.attribs.id === 'lectio-data');
        assert.ok(ours, `${name}: a script that lectio did not write`);
      }
    });
    allText += textOf(doc.children);
  }
  const index = files.get('index.html') ?? '';
  const data = /<script type="application\/json" id="lectio-data">([^]*?)<\/script>/u.exec(index)?.[1] ?? '';
  assert.ok(!/<\/?script|<!--/iu.test(data));
  for (const e of JSON.parse(data) as Array<{ p: string }>)
    assert.ok(files.has(e.p.replace(/#.*$/u, '')), e.p);
  assert.ok(!/innerHTML|eval\(|document\.write/u.test(files.get('assets/search.js') ?? ''));
  return allText;
}

const EVIL = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&lt;';

test('every field of an item reaches the site as text, and no link is javascript: or data:', () => {
  const base: Omit<ExportItem, 'id'> = {
    title: `Title ${EVIL}`,
    aliases: [EVIL],
    kind: 'paper',
    status: 'read',
    importance: 3,
    why: `why ${EVIL}`,
    year: 2020,
    authors: [`Author ${EVIL}`],
    topics: [`Topic ${EVIL}`, `Topic ${EVIL} / Sub ${EVIL}`],
    links: [
      { url: 'javascript:alert(3)', role: 'paper' },
      { url: 'data:text/html,<script>alert(4)</script>', role: 'pdf' },
      { url: ' JAVASCRIPT:alert(5)', role: 'code' },
      { url: 'https://example.com/?q="><script>alert(6)</script>', role: 'blog' },
    ],
    notes: [`note ${EVIL}\u2028\u2029`],
    note: `my note ${EVIL}`,
    rating: 4,
    pass: 2,
    readAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    abstract: null,
    doi: null,
    categories: [],
    journalRef: null,
    bib: null,
  };
  const selection: ExportSelection = {
    topics: [`Topic ${EVIL}`, `Topic ${EVIL} / Sub ${EVIL}`],
    items: [
      { ...base, id: 1 },
      { ...base, id: 2, topics: [] },
    ],
  };
  const files = exportSite(selection, { title: `Library ${EVIL}`, generatedAt: '2026-11-25T10:00:00Z' });
  const text = checkSite(files);
  for (const field of [
    base.title,
    base.why ?? '',
    base.authors[0] ?? '',
    `Sub ${EVIL}`,
    base.note,
    `Library ${EVIL}`,
  ]) {
    assert.ok(text.includes(field), `shown as text: ${field}`);
  }
  const data = JSON.parse(
    /id="lectio-data">([^]*?)<\/script>/u.exec(files.get('index.html') ?? '')?.[1] ?? '[]',
  ) as Array<{ t: string; w: string }>;
  assert.equal(data[0]?.t, base.title);
  assert.equal(data[0]?.w, base.why);
});

test('the site of a hostile list imported through the CLI, written to a directory and rewritten', (t) => {
  const dir = tempDir(t);
  const list = path.join(dir, 'hostile.md');
  fs.writeFileSync(list, HOSTILE);
  const db = path.join(dir, 'lib.sqlite');
  assert.equal(runCli(['--db', db, 'import', list, seed('004')]).status, 0);
  const site = path.join(dir, 'site');
  const r = runCli(['--db', db, 'export', '--format', 'site', '--out', site]);
  assert.equal(r.status, 0, r.stderr);
  const files = new Map<string, string>();
  const collect = (d: string, prefix: string): void => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) collect(full, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, fs.readFileSync(full, 'utf8'));
    }
  };
  collect(site, '');
  assert.ok(files.has('index.html') && files.has('assets/search.js') && files.has('assets/style.css'));
  const text = checkSite(files);
  // What the importer kept of the hostile text is shown as text.
  for (const item of listItems(db)) {
    assert.ok(text.includes(item.title), item.title);
    for (const note of item.notes) assert.ok(text.includes(note), note);
  }
  // Exporting again into the same directory rewrites it; a directory of something else is refused.
  assert.equal(runCli(['--db', db, 'export', '--format', 'site', '--out', site]).status, 0);
  const other = path.join(dir, 'other');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'keep.txt'), 'mine');
  const refused = runCli(['--db', db, 'export', '--format', 'site', '--out', other]);
  assert.equal(refused.status, 4);
  oneLineError(refused.stderr);
  assert.deepEqual(fs.readdirSync(other), ['keep.txt']);
});

test('lectio export --format md through the CLI: filters, a file, and an import back', (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'lib.sqlite');
  assert.equal(runCli(['--db', db, 'import', seed('004')]).status, 0);
  const out = path.join(dir, 'read.md');
  const r = runCli(['--db', db, 'export', '--format', 'md', '--status', 'read', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  const read = listItems(db).filter((i) => i.status === 'read');
  const again = path.join(dir, 'again.sqlite');
  assert.equal(runCli(['--db', again, 'import', out]).status, 0);
  const back = listItems(again);
  assert.deepEqual(back.map((i) => i.title).sort(), read.map((i) => i.title).sort());
  assert.ok(back.every((i) => i.status === 'read'));
  const topic = read[0]?.topics[0] ?? '';
  const md = runCli(['--db', db, 'export', '--format', 'md', '--topic', topic]);
  assert.equal(md.status, 0);
  assert.match(md.stdout, /^# Reading list\n/u);
  const bad: Array<[string[], number]> = [
    [['export', '--format', 'md', '--out', path.join(dir, 'missing', 'x.md')], 2],
    [['export', '--format', 'md', '--out', dir], 2],
    [['export', '--format', 'md', '--topic', 'no such topic'], 3],
    [['export', '--format', 'site'], 2],
    [['export', '--format', 'pdf'], 2],
  ];
  for (const [args, status] of bad) {
    const res = runCli(['--db', db, ...args]);
    assert.equal(res.status, status, args.join(' '));
    if (status !== 2 || !args.includes('pdf')) oneLineError(res.stderr);
  }
  const empty = runCli(['--db', path.join(dir, 'none.sqlite'), 'export', '--format', 'md']);
  assert.equal(empty.status, 3);
  assert.ok(!fs.existsSync(path.join(dir, 'none.sqlite')));
});

// The audit's case: `lectio export --format markdown` was refused ("Allowed choices are md,
// …"). Each format answers to the names users type for it, in any case, and the help and the
// refusal name them all.
test('lectio export --format takes markdown, bib, csl and the like for md, bibtex and csl-json', (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'lib.sqlite');
  assert.equal(runCli(['--db', db, 'import', seed('000')]).status, 0);
  const names: Array<[string, string[]]> = [
    ['md', ['markdown', 'Markdown', 'MD']],
    ['bibtex', ['bib', 'BibTeX']],
    ['csl-json', ['csl', 'CSL-JSON', 'csljson']],
  ];
  for (const [format, others] of names) {
    const own = runCli(['--db', db, 'export', '--format', format]);
    assert.equal(own.status, 0, own.stderr);
    for (const other of others) {
      const r = runCli(['--db', db, 'export', '--format', other]);
      assert.equal(r.status, 0, `${other}: ${r.stderr}`);
      assert.equal(r.stdout, own.stdout, `--format ${other} is --format ${format}`);
    }
  }
  const help = runCli(['export', '--help']).stdout.replace(/\s+/gu, ' ');
  const refused = runCli(['--db', db, 'export', '--format', 'pdf']);
  assert.equal(refused.status, 2);
  for (const name of ['md', 'markdown', 'bibtex', 'bib', 'csl-json', 'csl', 'json', 'site']) {
    assert.match(help, new RegExp(`\\b${name}\\b`, 'u'), `help names ${name}`);
    assert.match(refused.stderr, new RegExp(`\\b${name}\\b`, 'u'), `the refusal names ${name}`);
  }
});
