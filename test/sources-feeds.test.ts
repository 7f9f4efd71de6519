// Feeds: the recorded rss.arxiv.org feed and Hugging Face daily papers, feeds built from
// arXiv's own format documentation (spec/), and small hand-written feeds for what the
// recordings do not show (HTML in summaries, hostile links, other encodings). Fetched
// over a real HTTP server on loopback with a fake clock.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { LectioError } from '../src/core/errors.js';
import {
  fetchFeed,
  type FeedEntry,
  feedUrl,
  parseFeedXml,
  parseHfDailyPapers,
} from '../src/sources/feeds.js';
import { HttpFetcher } from '../src/sources/http-fetch.js';
import { decodeBody } from '../src/sources/xml-tree.js';
import { ARXIV_DIR, ReplayServer, TESTDATA_DIR } from './replay-server.js';

const ARXIV_RSS = fs.readFileSync(path.join(ARXIV_DIR, 'rss_2026_laya-reader', 'arxiv_rss.xml'), 'utf8');
const HF_DAILY = fs.readFileSync(
  path.join(TESTDATA_DIR, 'misc', 'hf_daily_papers', 'daily_papers_2024-10-25_first4.json'),
  'utf8',
);

function throwsWith(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof LectioError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

async function rejectsWith(fn: () => Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof LectioError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, message);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
}

// ---------------------------------------------------------------------------------------
// Specs

describe('feedUrl', () => {
  const OK: ReadonlyArray<[string, string]> = [
    ['arxiv:cs.LG', 'https://rss.arxiv.org/rss/cs.LG'],
    ['arxiv:cs.LG+cs.AI+cs.CL+stat.ML', 'https://rss.arxiv.org/rss/cs.LG+cs.AI+cs.CL+stat.ML'],
    ['arxiv:q-bio.NC', 'https://rss.arxiv.org/rss/q-bio.NC'],
    ['arxiv:cs', 'https://rss.arxiv.org/rss/cs'],
    ['arxiv:astro-ph', 'https://rss.arxiv.org/rss/astro-ph'],
    [' arxiv:cs.DC ', 'https://rss.arxiv.org/rss/cs.DC'],
    ['hf:daily', 'https://huggingface.co/api/daily_papers'],
    ['hf:daily:2024-10-25', 'https://huggingface.co/api/daily_papers?date=2024-10-25'],
    ['rss:https://blog.example.org/feed.xml', 'https://blog.example.org/feed.xml'],
    ['atom:http://example.org/atom', 'http://example.org/atom'],
    ['https://lilianweng.github.io/index.xml', 'https://lilianweng.github.io/index.xml'],
  ];
  for (const [spec, url] of OK) test(`${spec} → ${url}`, () => assert.equal(feedUrl(spec), url));

  test('base URLs are configurable', () => {
    const baseUrls = { arxivRss: 'http://127.0.0.1:9/rss/', hfDailyPapers: 'http://127.0.0.1:9/hf' };
    assert.equal(feedUrl('arxiv:cs.AR', baseUrls), 'http://127.0.0.1:9/rss/cs.AR');
    assert.equal(feedUrl('hf:daily', baseUrls), 'http://127.0.0.1:9/hf');
  });

  const BAD: ReadonlyArray<[string, RegExp]> = [
    ['rss:ftp://example.org/feed', /only http and https feeds are read, not ftp/],
    ['rss:file:///etc/passwd', /not file/],
    ['rss:javascript:alert(1)', /not javascript/],
    ['rss:not a url', /not a URL/],
    ['arxiv:', /expected arXiv categories/],
    ['arxiv:cs.LG/../../etc', /expected arXiv categories/],
    ['arxiv:cs.LG+', /expected arXiv categories/],
    ['arxiv:cs.LG?x=1', /expected arXiv categories/],
    ['hf:weekly', /expected hf:daily/],
    ['hf:daily:2024-13-45', /is not a date/],
    ['cs.LG', /use arxiv:CATEGORY, hf:daily, rss:URL or atom:URL/],
    ['gopher:example', /use arxiv:CATEGORY/],
  ];
  for (const [spec, says] of BAD) {
    test(`refuses ${JSON.stringify(spec)}`, () => throwsWith(() => feedUrl(spec), 'bad_input', says));
  }
});

// ---------------------------------------------------------------------------------------
// rss.arxiv.org

describe('the recorded rss.arxiv.org feed', () => {
  test('new, cross-list and replace items', () => {
    const feed = parseFeedXml(ARXIV_RSS);
    assert.equal(feed.title, 'cs.LG, cs.AI, cs.CL, stat.ML updates on arXiv.org');
    assert.deepEqual(feed.warnings, []);
    const brief = feed.entries.map(({ summary, title, ...rest }) => ({ ...rest, title: title.slice(0, 30) }));
    assert.deepEqual(brief, [
      {
        id: 'arxiv:2609.26811',
        title: 'The Drift Contract: Spectral U',
        link: 'https://arxiv.org/abs/2609.26811',
        authors: ['Fabien Polly'],
        published: '2026-09-24T04:00:00Z',
        categories: ['cs.LG'],
        arxivId: '2609.26811',
        announceType: 'new',
      },
      {
        id: 'arxiv:2609.26820',
        title: 'Signal2Symbol: Neuro-Symbolic ',
        link: 'https://arxiv.org/abs/2609.26820',
        // One dc:creator, "separated by comma" (rss_specifications.md).
        authors: ['Naser Mansour', 'Sidahmed Benabderrahmane', 'Ameer Rahwan'],
        published: '2026-09-24T04:00:00Z',
        categories: ['cs.LG', 'cs.AI'],
        arxivId: '2609.26820',
        announceType: 'new',
      },
      {
        id: 'arxiv:2205.06398',
        title: 'Outlier Detection for Multi-Ne',
        link: 'https://arxiv.org/abs/2205.06398',
        authors: ['Pritam Dey', 'Zhengwu Zhang', 'David B. Dunson'],
        published: '2026-09-24T04:00:00Z',
        categories: ['stat.ME', 'stat.AP', 'stat.ML'],
        arxivId: '2205.06398',
        announceType: 'cross',
      },
      {
        id: 'arxiv:2009.13987',
        title: 'Random Polytope Descriptors',
        link: 'https://arxiv.org/abs/2009.13987',
        authors: ['Michael Joswig', 'Marek Kaluba', 'Lukas Ruff'],
        published: '2026-09-24T04:00:00Z',
        categories: ['cs.LG', 'math.MG', 'stat.ML'],
        arxivId: '2009.13987',
        announceType: 'replace',
      },
    ]);
  });

  test('summaries are the abstract, without the "arXiv:… Announce Type:" head', () => {
    const [first, , , last] = parseFeedXml(ARXIV_RSS).entries;
    assert.match(first?.summary ?? '', /^Local learning trains each layer with its own auxiliary loss/);
    assert.match(first?.summary ?? '', /precisely where normalization is absent\.$/);
    assert.equal(
      last?.summary,
      'We introduce a class of random polytopes which simultaneously generalizes several known constructions. ' +
        'While being fairly general, these polytopes are also computationally exceptionally benign. We indicate how ' +
        'these properties can be exploited for classification and clustering tasks in data analysis. Crucially, our ' +
        'construction lets users smoothly trade off between a tighter description of the data and faster computation.',
    );
  });

  test('a paper listed twice in a combined feed is one entry with the best announce type', () => {
    // The recorded feed with two more items: the cross-listed paper again as new in its
    // primary category, and the replaced one again as replace-cross elsewhere.
    const items = ARXIV_RSS.match(/<item>[\s\S]*?<\/item>/g) ?? [];
    const outlierAsNew = (items[2] ?? '')
      .replace('Announce Type: cross', 'Announce Type: new')
      .replace('<arxiv:announce_type>cross', '<arxiv:announce_type>new');
    const polytopeAsReplaceCross = (items[3] ?? '')
      .replace(/<arxiv:announce_type>replace</, '<arxiv:announce_type>replace-cross<')
      .replace('<category>cs.LG</category>', '<category>math.CO</category>');
    const doubled = ARXIV_RSS.replace('</channel>', `${outlierAsNew}\n${polytopeAsReplaceCross}\n</channel>`);
    const feed = parseFeedXml(doubled);
    assert.equal(feed.entries.length, 4);
    assert.deepEqual(feed.warnings, ['merged 2 duplicate entries']);
    const outlier = feed.entries.find((e) => e.arxivId === '2205.06398');
    assert.equal(outlier?.announceType, 'new');
    const polytope = feed.entries.find((e) => e.arxivId === '2009.13987');
    assert.equal(polytope?.announceType, 'replace');
    assert.deepEqual(polytope?.categories, ['cs.LG', 'math.MG', 'stat.ML', 'math.CO']);
  });

  test('a weekend feed has no items', () => {
    const empty = ARXIV_RSS.replace(/<item>[\s\S]*<\/item>/, '');
    assert.deepEqual(parseFeedXml(empty).entries, []);
  });
});

/** The example elements of one section of arXiv's feed documentation, joined. */
function specExamples(file: string, fromHeading: string, toHeading?: string): string {
  const doc = fs.readFileSync(path.join(ARXIV_DIR, 'spec', file), 'utf8');
  const start = doc.indexOf(fromHeading);
  const end = toHeading === undefined ? doc.length : doc.indexOf(toHeading, start);
  assert.ok(start !== -1 && end !== -1);
  return [...doc.slice(start, end).matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

const NAMESPACES =
  'xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:atom="http://www.w3.org/2005/Atom"';

describe('feeds built from arXiv’s format documentation', () => {
  const EXPECTED: Omit<FeedEntry, 'summary'> = {
    id: 'arxiv:2203.01250',
    title: 'Mass concentration in rescaled first order integral functionals',
    link: 'https://arxiv.org/abs/2203.01250',
    authors: ['Antonin Monteil', 'Paul Pegon'],
    published: '2024-08-23T04:00:00Z',
    categories: ['math.AP', 'math.OC'],
    arxivId: '2203.01250',
    announceType: 'replace-cross',
  };

  test('RSS (rss_specifications.md)', () => {
    const channel = specExamples('rss_specifications.md', '## RSS Channel Elements', '## RSS Item Elements');
    const item = specExamples('rss_specifications.md', '## RSS Item Elements');
    const xml = `<rss ${NAMESPACES} version="2.0"><channel>${channel}<item>${item}</item></channel></rss>`;
    const feed = parseFeedXml(xml);
    assert.equal(feed.title, 'math.OC updates on arXiv.org');
    assert.equal(feed.entries.length, 1);
    const { summary, ...rest } = feed.entries[0] ?? ({} as FeedEntry);
    assert.deepEqual(rest, EXPECTED);
    // LaTeX is text, not markup: `\int_{\mathbb{R}^N}` and `$N\geq 2$` come through as written.
    assert.match(
      summary,
      /^We consider first order local minimization problems of the form \$\\min \\int_\{\\mathbb\{R\}\^N\}/,
    );
    assert.match(summary, /in any dimension \$N\\geq 2\$/);
  });

  test('Atom (atom_specifications.md)', () => {
    const head = specExamples('atom_specifications.md', '## ATOM Channel Elements', '## ATOM Entry Elements');
    const entry = specExamples('atom_specifications.md', '## ATOM Entry Elements');
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" ${NAMESPACES}>${head}<entry>${entry}</entry></feed>`;
    const feed = parseFeedXml(xml);
    assert.equal(feed.title, 'math.OC updates on arXiv.org');
    const { summary, ...rest } = feed.entries[0] ?? ({} as FeedEntry);
    assert.deepEqual(rest, EXPECTED);
    assert.match(summary, /^We consider first order local minimization problems/);
  });

  test('an arXiv API answer read as a plain Atom feed', () => {
    const xml = fs.readFileSync(path.join(ARXIV_DIR, 'rss_2026_laya-reader', 'arxiv_3.xml'), 'utf8');
    const feed = parseFeedXml(xml);
    assert.deepEqual(
      feed.entries.map((e) => [e.id, e.link, e.authors.length, e.categories[0]]),
      [
        ['arxiv:2609.28471', 'https://arxiv.org/abs/2609.28471v1', 1, 'cs.CL'],
        ['arxiv:2609.28449', 'https://arxiv.org/abs/2609.28449v1', 6, 'cs.SE'],
        ['arxiv:2609.28442', 'https://arxiv.org/abs/2609.28442v1', 1, 'cs.LG'],
      ],
    );
  });
});

// ---------------------------------------------------------------------------------------
// Hugging Face

describe('Hugging Face daily papers (recorded 2024-10-25)', () => {
  test('four papers, keyed by their arXiv ids', () => {
    const feed = parseHfDailyPapers(HF_DAILY);
    assert.deepEqual(feed.warnings, []);
    assert.deepEqual(
      feed.entries.map(({ summary, ...rest }) => rest),
      [
        {
          id: 'arxiv:2410.17243',
          // The outer title; paper.title has arXiv's hard wrap ("Scaling for\n  Contrastive").
          title: 'Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss',
          link: 'https://huggingface.co/papers/2410.17243',
          authors: [
            'Zesen Cheng',
            'Hang Zhang',
            'Kehan Li',
            'Sicong Leng',
            'Zhiqiang Hu',
            'Fei Wu',
            'Deli Zhao',
            'Xin Li',
            'Lidong Bing',
          ],
          published: '2024-10-25T00:57:09Z',
          categories: [],
          arxivId: '2410.17243',
          announceType: null,
        },
        {
          id: 'arxiv:2410.16251',
          title: 'Can Knowledge Editing Really Correct Hallucinations?',
          link: 'https://huggingface.co/papers/2410.16251',
          authors: ['Baixiang Huang', 'Canyu Chen', 'Xiongxiao Xu', 'Ali Payani', 'Kai Shu'],
          published: '2024-10-25T03:32:14Z',
          categories: [],
          arxivId: '2410.16251',
          announceType: null,
        },
        {
          id: 'arxiv:2410.18533',
          title: 'LOGO -- Long cOntext aliGnment via efficient preference Optimization',
          link: 'https://huggingface.co/papers/2410.18533',
          authors: ['Zecheng Tang', 'Zechen Sun', 'Juntao Li', 'Qiaoming Zhu', 'Min Zhang'],
          published: '2024-10-25T01:32:39Z',
          categories: [],
          arxivId: '2410.18533',
          announceType: null,
        },
        {
          id: 'arxiv:2410.18693',
          title: 'Unleashing Reasoning Capability of LLMs via Scalable Question Synthesis from Scratch',
          link: 'https://huggingface.co/papers/2410.18693',
          authors: ['Yuyang Ding', 'Xinyu Shi', 'Xiaobo Liang', 'Juntao Li', 'Qiaoming Zhu', 'Min Zhang'],
          published: '2024-10-25T01:44:14Z',
          categories: [],
          arxivId: '2410.18693',
          announceType: null,
        },
      ],
    );
    const summary = feed.entries[0]?.summary ?? '';
    assert.match(
      summary,
      /^Contrastive loss is a powerful approach for representation learning, where larger batch sizes/,
    );
    assert.match(summary, /The code will be made publicly available\.$/);
    assert.doesNotMatch(summary, /\n/);
  });

  test('entries of another shape are skipped, not fatal', () => {
    const data = JSON.parse(HF_DAILY) as unknown[];
    const feed = parseHfDailyPapers(JSON.stringify([{ paper: null }, 'junk', ...data.slice(0, 1)]));
    assert.equal(feed.entries.length, 1);
    assert.deepEqual(feed.warnings, ['skipped 2 entries without a paper id']);
  });

  test('broken JSON and a non-list are refused in one line', () => {
    throwsWith(
      () => parseHfDailyPapers(HF_DAILY.slice(0, 500)),
      'network',
      /^broken JSON from Hugging Face: /,
    );
    throwsWith(() => parseHfDailyPapers('{"error":"Invalid date"}'), 'network', /no list of papers/);
  });
});

// ---------------------------------------------------------------------------------------
// Untrusted content

describe('entries are plain text with safe links', () => {
  const BLOG_RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
  <title>A &lt;b&gt;lab&lt;/b&gt; blog</title>
  <item>
    <title>Caf&amp;eacute; &amp;amp; attention&#27;[31m</title>
    <link>javascript:alert(document.cookie)</link>
    <guid>https://blog.example.org/posts/1</guid>
    <description><![CDATA[<p>Hello <b>world</b> &amp; friends.</p><script>alert(1)</script><p>Second&nbsp;paragraph<img src="x" onerror="alert(1)" alt="a diagram"></p>]]></description>
    <author>jane@example.org (Jane Doe)</author>
    <dc:creator>Smith, John</dc:creator>
    <pubDate>Fri, 23 Feb 2024 05:00:11 +0000</pubDate>
    <category>Systems</category>
  </item>
  <item>
    <title>Mixtral explained</title>
    <link>/posts/2</link>
    <description>&lt;p&gt;On &lt;a href="https://arxiv.org/abs/2401.04088"&gt;Mixtral&lt;/a&gt;&lt;/p&gt;</description>
  </item>
  <item>
    <title>Read this</title>
    <link>https://arxiv.org/pdf/2401.04088v2</link>
    <description>a &lt; b and $x&lt;y$ stay as they are</description>
  </item>
  <item><description>No title, no link</description></item>
  <item>
    <title>Again</title>
    <atom:link href="https://blog.example.org/feed.xml" rel="self"/>
    <itunes:category text="Technology">Podcasts</itunes:category>
    <guid isPermaLink="false">post-1</guid>
  </item>
  <item>
    <title>Again, edited</title>
    <guid isPermaLink="false">post-1</guid>
  </item>
</channel>
</rss>`;

  test('RSS 2.0 with HTML descriptions, a hostile link and relative links', () => {
    const feed = parseFeedXml(BLOG_RSS, 'https://blog.example.org/feed.xml');
    assert.equal(feed.title, 'A lab blog');
    assert.deepEqual(feed.warnings, [
      'skipped 1 entries with neither title nor link',
      'merged 1 duplicate entries',
    ]);
    assert.deepEqual(feed.entries, [
      {
        id: 'https://blog.example.org/posts/1',
        title: 'Café & attention[31m',
        // javascript: is dropped; the guid is a permalink by default (RSS 2.0).
        link: 'https://blog.example.org/posts/1',
        authors: ['Smith, John', 'Jane Doe'],
        summary: 'Hello world & friends. Second paragraph a diagram',
        published: '2024-02-23T05:00:11Z',
        categories: ['Systems'],
        arxivId: null,
        announceType: null,
      },
      {
        id: 'https://blog.example.org/posts/2',
        title: 'Mixtral explained',
        link: 'https://blog.example.org/posts/2',
        authors: [],
        summary: 'On Mixtral',
        published: null,
        categories: [],
        arxivId: null,
        announceType: null,
      },
      {
        id: 'arxiv:2401.04088',
        title: 'Read this',
        link: 'https://arxiv.org/pdf/2401.04088v2',
        authors: [],
        summary: 'a < b and $x<y$ stay as they are',
        published: null,
        categories: [],
        arxivId: '2401.04088',
        announceType: null,
      },
      {
        id: 'post-1',
        title: 'Again',
        link: null,
        authors: [],
        summary: '',
        published: null,
        categories: [],
        arxivId: null,
        announceType: null,
      },
    ]);
  });

  test('arXiv abstracts keep their LaTeX, and lose real markup all the same', () => {
    const summaryOf = (abstract: string): string => {
      const rss =
        `<rss version="2.0" xmlns:arxiv="http://arxiv.org/schemas/atom"><channel><item><title>T</title>` +
        `<link>https://arxiv.org/abs/2401.04088</link><guid isPermaLink="false">oai:arXiv.org:2401.04088v1</guid>` +
        `<description>arXiv:2401.04088v1 Announce Type: new \nAbstract: ${abstract}</description>` +
        `<arxiv:announce_type>new</arxiv:announce_type></item></channel></rss>`;
      return parseFeedXml(rss).entries[0]?.summary ?? '';
    };
    assert.equal(
      summaryOf('For $p&lt;n&gt;q$, $\\langle x|y \\rangle$ and $a &lt; b$.'),
      'For $p<n>q$, $\\langle x|y \\rangle$ and $a < b$.',
    );
    assert.equal(
      summaryOf('&lt;script&gt;alert(1)&lt;/script&gt;A &lt;b&gt;bold&lt;/b&gt; claim'),
      'A bold claim',
    );
  });

  test('Atom text constructs: text, html and xhtml', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Notes &amp;amp; &lt;i&gt;papers&lt;/i&gt;</title>
  <entry>
    <id>tag:notes.example.org,2024:1</id>
    <title type="text">When a &lt; b &lt;br&gt; is text</title>
    <link rel="self" href="https://notes.example.org/atom/1"/>
    <link rel="alternate" type="text/html" href="posts/1.html"/>
    <updated>2024-02-23T16:08:30.941605+00:00</updated>
    <author><name>Ada</name></author>
    <category term="ml"/>
    <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>An <em>xhtml</em> summary</p></div></summary>
  </entry>
  <entry>
    <id>tag:notes.example.org,2024:2</id>
    <title type="html">&lt;b&gt;Bold&lt;/b&gt; claim</title>
    <link href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>
    <content type="html">&lt;p&gt;Full &lt;a href="x"&gt;content&lt;/a&gt;&lt;/p&gt;&lt;style&gt;p{}&lt;/style&gt;</content>
  </entry>
</feed>`;
    const feed = parseFeedXml(atom, 'https://notes.example.org/atom.xml');
    assert.equal(feed.title, 'Notes & papers');
    assert.deepEqual(
      feed.entries.map((e) => [e.id, e.title, e.link, e.summary, e.published, e.authors, e.categories]),
      [
        [
          'tag:notes.example.org,2024:1',
          'When a < b <br> is text',
          'https://notes.example.org/posts/1.html',
          'An xhtml summary',
          '2024-02-23T16:08:30Z',
          ['Ada'],
          ['ml'],
        ],
        ['tag:notes.example.org,2024:2', 'Bold claim', null, 'Full content', null, [], []],
      ],
    );
  });

  test('RSS 1.0 (RDF)', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example.org/"><title>Old style</title></channel>
  <item rdf:about="https://old.example.org/1"><title>One</title><link>https://old.example.org/1</link><dc:date>2006-01-02T14:57:58Z</dc:date></item>
</rdf:RDF>`;
    const feed = parseFeedXml(rdf);
    assert.equal(feed.title, 'Old style');
    assert.deepEqual(
      feed.entries.map((e) => [e.id, e.title, e.published]),
      [['https://old.example.org/1', 'One', '2006-01-02T14:57:58Z']],
    );
  });

  test('a huge summary is clipped', () => {
    const long = 'word '.repeat(5000);
    const rss = `<rss version="2.0"><channel><item><title>t</title><link>https://x.org/</link><description>${long}</description></item></channel></rss>`;
    const summary = parseFeedXml(rss).entries[0]?.summary ?? '';
    assert.ok(summary.length <= 10_001 && summary.endsWith('word…'), `${summary.length}`);
  });

  test('not a feed, or a broken one, is refused in one line', () => {
    throwsWith(
      () => parseFeedXml('<html><body>Moved</body></html>'),
      'bad_input',
      /^a web page, not an RSS or Atom feed$/,
    );
    throwsWith(
      () => parseFeedXml('<opml version="2.0"><body/></opml>'),
      'bad_input',
      /^<opml>, not an RSS or Atom feed$/,
    );
    throwsWith(
      () => parseFeedXml(ARXIV_RSS.slice(0, 3000)),
      'network',
      /^broken feed: the document ends inside <\w+>/,
    );
    throwsWith(() => parseFeedXml(''), 'network', /^broken feed: the body is empty$/);
  });

  test('bodies are decoded by their declared charset', () => {
    const latin1 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from('</title><link>https://x.org/</link></item></channel></rss>'),
    ]);
    assert.equal(parseFeedXml(decodeBody(latin1, null)).entries[0]?.title, 'Café');
    assert.equal(
      parseFeedXml(decodeBody(latin1, 'application/rss+xml; charset=windows-1252')).entries[0]?.title,
      'Café',
    );
    assert.equal(decodeBody(Buffer.from('\ufeff<a>é</a>'), null), '<a>é</a>');
    assert.equal(decodeBody(Buffer.from('<a>é</a>'), 'text/xml; charset=no-such-charset'), '<a>é</a>');
  });
});

// ---------------------------------------------------------------------------------------
// Over HTTP

describe('fetchFeed against the replay server', () => {
  let server: ReplayServer;
  let t = 0;
  let sleeps: number[] = [];
  const now = () => t;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    t += ms;
  };

  before(async () => {
    server = await ReplayServer.start({ clock: now });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    t = Date.parse('2026-09-24T09:00:00Z');
    sleeps = [];
  });

  function options(extra: Parameters<typeof fetchFeed>[1] = {}) {
    return {
      now,
      sleep,
      baseUrls: { arxivRss: `${server.url}/rss/`, hfDailyPapers: `${server.url}/api/daily_papers` },
      ...extra,
    };
  }

  test('arxiv: reads rss.arxiv.org', async () => {
    const feed = await fetchFeed('arxiv:cs.LG+cs.AI+cs.CL+stat.ML', options());
    assert.equal(feed.url, `${server.url}/rss/cs.LG+cs.AI+cs.CL+stat.ML`);
    assert.deepEqual(
      feed.entries.map((e) => `${e.arxivId} ${e.announceType}`),
      ['2609.26811 new', '2609.26820 new', '2205.06398 cross', '2009.13987 replace'],
    );
    const [request] = server.requests;
    assert.equal(request?.path, '/rss/cs.LG+cs.AI+cs.CL+stat.ML');
    assert.match(String(request?.headers.accept), /application\/rss\+xml/);
    assert.match(String(request?.headers['user-agent']), /^lectio\//);
  });

  test('hf:daily reads the Hugging Face API, for a day too', async () => {
    const today = await fetchFeed('hf:daily', options());
    assert.equal(today.entries.length, 4);
    const day = await fetchFeed('hf:daily:2024-10-25', options());
    assert.deepEqual(day.entries, today.entries);
    assert.equal(server.requests[1]?.query.get('date'), '2024-10-25');
    assert.match(String(server.requests[0]?.headers.accept), /application\/json/);
  });

  test('rss:URL reads any feed, resolving links against its URL', async () => {
    server.route('/blog/atom.xml', {
      contentType: 'application/atom+xml',
      body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry><id>1</id><title>Post</title><link href="p/1"/></entry></feed>`,
    });
    const feed = await fetchFeed(`rss:${server.url}/blog/atom.xml`, options());
    assert.deepEqual(
      feed.entries.map((e) => e.link),
      [`${server.url}/blog/p/1`],
    );
  });

  test('503 with Retry-After, then the feed', async () => {
    server.fail({ kind: 'status', status: 503, retryAfter: '30' });
    const feed = await fetchFeed('arxiv:cs.LG+cs.AI+cs.CL+stat.ML', options());
    assert.equal(feed.entries.length, 4);
    assert.deepEqual(sleeps, [30_000]);
    assert.deepEqual(
      server.requests.map((r) => r.at - server.requests[0]!.at),
      [0, 30_000],
    );
  });

  test('429 without Retry-After backs off exponentially, then gives up', async () => {
    server.fail({ kind: 'status', status: 429 }, 3);
    await rejectsWith(
      () => fetchFeed('hf:daily', options({ maxRetries: 2 })),
      'network',
      /^feed hf:daily \(127\.0\.0\.1:\d+\) gave no usable answer after 3 attempts: HTTP 429 Too Many Requests; try again later$/,
    );
    assert.deepEqual(sleeps, [2000, 4000]);
  });

  test('a shared fetcher keeps requests apart across feeds', async () => {
    const http = new HttpFetcher({ now, sleep, minIntervalMs: 3000 });
    await fetchFeed('hf:daily', options({ http }));
    await fetchFeed('arxiv:cs.LG+cs.AI+cs.CL+stat.ML', options({ http }));
    assert.deepEqual(sleeps, [3000]);
  });

  test('slow answers are waited for; silent servers time out', async () => {
    server.fail({ kind: 'delay', ms: 100 });
    assert.equal((await fetchFeed('hf:daily', options({ timeoutMs: 5000 }))).entries.length, 4);
    server.fail({ kind: 'hang' }, 2);
    await rejectsWith(
      () => fetchFeed('hf:daily', options({ timeoutMs: 100, maxRetries: 1 })),
      'network',
      /after 2 attempts: no answer within 0\.1 s/,
    );
  });

  test('truncated and malformed answers', async () => {
    server.fail({ kind: 'truncate' });
    await rejectsWith(
      () => fetchFeed('arxiv:cs.LG+cs.AI+cs.CL+stat.ML', options()),
      'network',
      /^feed arxiv:cs\.LG\+cs\.AI\+cs\.CL\+stat\.ML: broken feed: the document ends inside <\w+> .*\(truncated\?\)$/,
    );
    server.fail({ kind: 'truncate' });
    await rejectsWith(
      () => fetchFeed('hf:daily', options()),
      'network',
      /^feed hf:daily: broken JSON from Hugging Face/,
    );
    server.fail({ kind: 'drop' });
    assert.equal(
      (await fetchFeed('hf:daily', options())).entries.length,
      4,
      'a dropped connection is retried',
    );
  });

  test('a web page instead of a feed: the user’s URL for rss:, the service’s fault otherwise', async () => {
    server.route('/not-a-feed', {
      contentType: 'text/html',
      body: '<!doctype html><html><body><p>Hi<br></body></html>',
    });
    await rejectsWith(
      () => fetchFeed(`rss:${server.url}/not-a-feed`, options()),
      'bad_input',
      /^feed rss:http:\/\/127\.0\.0\.1:\d+\/not-a-feed: a web page, not an RSS or Atom feed$/,
    );
    server.fail({
      kind: 'reply',
      reply: { contentType: 'text/html', body: '<html><body>Maintenance</body></html>' },
    });
    await rejectsWith(() => fetchFeed('arxiv:cs.LG+cs.AI+cs.CL+stat.ML', options()), 'network', /a web page/);
  });

  test('a missing feed is a 404, not retried', async () => {
    await rejectsWith(
      () => fetchFeed('arxiv:cs.XX', options()),
      'network',
      /^feed arxiv:cs\.XX: 127\.0\.0\.1:\d+ answered HTTP 404 Not Found$/,
    );
    assert.equal(server.requests.length, 1);
  });
});
