// The arXiv API client against the recorded answers in ../shared/testdata/arxiv, served by
// a real HTTP server on loopback. A fake clock stands in for time: the 3 s spacing and
// the back-offs are asserted on it, and no test waits for them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseArxivId } from '../src/core/canonical-id.js';
import { LectioError } from '../src/core/errors.js';
import {
  ArxivClient,
  type ArxivClientOptions,
  type ArxivPaper,
  mathAsText,
  parseArxivFeed,
} from '../src/sources/arxiv-api.js';
import { HttpFetcher, parseRetryAfter } from '../src/sources/http-fetch.js';
import { ARXIV_DIR, type ArxivRecording, loadArxivRecordings, ReplayServer } from './replay-server.js';

const T0 = Date.parse('2026-04-12T22:00:00Z');

interface FakeClock {
  t: number;
  sleeps: number[];
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

function fakeClock(): FakeClock {
  const clock: FakeClock = {
    t: T0,
    sleeps: [],
    now: () => clock.t,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const RECORDINGS = loadArxivRecordings();

function recording(prefix: string): ArxivRecording {
  const found = RECORDINGS.find((r) => path.basename(r.file).startsWith(prefix));
  if (found === undefined) throw new Error(`no recording ${prefix}`);
  return found;
}

function parseRecording(prefix: string) {
  return parseArxivFeed(recording(prefix).body.toString('utf8'));
}

/** Asserts that `fn` rejects with a one-line LectioError of `code` whose message matches. */
async function rejectsWith(fn: () => Promise<unknown>, code: string, message: RegExp): Promise<LectioError> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof LectioError, `expected a LectioError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  assert.doesNotMatch(caught.message, /\n/, 'messages are one line');
  return caught;
}

function throwsWith(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof LectioError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// Parsing every recorded answer

/** What arxiv.py's recorded answers say, field by field (read off the recorded XML). */
const EXPECTED: ReadonlyArray<{ recording: string; totalResults: number; papers: Partial<ArxivPaper>[] }> = [
  { recording: 'id_0000.0000_', totalResults: 0, papers: [] },
  // 0808.05394 has a 5-digit number in a 4-digit month: arXiv answers "nothing", not an error.
  { recording: 'id_0808.05394_s0', totalResults: 0, papers: [] },
  {
    recording: 'id_0808.05394_1707.08567',
    totalResults: 1,
    papers: [{ id: '1707.08567', version: 1, primaryCategory: 'cs.IT' }],
  },
  {
    recording: 'id_1707.08567',
    totalResults: 1,
    papers: [
      {
        id: '1707.08567',
        version: 1,
        title: 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
        categories: ['cs.IT'],
        primaryCategory: 'cs.IT',
        doi: null,
        journalRef: null,
        comment: '44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck',
        published: '2017-07-27T08:18:33Z',
        updated: '2017-07-27T08:18:33Z',
      },
    ],
  },
  {
    recording: 'id_2104.12255v1',
    totalResults: 1,
    // A paper titled "0": falsy in JavaScript, and still a title.
    papers: [{ id: '2104.12255', version: 1, title: '0', authors: ['Quan Thoi Minh Nguyen'], comment: null }],
  },
  {
    recording: 'id_astro-ph_0601001',
    totalResults: 1,
    papers: [
      {
        id: 'astro-ph/0601001',
        version: 1,
        title:
          'Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina',
        // Affiliations sit inside <author>; only the names are kept.
        authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'],
        categories: ['astro-ph'],
        primaryCategory: 'astro-ph',
        journalRef: 'ActaAstron.56:1-50,2006',
        doi: null,
      },
    ],
  },
  {
    recording: 'id_quant-ph_0201082v1',
    totalResults: 1,
    papers: [
      {
        id: 'quant-ph/0201082',
        version: 1,
        categories: ['quant-ph', 'cs.PL'],
        primaryCategory: 'quant-ph',
        comment: '32 pages',
        published: '2002-01-18T15:08:05Z',
      },
    ],
  },
  {
    recording: 'id_list_1111.2011v2',
    totalResults: 1,
    papers: [
      {
        id: '1111.2011',
        version: 2,
        // Hard-wrapped in the 2016 answer: "...in the Large\n  Connectivity Limit".
        title: 'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
        authors: ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic'],
        categories: ['cond-mat.str-el', 'cond-mat.stat-mech'],
        primaryCategory: 'cond-mat.str-el',
        doi: '10.1103/PhysRevB.85.115117',
        journalRef: 'Phys. Rev. B 85, 115117 (2012)',
        comment: '8 pages, 3 figures. Published version',
        published: '2011-11-08T18:48:36Z',
        updated: '2012-04-02T12:38:54Z',
        links: [
          { url: 'http://dx.doi.org/10.1103/PhysRevB.85.115117', role: 'paper', label: 'doi' },
          { url: 'http://arxiv.org/abs/1111.2011v2', role: 'paper', label: 'abs' },
          { url: 'http://arxiv.org/pdf/1111.2011v2', role: 'pdf', label: 'pdf' },
        ],
      },
    ],
  },
  {
    recording: 'search_au_del_maestro_AND_ti_checkerboard',
    totalResults: 1,
    papers: [
      {
        id: 'cond-mat/0603029',
        version: 1,
        title: 'From stripe to checkerboard order on the square lattice in the presence of quenched disorder',
        categories: ['cond-mat.str-el', 'cond-mat.supr-con'],
        doi: '10.1103/PhysRevB.74.024520',
        comment: '10 pages, 11 figures; added reference',
      },
    ],
  },
  {
    recording: 'search_au_del_maestro_AND_ti_quantum_criticality',
    totalResults: 2,
    papers: [
      { id: '1111.2011', version: 2 },
      {
        id: 'cond-mat/0607501',
        version: 2,
        published: '2006-07-19T20:12:54Z',
        updated: '2006-11-06T19:33:40Z',
      },
    ],
  },
  {
    recording: 'search_au_del_maestro.xml',
    totalResults: 31,
    papers: [{ id: '1201.4869' }, { id: 'cond-mat/0412498' }],
  },
  {
    recording: 'arxiv_3.xml',
    totalResults: 119894,
    papers: [
      {
        id: '2609.28471',
        authors: ['Peter Kirby'],
        categories: ['cs.CL', 'cs.LG'],
        doi: '10.1007/978-3-032-39150-6_7',
        journalRef:
          'Experimental IR Meets Multilinguality, Multimodality, and Interaction (CLEF 2026), LNCS 17087, pp. 92-102, Springer (2027)',
        comment:
          'Published in the proceedings of CLEF 2026. Code: https://github.com/petekirby/contrastive-av',
      },
      { id: '2609.28449', primaryCategory: 'cs.SE', doi: null, journalRef: null, comment: null },
      { id: '2609.28442', authors: ['Zhixu Silvia Tao'], categories: ['cs.LG', 'cs.AI', 'cs.CL', 'cs.SC'] },
    ],
  },
];

describe('parseArxivFeed on the recorded answers', () => {
  for (const { recording: name, totalResults, papers } of EXPECTED) {
    test(name, () => {
      const feed = parseRecording(name);
      assert.equal(feed.totalResults, totalResults);
      for (const [i, expected] of papers.entries()) {
        const paper = feed.papers[i];
        assert.ok(paper !== undefined, `paper ${i}`);
        for (const [key, value] of Object.entries(expected)) {
          assert.deepEqual(paper[key as keyof ArxivPaper], value, `${name} paper ${i} ${key}`);
        }
      }
    });
  }

  test("a title's inline TeX is text: $ω$Test is ωTest (2306.03845); money keeps its dollars", () => {
    const paper = parseRecording('q_testing_s20_m10').papers.find((p) => p.id === '2306.03845');
    assert.equal(paper?.title, 'ωTest: WebView-Oriented Testing for Android Applications');
    assert.equal(mathAsText('$\\alpha$-rays and $O(n^2)$ memory'), 'α-rays and O(n^2) memory');
    assert.equal(mathAsText('A $5 prize and $10 cost'), 'A $5 prize and $10 cost');
  });

  test('one paper in full: 1605.08386', () => {
    assert.deepEqual(parseRecording('id_1605.08386').papers, [
      {
        id: '1605.08386',
        version: 1,
        title: 'Heat-bath random walks with Markov bases',
        authors: ['Caprice Stanley', 'Tobias Windisch'],
        abstract:
          'Graphs on lattice points are studied whose edges come from a finite set of allowed moves of arbitrary length. ' +
          'We show that the diameter of these graphs on fibers of a fixed integer matrix can be bounded from above by a ' +
          'constant. We then study the mixing behaviour of heat-bath random walks on these graphs. We also state explicit ' +
          'conditions on the set of moves so that the heat-bath random walk, a generalization of the Glauber dynamics, is ' +
          'an expander in fixed dimension.',
        published: '2016-05-26T17:59:46Z',
        updated: '2016-05-26T17:59:46Z',
        categories: ['math.CO', 'math.ST'],
        primaryCategory: 'math.CO',
        doi: null,
        journalRef: null,
        comment: '20 pages, 3 figures',
        links: [
          { url: 'https://arxiv.org/abs/1605.08386v1', role: 'paper', label: 'abs' },
          { url: 'https://arxiv.org/pdf/1605.08386v1', role: 'pdf', label: 'pdf' },
        ],
      },
    ]);
  });

  test('every recorded paper is well formed', () => {
    let count = 0;
    for (const rec of RECORDINGS) {
      if (rec.status !== 200) continue;
      const text = rec.body.toString('utf8');
      const feed = parseArxivFeed(text);
      assert.equal(feed.papers.length, (text.match(/<entry>/g) ?? []).length, rec.file);
      for (const p of feed.papers) {
        const where = `${path.basename(rec.file)} ${p.id}`;
        assert.equal(parseArxivId(p.id), p.id, where);
        assert.ok(p.version !== null && p.version >= 1, where);
        assert.ok(p.title !== '' && !/\s{2}|\n/.test(p.title), where);
        assert.ok(p.abstract !== '' && !/\s{2}|\n/.test(p.abstract), where);
        assert.ok(p.authors.length > 0, where);
        assert.match(p.published ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, where);
        assert.ok(p.primaryCategory !== null && p.categories.includes(p.primaryCategory), where);
        assert.deepEqual(
          p.links.filter((l) => l.label !== 'doi').map((l) => l.role),
          ['paper', 'pdf'],
          where,
        );
        count++;
      }
    }
    assert.ok(count > 150, `parsed ${count} papers`);
  });

  test('the HTTP 400 error feed names the bad id', () => {
    const rec = recording('id_abc_');
    assert.equal(rec.status, 400);
    throwsWith(
      () => parseArxivFeed(rec.body.toString('utf8')),
      'bad_input',
      /arXiv rejected id "abc": incorrect id format for abc/,
    );
  });

  test('the arXiv manual’s 2007 error example reads the same way', () => {
    const manual = fs.readFileSync(path.join(ARXIV_DIR, 'spec', 'api_user-manual.md'), 'utf8');
    const example = /<\?xml version="1.0" encoding="utf-8"\?>\s*<feed[\s\S]*?<\/feed>/.exec(manual)?.[0];
    assert.ok(example !== undefined);
    throwsWith(() => parseArxivFeed(example), 'bad_input', /"1234\.12345"/);
  });

  test('arXiv sends UTF-8; the XML copies of the 2026 answers are double-encoded', () => {
    // arxiv.py's conftest stores `response.content.decode("latin-1")` as the JSON body, so
    // re-encoding it as Latin-1 gives arXiv's bytes; the .xml copies saved that Latin-1
    // text as UTF-8.
    const json = recording('id_1707.08567');
    assert.ok(parseArxivFeed(json.body.toString('utf8')).papers[0]?.authors.includes('Dirk Wübben'));
    const copyPath = path.join(ARXIV_DIR, 'api_2026_arxivpy_xml', `${path.basename(json.file, '.json')}.xml`);
    const copy = fs.readFileSync(copyPath, 'utf8');
    assert.equal(copy, json.body.toString('latin1'));
    assert.ok(parseArxivFeed(copy).papers[0]?.authors.includes('Dirk WÃ¼bben'));
  });

  test('every XML copy holds the same answer as its JSON recording', () => {
    const dir = path.join(ARXIV_DIR, 'api_2026_arxivpy_xml');
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.xml'));
    assert.equal(names.length, 20);
    for (const name of names) {
      const rec = recording(name.replace(/\.xml$/, '.json'));
      const copy = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.deepEqual(Buffer.from(copy, 'latin1'), rec.body, name);
    }
  });

  test('the recorded search pages agree with the 100-result page', () => {
    const all = parseRecording('q_testing_s0_m100').papers.map((p) => p.id);
    assert.equal(all.length, 100);
    const pages = RECORDINGS.filter((r) => path.basename(r.file).startsWith('q_testing_'));
    assert.equal(pages.length, 11);
    for (const rec of pages) {
      const start = Number(rec.params.get('start'));
      const max = Number(rec.params.get('max_results'));
      const feed = parseArxivFeed(rec.body.toString('utf8'));
      assert.equal(feed.totalResults, 214881);
      assert.equal(feed.startIndex, start);
      assert.deepEqual(
        feed.papers.map((p) => p.id),
        all.slice(start, start + max),
        path.basename(rec.file),
      );
    }
  });

  const BROKEN: ReadonlyArray<{ name: string; body: string; says: RegExp }> = [
    {
      name: 'an answer cut in half',
      body: recording('id_1605.08386').body.toString('utf8').slice(0, 1200),
      says: /^arXiv sent a broken answer: the document ends inside <summary> opened at line 16 \(truncated\?\)$/,
    },
    {
      name: 'a mismatched end tag',
      body: '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>',
      says: /<title> opened at line 1 is not closed/,
    },
    { name: 'an empty body', body: '', says: /empty/ },
    { name: 'plain text', body: 'Service Unavailable', says: /no XML element/ },
    { name: 'JSON', body: '{"error": "rate limited"}', says: /no XML element/ },
    {
      name: 'an HTML page',
      body: '<!DOCTYPE html><html><body><p>Slow down<br></body></html>',
      says: /web page/,
    },
    { name: 'a well-formed HTML page', body: '<html><body><p>Slow down</p></body></html>', says: /web page/ },
    { name: 'an RSS feed', body: '<rss version="2.0"><channel/></rss>', says: /<rss>, not an Atom feed/ },
    { name: 'two documents', body: '<feed></feed><feed></feed>', says: /more than one root/ },
  ];
  for (const { name, body, says } of BROKEN) {
    test(`refuses ${name} with one line`, () => throwsWith(() => parseArxivFeed(body), 'network', says));
  }
});

// ---------------------------------------------------------------------------------------
// The client over HTTP

describe('ArxivClient against the replay server', () => {
  let server: ReplayServer;
  let clock = fakeClock();

  before(async () => {
    server = await ReplayServer.start({ clock: () => clock.t });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    clock = fakeClock();
  });

  function client(options: ArxivClientOptions = {}): ArxivClient {
    return new ArxivClient({
      baseUrl: `${server.url}/api/query`,
      now: clock.now,
      sleep: clock.sleep,
      ...options,
    });
  }

  function idLists(): string[][] {
    return server.requestsTo('/api/query').map((r) => (r.query.get('id_list') ?? '').split(','));
  }

  test('looks up ids in every form, in one request, and says what it could not find', async () => {
    const result = await client().fetchByIds([
      '1605.08386',
      'arXiv:2104.12255v1',
      'https://arxiv.org/abs/astro-ph/0601001',
      'quant-ph/0201082v1',
      'https://arxiv.org/pdf/1707.08567v1.pdf',
      '1605.08386v1',
      '2401.99999',
      'abc',
      '0808.05394',
    ]);
    assert.deepEqual(
      result.papers.map((p) => [p.id, p.version]),
      [
        ['1605.08386', 1],
        ['2104.12255', 1],
        ['astro-ph/0601001', 1],
        ['quant-ph/0201082', 1],
        ['1707.08567', 1],
      ],
    );
    assert.deepEqual(result.missing, ['2401.99999']);
    // arXiv refuses a whole request for one malformed id: those never leave lectio.
    assert.deepEqual(result.failed, ['abc', '0808.05394']);
    assert.deepEqual(result.errors, ['not arXiv ids: "abc", "0808.05394"']);
    assert.deepEqual(idLists(), [
      ['1605.08386', '2104.12255v1', 'astro-ph/0601001', 'quant-ph/0201082v1', '1707.08567v1', '2401.99999'],
    ]);
    const [request] = server.requests;
    assert.equal(request?.query.get('max_results'), '6');
    assert.match(String(request?.headers['user-agent']), /^lectio\//);
    assert.equal(
      result.papers[3]?.title.startsWith('Quantum Computers and Quantum Computer Languages'),
      true,
    );
    assert.ok(result.papers[4]?.authors.includes('Dirk Wübben'));
  });

  test('batches at most 100 ids per request, one request every 3 s on the clock', async () => {
    const known = server.knownIds;
    assert.ok(known.length > 100 && known.length <= 200, `${known.length} recorded ids`);
    const unknown = ['2501.00001', '2501.00002', '2501.00003'];
    const progress: string[] = [];
    const result = await client().fetchByIds([...known, ...unknown], (p) =>
      progress.push(`${p.done}/${p.total}`),
    );

    const total = known.length + unknown.length;
    assert.deepEqual(progress, [`100/${total}`, `${total}/${total}`]);
    const lists = idLists();
    assert.deepEqual(
      lists.map((l) => l.length),
      [100, total - 100],
    );
    assert.deepEqual(lists.flat(), [...known, ...unknown]);
    for (const r of server.requests)
      assert.equal(r.query.get('max_results'), String(r.query.get('id_list')?.split(',').length));
    assert.deepEqual(
      result.papers.map((p) => p.id),
      known,
    );
    assert.deepEqual(result.missing, unknown);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(
      server.requests.map((r) => r.at - T0),
      [0, 3000],
    );
    assert.deepEqual(clock.sleeps, [3000]);
  });

  test('keeps the spacing across calls, and waits only for what is left of it', async () => {
    const arxiv = client();
    await arxiv.fetchByIds(['1605.08386']);
    clock.t += 1000; // the caller spent a second elsewhere
    await arxiv.fetchByIds(['2104.12255']);
    await arxiv.search('testing', 0, 10);
    assert.deepEqual(clock.sleeps, [2000, 3000]);
    assert.deepEqual(
      server.requests.map((r) => r.at - T0),
      [0, 3000, 6000],
    );
  });

  test('serves recorded queries as recorded: empty results and old-style ids', async () => {
    const arxiv = client();
    const empty = await arxiv.query({ idList: ['0000.0000'], maxResults: 100 });
    assert.deepEqual(empty, { totalResults: 0, startIndex: 0, papers: [] });
    const both = await arxiv.query({ idList: ['0808.05394', '1707.08567'], maxResults: 100 });
    assert.deepEqual(
      both.papers.map((p) => p.id),
      ['1707.08567'],
    );
    const old = await arxiv.query({ idList: ['astro-ph/0601001'], maxResults: 100 });
    assert.equal(old.papers[0]?.id, 'astro-ph/0601001');
    assert.equal(server.requests[2]?.query.get('id_list'), 'astro-ph/0601001');
  });

  test('the HTTP 400 error feed is a bad_input naming the id, and is not retried', async () => {
    const err = await rejectsWith(
      () => client().query({ idList: ['abc'], maxResults: 100 }),
      'bad_input',
      /arXiv rejected id "abc"/,
    );
    assert.deepEqual(err.details, { badId: 'abc', arxivError: 'incorrect id format for abc' });
    assert.equal(server.requests.length, 1);
  });

  test('when arXiv rejects one id of a batch, the others are asked for again', async () => {
    // The recorded error feed, naming an id that lectio took for valid.
    const errorFeed = recording('id_abc_').body.toString('utf8').replaceAll('abc', '2104.12255');
    server.fail({
      kind: 'reply',
      reply: { status: 400, contentType: 'application/atom+xml', body: errorFeed },
    });
    const result = await client().fetchByIds(['1605.08386', '2104.12255']);
    assert.deepEqual(
      result.papers.map((p) => p.id),
      ['1605.08386'],
    );
    assert.deepEqual(result.failed, ['2104.12255']);
    assert.deepEqual(result.errors, ['arXiv rejected id "2104.12255": incorrect id format for 2104.12255']);
    assert.deepEqual(idLists(), [['1605.08386', '2104.12255'], ['1605.08386']]);
  });

  test('503 with Retry-After in seconds: waits that long, then succeeds', async () => {
    server.fail({ kind: 'status', status: 503, retryAfter: '7' });
    const result = await client().fetchByIds(['1605.08386']);
    assert.equal(result.papers.length, 1);
    assert.deepEqual(clock.sleeps, [7000]);
    assert.deepEqual(
      server.requests.map((r) => r.at - T0),
      [0, 7000],
    );
  });

  test('429 with Retry-After as an HTTP date: waits until then', async () => {
    server.fail({ kind: 'status', status: 429, retryAfter: new Date(T0 + 12_000).toUTCString() });
    const result = await client().fetchByIds(['1605.08386']);
    assert.equal(result.papers.length, 1);
    assert.deepEqual(clock.sleeps, [12_000]);
  });

  test('backs off exponentially without Retry-After, never closer than 3 s', async () => {
    server.fail({ kind: 'status', status: 500 }, 3);
    const result = await client().fetchByIds(['1605.08386']);
    assert.equal(result.papers.length, 1);
    assert.deepEqual(clock.sleeps, [3000, 4000, 8000]);

    server.reset();
    clock = fakeClock();
    server.fail({ kind: 'status', status: 502 }, 3);
    await client({ minIntervalMs: 0 }).fetchByIds(['1605.08386']);
    assert.deepEqual(clock.sleeps, [2000, 4000, 8000]);
  });

  test('gives up after maxRetries with a clear message, and returns what it has', async () => {
    server.fail({ kind: 'status', status: 503 }, 5);
    const result = await client({ batchSize: 1 }).fetchByIds(['1605.08386', '2104.12255', '1707.08567']);
    assert.equal(server.requests.length, 5, 'one batch tried 5 times, the others not at all');
    assert.deepEqual(result.papers, []);
    assert.deepEqual(result.failed, ['1605.08386', '2104.12255', '1707.08567']);
    assert.equal(result.errors.length, 2);
    assert.match(
      result.errors[0] ?? '',
      /^1 id not looked up: arXiv \(127\.0\.0\.1:\d+\) gave no usable answer after 5 attempts: HTTP 503 Service Unavailable; try again later$/,
    );
    assert.equal(result.errors[1], '2 ids not looked up: arXiv was unreachable');
    assert.deepEqual(clock.sleeps, [3000, 4000, 8000, 16000]);
  });

  test('a partial failure keeps the batches that worked', async () => {
    const arxiv = client({ batchSize: 1, maxRetries: 0 });
    const first = arxiv.fetchByIds(['1605.08386', '2104.12255']);
    const result = await first;
    assert.equal(result.papers.length, 2);
    server.reset();
    server.route('/api/query', { status: 200, contentType: 'application/atom+xml', body: '<feed><entry>' });
    const broken = await arxiv.fetchByIds(['1605.08386', '2104.12255']);
    // A broken answer is arXiv's fault but not a dead network: the next batch is tried.
    assert.equal(server.requests.length, 2);
    assert.deepEqual(broken.failed, ['1605.08386', '2104.12255']);
    assert.match(
      broken.errors[0] ?? '',
      /^1 id not looked up: arXiv sent a broken answer: the document ends inside/,
    );
  });

  test('query() gives up with LectioError("network")', async () => {
    server.fail({ kind: 'status', status: 503 }, 2);
    await rejectsWith(
      () => client({ maxRetries: 1 }).query({ idList: ['1605.08386'] }),
      'network',
      /gave no usable answer after 2 attempts: HTTP 503/,
    );
  });

  test('a Retry-After longer than it will wait gives up at once', async () => {
    server.fail({ kind: 'status', status: 429, retryAfter: '3600' });
    await rejectsWith(
      () => client().query({ idList: ['1605.08386'] }),
      'network',
      /asked to wait 3600 s before retrying \(HTTP 429 Too Many Requests\); try again later/,
    );
    assert.equal(server.requests.length, 1);
  });

  test('a server that never answers times out, is retried, then given up on', async () => {
    server.fail({ kind: 'hang' }, 2);
    const started = Date.now();
    await rejectsWith(
      () => client({ timeoutMs: 150, maxRetries: 1 }).query({ idList: ['1605.08386'] }),
      'network',
      /after 2 attempts: no answer within 0\.15 s/,
    );
    assert.equal(server.requests.length, 2);
    assert.ok(Date.now() - started < 5000);
  });

  test('a slow answer within the timeout is fine', async () => {
    server.fail({ kind: 'delay', ms: 100 });
    const result = await client({ timeoutMs: 5000 }).fetchByIds(['1605.08386']);
    assert.equal(result.papers.length, 1);
    assert.equal(server.requests.length, 1);
  });

  test('a connection dropped mid-body is retried', async () => {
    server.fail({ kind: 'drop', keepBytes: 300 });
    const result = await client().fetchByIds(['1605.08386']);
    assert.equal(result.papers.length, 1);
    assert.equal(server.requests.length, 2);
  });

  test('a complete answer with truncated XML is refused in one line, not retried', async () => {
    server.fail({ kind: 'truncate' });
    await rejectsWith(
      () => client().query({ idList: ['1605.08386'], maxResults: 100 }),
      'network',
      /^arXiv sent a broken answer: the document ends inside <\w+> opened at line \d+ \(truncated\?\)$/,
    );
    assert.equal(server.requests.length, 1);
  });

  test('malformed XML and web pages with status 200 are refused', async () => {
    const arxiv = client();
    server.fail({
      kind: 'reply',
      reply: { contentType: 'application/atom+xml', body: '<feed><entry><id>x</id></entri></feed>' },
    });
    await rejectsWith(() => arxiv.query({ idList: ['1605.08386'] }), 'network', /broken answer: <entry>/);
    server.fail({
      kind: 'reply',
      reply: { contentType: 'text/html', body: '<html><body>Rate limited</body></html>' },
    });
    await rejectsWith(() => arxiv.query({ idList: ['1605.08386'] }), 'network', /web page/);
  });

  test('a 404 is final, and a refused connection is retried then reported', async () => {
    await rejectsWith(
      () => client().search('nothing recorded'),
      'network',
      /^arXiv answered HTTP 404 Not Found$/,
    );
    assert.equal(server.requests.length, 1);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await rejectsWith(
      () =>
        client({ baseUrl: `http://127.0.0.1:${port}/api/query`, maxRetries: 1 }).query({
          idList: ['1605.08386'],
        }),
      'network',
      /after 2 attempts: connection refused/,
    );
  });

  test('a body over the size limit is refused', async () => {
    // The recorded 100-result page is 230 kB; the default limit is 32 MB.
    const fetcher = new HttpFetcher({ maxBytes: 100_000, serviceName: 'arXiv' });
    await rejectsWith(
      () => fetcher.get(`${server.url}/api/query?search_query=testing&start=0&max_results=100`, '*/*'),
      'network',
      /^arXiv \(127\.0\.0\.1:\d+\) sent more than 97\.7 kB; refused$/,
    );
    assert.equal(server.requests.length, 1, 'not retried');
  });

  test('search pages through the recorded results', async () => {
    const arxiv = client();
    const first = await arxiv.search('testing', 0, 10);
    const second = await arxiv.search('testing', 10, 10);
    const hundred = await arxiv.search('testing', 0, 100);
    assert.equal(first.totalResults, 214881);
    assert.equal(second.startIndex, 10);
    assert.deepEqual(
      [...first.papers, ...second.papers].map((p) => p.id),
      hundred.papers.slice(0, 20).map((p) => p.id),
    );
    assert.deepEqual(
      server.requests.map((r) => [
        r.query.get('search_query'),
        r.query.get('start'),
        r.query.get('max_results'),
      ]),
      [
        ['testing', '0', '10'],
        ['testing', '10', '10'],
        ['testing', '0', '100'],
      ],
    );
    const checkerboard = await arxiv.search('au:del_maestro AND ti:checkerboard');
    assert.deepEqual(
      checkerboard.papers.map((p) => p.id),
      ['cond-mat/0603029'],
    );
    const ordered = await arxiv.search('cat:cs.CL', 0, 3);
    assert.equal(ordered.papers.length, 3);
  });

  test('search refuses what arXiv would refuse, before asking', async () => {
    const arxiv = client();
    await rejectsWith(() => arxiv.search('  '), 'bad_input', /query is empty/);
    await rejectsWith(() => arxiv.search('testing', -1), 'bad_input', /start must be an integer >= 0/);
    await rejectsWith(
      () => arxiv.search('testing', 0, 0),
      'bad_input',
      /max must be an integer from 1 to 2000/,
    );
    await rejectsWith(() => arxiv.search('testing', 0, 2001), 'bad_input', /max must be/);
    await rejectsWith(() => arxiv.search('testing', 29_990, 20), 'bad_input', /30000/);
    assert.equal(server.requests.length, 0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-04-12T22:00:00Z');
  const CASES: ReadonlyArray<[string | null, number | null]> = [
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5000],
    ['Sun, 12 Apr 2026 22:00:30 GMT', 30_000],
    ['Sun, 12 Apr 2026 21:00:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    [null, null],
  ];
  for (const [header, ms] of CASES) {
    test(`${JSON.stringify(header)} → ${ms}`, () => assert.equal(parseRetryAfter(header, now), ms));
  }
});
