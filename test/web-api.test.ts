// The HTTP API, in-process (app.fetch on real Requests) over a real library file holding the
// four seeds: every route answers like its command, refusals are `{"error": {code, message}}`
// with the right status and change nothing, and requests from other sites are turned away.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { childEnv, LECTIO_BIN, makeTempDir, removeDir, runCli, SEEDS } from './cli-helpers.js';
import { appOnLibrary, importFiles, type TestApp } from './web/web-harness.js';

interface Page {
  total: number;
  offset: number;
  rows: Array<{ id: number; title: string; status: string; importance: number | null; topics: string[] }>;
}
interface ErrorBody {
  error: { code: string; message: string };
}

let dir = '';
let t: TestApp;

async function json<T>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  assert.equal(response.status, status, JSON.stringify(body).slice(0, 300));
  return body;
}

async function refused(response: Response, status: number, code: string): Promise<string> {
  const body = await json<ErrorBody>(response, status);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0 && !body.error.message.includes('\n'), body.error.message);
  return body.error.message;
}

before(() => {
  dir = makeTempDir('lectio-web-api-');
  const store = appOnLibrary(path.join(dir, 'lib.sqlite'));
  importFiles(store.store, SEEDS);
  store.close();
  t = appOnLibrary(path.join(dir, 'lib.sqlite'));
});
after(() => {
  t.close();
  removeDir(dir);
});

describe('reading the library', () => {
  it('pages through every item once, in the order asked, with the total', async () => {
    const count = t.store.countItems();
    const seen = new Set<number>();
    for (let offset = 0; offset < count; offset += 100) {
      const page = await json<Page>(
        await t.request('GET', `/api/items?offset=${offset}&limit=100&sort=title`),
      );
      assert.equal(page.total, count);
      for (const row of page.rows) seen.add(row.id);
      const titles = page.rows.map((r) => r.title.toLowerCase());
      assert.deepEqual(
        titles,
        [...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    assert.equal(seen.size, count);
  });

  it('filters by status and topic as lectio list does', async () => {
    const read = await json<Page>(await t.request('GET', '/api/items?status=read&limit=1000'));
    assert.ok(read.total > 0 && read.rows.every((r) => r.status === 'read'));
    const topics = await json<Array<{ path: string; items: number; depth: number }>>(
      await t.request('GET', '/api/topics'),
    );
    const topic = topics.find((x) => x.depth === 0 && x.items > 2);
    assert.ok(topic);
    const under = await json<Page>(
      await t.request('GET', `/api/items?topic=${encodeURIComponent(topic.path)}&limit=1000`),
    );
    assert.equal(under.total, topic.items);
    const stars = await json<Page>(await t.request('GET', '/api/items?sort=importance&order=desc&limit=5'));
    assert.equal(stars.rows[0]?.importance, 5);
  });

  it('refuses bad queries with the field named', async () => {
    assert.match(await refused(await t.request('GET', '/api/items?limit=abc'), 400, 'bad_input'), /^limit: /);
    assert.match(
      await refused(await t.request('GET', '/api/items?status=done'), 400, 'bad_input'),
      /^status: /,
    );
    await refused(await t.request('GET', '/api/items?topic=No%20such%20topic'), 404, 'not_found');
    await refused(await t.request('GET', '/api/items/abc'), 400, 'bad_input');
    await refused(await t.request('GET', '/api/items/999999'), 404, 'not_found');
    await refused(await t.request('GET', '/api/nothing'), 404, 'not_found');
    await refused(await t.request('DELETE', '/api/items/1'), 405, 'method_not_allowed');
  });

  it('shows one item as lectio show --json does, with sources and history', async () => {
    const db = path.join(dir, 'lib.sqlite');
    const shown = JSON.parse(runCli(['--db', db, 'show', '1', '--json']).stdout) as Record<string, unknown>;
    const item = await json<Record<string, unknown>>(await t.request('GET', '/api/items/1'));
    for (const key of ['id', 'title', 'links', 'topics', 'notes', 'why', 'status', 'ids'])
      assert.deepEqual(item[key], shown[key], key);
    const sources = item.sources as Array<{ file: string; line: number; match: string }>;
    assert.ok(sources.length > 0 && sources.every((s) => s.line > 0 && s.match.length > 0));
  });

  it('searches with the query syntax and marks the words found', async () => {
    const body = await json<{ hits: Array<{ title: string; snippet: { text: string } | null }> }>(
      await t.request('GET', '/api/search?q=attention&limit=5'),
    );
    assert.ok(body.hits.length > 0);
    assert.match(body.hits[0]?.snippet?.text ?? '', /«attention»/iu);
    await refused(await t.request('GET', '/api/search?q=%22open%20quote'), 400, 'bad_input');
    await refused(await t.request('GET', '/api/search?q=stars:%3E%3D9'), 400, 'bad_input');
  });
});

describe('the reader’s writes', () => {
  it('marks the first of the queue read, and the queue moves on', async () => {
    const before = await json<Array<{ id: number }>>(await t.request('GET', '/api/queue?limit=5'));
    const first = before[0];
    assert.ok(first);
    const result = await json<{ to: string }>(
      await t.request('POST', `/api/items/${first.id}/mark`, { status: 'read' }),
    );
    assert.equal(result.to, 'read');
    const afterMark = await json<Array<{ id: number }>>(await t.request('GET', '/api/queue?limit=5'));
    assert.ok(!afterMark.some((e) => e.id === first.id));
    const progress = await json<{ thisWeek: { deep: number } }>(await t.request('GET', '/api/progress'));
    assert.ok(progress.thisWeek.deep >= 1);
  });

  it('keeps notes, why and ratings, and refuses bad values without writing', async () => {
    await json(await t.request('PUT', '/api/items/2/note', { note: '## Takeaway\r\nit works' }));
    await json(await t.request('PUT', '/api/items/2/why', { why: 'for the web test' }));
    await json(await t.request('PUT', '/api/items/2/rating', { rating: 4 }));
    const item = await json<{ note: string; why: string; rating: number }>(
      await t.request('GET', '/api/items/2'),
    );
    assert.deepEqual([item.note, item.why, item.rating], ['## Takeaway\nit works', 'for the web test', 4]);
    assert.match(
      await refused(await t.request('PUT', '/api/items/2/rating', { rating: 6 }), 400, 'bad_input'),
      /^rating: /,
    );
    await refused(await t.request('PUT', '/api/items/2/note', '{"note": '), 400, 'bad_input');
    await refused(await t.request('POST', '/api/items/2/mark', {}), 400, 'bad_input');
    const again = await json<{ rating: number }>(await t.request('GET', '/api/items/2'));
    assert.equal(again.rating, 4);
  });

  it('marks several items in one transaction: an unknown id marks none', async () => {
    await refused(
      await t.request('POST', '/api/mark', { ids: [3, 999999], status: 'skipped' }),
      404,
      'not_found',
    );
    const three = await json<{ status: string }>(await t.request('GET', '/api/items/3'));
    assert.notEqual(three.status, 'skipped');
    const done = await json<unknown[]>(
      await t.request('POST', '/api/mark', { ids: [3, 4], status: 'skipped' }),
    );
    assert.equal(done.length, 2);
  });

  it('moves several items to a new topic in one transaction: an unknown id moves none', async () => {
    const topicPaths = async () =>
      (await json<Array<{ path: string; items: number }>>(await t.request('GET', '/api/topics'))).map(
        (x) => `${x.path}: ${x.items}`,
      );
    const before = await json<{ topics: string[] }>(await t.request('GET', '/api/items/6'));
    const treeBefore = await topicPaths();
    await refused(
      await t.request('POST', '/api/move', { ids: [6, 999999], topic: 'Moved on the web' }),
      404,
      'not_found',
    );
    assert.match(
      await refused(await t.request('POST', '/api/move', { ids: [], topic: 'x' }), 400, 'bad_input'),
      /^ids: /,
    );
    assert.match(
      await refused(await t.request('POST', '/api/move', { ids: [6], topic: '' }), 400, 'bad_input'),
      /^topic: /,
    );
    assert.deepEqual(
      (await json<{ topics: string[] }>(await t.request('GET', '/api/items/6'))).topics,
      before.topics,
    );
    assert.deepEqual(await topicPaths(), treeBefore);

    const result = await json<{
      topic: string;
      created: boolean;
      moved: Array<{ id: number; from: string[] }>;
    }>(await t.request('POST', '/api/move', { ids: [6, 7], topic: 'Moved on the web / today' }));
    assert.equal(result.topic, 'Moved on the web / today');
    assert.equal(result.created, true);
    assert.deepEqual(
      result.moved.map((m) => m.id),
      [6, 7],
    );
    assert.deepEqual(result.moved[0]?.from, before.topics);
    const under = await json<Page>(
      await t.request('GET', `/api/items?topic=${encodeURIComponent('Moved on the web')}`),
    );
    assert.deepEqual(
      under.rows.map((r) => [r.id, r.topics]),
      [
        [6, ['Moved on the web / today']],
        [7, ['Moved on the web / today']],
      ],
    );
    assert.ok((await topicPaths()).includes('Moved on the web: 2'));
    const item = await json<{ history: Array<{ kind: string; to?: string }> }>(
      await t.request('GET', '/api/items/6'),
    );
    assert.deepEqual(item.history.at(-1), {
      at: '2026-11-25T10:00:00.000Z',
      kind: 'topic',
      from: before.topics,
      to: 'Moved on the web / today',
    });
  });

  it('reorders topics, and plans a topic', async () => {
    const topics = await json<Array<{ path: string; depth: number; rank: number | null }>>(
      await t.request('GET', '/api/topics'),
    );
    const last = topics.filter((x) => x.depth === 0).at(-1);
    assert.ok(last);
    const reordered = await json<Array<{ path: string; rank: number | null }>>(
      await t.request('POST', '/api/topics/prioritize', { topics: [last.path] }),
    );
    assert.equal(reordered[0]?.path, last.path);
    assert.equal(reordered[0]?.rank, 1);
    const plan = await json<{ name: string; total: number }>(
      await t.request('POST', '/api/plans', { name: 'web plan', topic: last.path, perWeek: 2 }),
      201,
    );
    assert.ok(plan.total > 0);
    await refused(
      await t.request('POST', '/api/plans', { name: 'web plan', topic: last.path, perWeek: 2 }),
      409,
      'conflict',
    );
    assert.equal((await json<unknown[]>(await t.request('GET', '/api/plans'))).length, 1);
    await json(
      await t.request('DELETE', `/api/plans/${encodeURIComponent('web plan')}`, undefined, {
        origin: `http://${t.host}`,
      }),
    );
  });
});

describe('import over HTTP', () => {
  it('imports a dropped list and reports like lectio import; the same file again changes nothing', async () => {
    const text =
      '# Dropped\n\n## Web\n\n- [ ] [A Paper Dropped On The Web App](https://arxiv.org/abs/2501.00001)\n';
    const first = await json<{ added: number; files: Array<{ outcome: string; path: string }> }>(
      await t.request('POST', '/api/import', { files: [{ name: 'dropped.md', text }] }),
    );
    assert.equal(first.added, 1);
    assert.equal(first.files[0]?.path, 'upload:dropped.md');
    const again = await json<{ files: Array<{ outcome: string }> }>(
      await t.request('POST', '/api/import', {
        files: [{ name: 'dropped.md', base64: Buffer.from(text).toString('base64') }],
      }),
    );
    assert.equal(again.files[0]?.outcome, 'unchanged');
  });

  it('refuses a binary file, a path for a name, and a run with one bad file imports nothing', async () => {
    const count = t.store.countItems();
    const good = {
      name: 'good.md',
      text: '- [Another Paper From The Web](https://arxiv.org/abs/2501.00002)\n',
    };
    const binary = { name: 'bad.md', base64: Buffer.from([0, 1, 2, 0, 255, 0, 7]).toString('base64') };
    await refused(await t.request('POST', '/api/import', { files: [good, binary] }), 400, 'bad_input');
    await refused(
      await t.request('POST', '/api/import', { files: [{ ...good, name: '../../etc/x.md' }] }),
      400,
      'bad_input',
    );
    await refused(
      await t.request('POST', '/api/import', { files: [{ ...good, name: 'list.pdf' }] }),
      400,
      'bad_input',
    );
    // Two files of one name: the last would have replaced the first one's entries.
    const twin = { name: 'good.md', text: '- [A Third Paper](https://arxiv.org/abs/2501.00003)\n' };
    await refused(await t.request('POST', '/api/import', { files: [good, twin] }), 400, 'bad_input');
    assert.equal(t.store.countItems(), count);
  });
});

describe('who may call', () => {
  it('refuses a foreign Host (DNS rebinding), even for reads', async () => {
    await refused(
      await t.request('GET', '/api/stats', undefined, { host: 'evil.example:4178' }),
      403,
      'forbidden',
    );
    await refused(await t.request('GET', '/', undefined, { host: 'evil.example' }), 403, 'forbidden');
  });

  it('refuses writes from another origin, another site, or without JSON', async () => {
    const before = await json<{ why: string | null }>(await t.request('GET', '/api/items/5'));
    const write = (headers: Record<string, string>) =>
      t.request('PUT', '/api/items/5/why', { why: 'pwned' }, headers);
    await refused(await write({ origin: 'http://evil.example' }), 403, 'forbidden');
    await refused(await write({ origin: 'null' }), 403, 'forbidden');
    await refused(await write({ origin: 'http://127.0.0.1:9999' }), 403, 'forbidden');
    await refused(await write({ origin: '', 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
    await refused(await write({ 'content-type': 'text/plain' }), 400, 'bad_input');
    await refused(await write({ 'content-type': 'application/x-www-form-urlencoded' }), 400, 'bad_input');
    const after = await json<{ why: string | null }>(await t.request('GET', '/api/items/5'));
    assert.equal(after.why, before.why);
  });

  it('with a token, asks every request for it; /?token= sets a cookie that works', async () => {
    const token = 'correct-horse-battery-staple';
    const secured = appOnLibrary(path.join(dir, 'lib.sqlite'), { token });
    try {
      await refused(
        await secured.request('GET', '/api/stats', undefined, { host: 'lectio.lan:4178' }),
        401,
        'unauthorized',
      );
      await refused(
        await secured.request('GET', '/api/stats', undefined, {
          authorization: 'Bearer wrong-token-of-the-same-size!!',
        }),
        401,
        'unauthorized',
      );
      await json(
        await secured.request('GET', '/api/stats', undefined, {
          authorization: `Bearer ${token}`,
          host: 'lectio.lan:4178',
        }),
      );
      const opened = await secured.request('GET', `/?token=${token}`, undefined, { host: 'lectio.lan:4178' });
      assert.equal(opened.status, 303);
      const cookie = opened.headers.get('set-cookie') ?? '';
      assert.match(cookie, /HttpOnly/u);
      assert.match(cookie, /SameSite=Strict/u);
      await json(
        await secured.request('GET', '/api/stats', undefined, {
          cookie: cookie.split(';')[0] ?? '',
          host: 'lectio.lan:4178',
        }),
      );
    } finally {
      secured.close();
    }
  });

  it('serves the page with a strict CSP, only its own files, and the OpenAPI of every route', async () => {
    const page = await t.request('GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/u);
    assert.match(await page.text(), /<script type="module" src="\/app.js">/u);
    assert.equal((await t.request('GET', '/app.js')).status, 200);
    for (const probe of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/dist/web/app.js',
      '/index.html/..%2f..%2fpackage.json',
    ])
      assert.equal((await t.request('GET', probe)).status, 404, probe);
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.request('GET', '/api/openapi.json'),
    );
    for (const p of [
      '/api/items',
      '/api/items/{id}',
      '/api/items/{id}/note',
      '/api/search',
      '/api/queue',
      '/api/import',
    ])
      assert.ok(doc.paths[p], p);
    assert.ok(doc.paths['/api/items/{id}/mark']?.post);
    assert.ok(doc.paths['/api/move']?.post);
  });
});

describe('lectio serve', () => {
  it('serves a new library with the examples on a free loopback port, prints its URL and what to read first', async () => {
    const db = path.join(dir, 'served.sqlite');
    const child = spawn(process.execPath, [LECTIO_BIN, '--db', db, 'serve', '--port', '0', '--examples'], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\/[^]*\n3\. #\d+ .*\n.*\n/u.exec(out);
          if (m) resolve(/http:\/\/127\.0\.0\.1:\d+\//u.exec(m[0])?.[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      // The top three of `lectio next`, each with why it is there.
      const first = out.slice(out.indexOf('read first'));
      assert.match(first, /^read first \(lectio next lists more\):\n1\. #\d+ {2}\S.*\n {3}topic #\d/u);
      assert.doesNotMatch(first, /^4\. /mu);
      const next = runCli(['--db', db, 'next', '-n', '3']);
      assert.equal(first.slice(first.indexOf('\n') + 1), next.stdout);
      const stats = (await (await fetch(`${url}api/stats`)).json()) as { items: number };
      assert.ok(stats.items > 10, 'the examples were imported');
      const page = await fetch(url);
      assert.equal(page.status, 200);
      const write = await fetch(`${url}api/items/1/why`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
        body: JSON.stringify({ why: 'x' }),
      });
      assert.equal(write.status, 403);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses to listen beyond loopback without a token, and a short token', () => {
    const db = path.join(dir, 'served.sqlite');
    const open = runCli(['--db', db, 'serve', '--host', '0.0.0.0', '--port', '0']);
    assert.equal(open.status, 2);
    assert.match(open.stderr, /give --token/u);
    const short = runCli(['--db', db, 'serve', '--host', '0.0.0.0', '--token', 'abc']);
    assert.equal(short.status, 2);
    assert.match(short.stderr, /--token: at least 16/u);
  });
});
