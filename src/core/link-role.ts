// What a link is to its item: the paper itself, its pdf, its code, a blog post about it...
// Pure functions, no I/O. The role decides which links are identity (paper, pdf) and
// which are secondary (code, blog, slides): two papers sharing a repo stay two items.

import { canonicalIdsOfUrl } from './canonical-id.js';
import type { ItemKind, Link, LinkRole } from './item.js';

// Labels the lists give links, mapped to roles. Only words that name a role: `链接`
// ("link", seed 003), `url` and DefTruth's repo-name labels (`[[Open-Sora]]`) say nothing
// about the role, so the URL decides for them.
const PAPER_WORDS = new Set([
  'paper',
  'papers',
  'arxiv',
  'pdf',
  'full paper',
  'preprint',
  'abstract',
  '论文',
  '原文',
  // Venue labels (htqin's `[CVPR]`, `[NeurIPS]`; `[CoRR]`) link the paper at that venue.
  'aaai',
  'acl',
  'asplos',
  'corr',
  'cvpr',
  'eccv',
  'emnlp',
  'eurosys',
  'hpca',
  'iccv',
  'iclr',
  'icml',
  'ijcai',
  'isca',
  'kdd',
  'micro',
  'mlsys',
  'naacl',
  'neurips',
  'nips',
  'nsdi',
  'osdi',
  'sigmod',
  'sosp',
  'tpami',
  'vldb',
]);
const REPORT_WORDS = new Set([
  'docs',
  'doc',
  'report',
  'tech report',
  'technical report',
  'system card',
  'whitepaper',
  'white paper',
  '文档',
  '报告',
]);
const CODE_WORDS = new Set([
  'code',
  'github',
  'repo',
  'repository',
  'source',
  'source code',
  'official code',
  'implementation',
  'torch',
  'pytorch',
  'tensorflow',
  'tf',
  'jax',
  'gitlab',
  '代码',
  '源码',
  '开源',
]);
const BLOG_WORDS = new Set([
  'blog',
  'post',
  'blog post',
  'article',
  'medium',
  'zhihu',
  '博客',
  '知乎',
  '文章',
]);
const SLIDES_WORDS = new Set(['slides', 'slide', 'ppt', 'pptx', 'deck', '幻灯片', '课件']);
const VIDEO_WORDS = new Set(['video', 'youtube', 'bilibili', 'talk video', 'recording', '视频', 'b站']);
const NOTES_WORDS = new Set(['notes', 'note', 'my notes', 'reading notes', '笔记']);
const SITE_WORDS = new Set([
  'homepage',
  'home page',
  'website',
  'site',
  'project',
  'project page',
  '网站',
  '主页',
  '官网',
]);
const HF_WORDS = new Set(['huggingface', 'hugging face', 'hf', 'models', 'model']);
const OTHER_WORDS = new Set(['tweet', 'twitter', 'x', 'thread', '推特']);

// Emoji, brackets and punctuation around a label word: `[[paper]]`, `📖pdf`, `(code)`.
// Joiners and variation selectors are stripped as alternatives, not in the class, so the
// class never has to match half of a composed emoji.
const LABEL_NOISE =
  /\p{Extended_Pictographic}|\u200d|\ufe0f|[[\]()【】（）「」<>《》:：*_`'"!?！？,，.。·|]/gu;
// LABEL_NOISE's ASCII characters: the same replacement on an ASCII label (most are: a
// title, "code"), three times faster than the class with emoji (link-role.test.ts holds them equal).
const ASCII_LABEL_NOISE = /[[\]()<>:*_`'"!?,.|]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const SPACES = /\s+/g;
const NUMBERED = /(?<=\D) \d{1,2}$/;

/** The longest label word of any role, in UTF-16 units. */
const LONGEST_WORD = Math.max(
  ...[
    PAPER_WORDS,
    REPORT_WORDS,
    CODE_WORDS,
    BLOG_WORDS,
    SLIDES_WORDS,
    VIDEO_WORDS,
    NOTES_WORDS,
    SITE_WORDS,
    HF_WORDS,
    OTHER_WORDS,
  ].flatMap((words) => [...words].map((w) => w.length)),
);

/**
 * Whether `label` has more ASCII letters and digits than LONGEST_WORD. Each of them is kept
 * in labelRole's word (LABEL_NOISE and spaces hold none), so such a label names no role: most
 * link labels are titles, and stripping their noise was a tenth of parsing a big list.
 */
function tooManyLettersForRole(label: string): boolean {
  if (label.length <= LONGEST_WORD) return false;
  let letters = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) {
      if (++letters > LONGEST_WORD) return true;
    }
  }
  return false;
}

/** A label without its noise (LABEL_NOISE), spaces collapsed, lower case: the word a role set may hold. */
export function labelWord(label: string): string {
  const noise = NON_ASCII.test(label) ? LABEL_NOISE : ASCII_LABEL_NOISE;
  return label.replace(noise, ' ').replace(SPACES, ' ').trim().toLowerCase();
}

function labelRole(label: string, url: string): LinkRole | null {
  if (tooManyLettersForRole(label)) return null;
  let word = labelWord(label);
  // Numbered links name their role too: dair-ai's `[Paper 1](…), [Paper 2](…)`.
  if (NUMBERED.test(word)) word = word.replace(NUMBERED, '');
  if (word === '') return null;
  if (PAPER_WORDS.has(word)) {
    // A paper label on a pdf URL (seed 002's `[paper](https://arxiv.org/pdf/2308.03279)`)
    // keeps `pdf`, the more precise role, so one URL gets one role whatever it is called.
    return urlRole(url) === 'pdf' ? 'pdf' : 'paper';
  }
  // Words that say little of what they link give way to a URL that is clearly the paper, its
  // pdf or code: DefTruth's `[[docs]](https://github.com/ModelTC/lightllm)` is the repo and
  // `[[report]](…/_Arxiv_MiniMax_01_Report.pdf)` the paper; htqin's `[Project](https://github.com/
  // htqin/BiBench)` and dair-ai's `[Model](https://github.com/MoonshotAI/Kimi-Audio)` are code.
  if (REPORT_WORDS.has(word)) return clearUrlRole(url) ?? 'site';
  if (CODE_WORDS.has(word)) return 'code';
  if (BLOG_WORDS.has(word)) return 'blog';
  if (SLIDES_WORDS.has(word)) return 'slides';
  if (VIDEO_WORDS.has(word)) return 'video';
  if (NOTES_WORDS.has(word)) return 'notes';
  if (SITE_WORDS.has(word)) return clearUrlRole(url) ?? 'site';
  if (OTHER_WORDS.has(word)) return 'other';
  if (HF_WORDS.has(word)) return clearUrlRole(url) ?? 'site';
  return null;
}

/**
 * The URL's role when it is the paper, its pdf or a repository; null for any other. A file
 * inside a repository is not clearly code: DefTruth's `[[docs]](https://github.com/hpcaitech/
 * Open-Sora/blob/main/docs/zh_CN/README.md)` is the documentation its label says.
 */
function clearUrlRole(url: string): LinkRole | null {
  const role = urlRole(url);
  if (role === 'paper' || role === 'pdf') return role;
  return role === 'code' && !REPO_FILE_PATH.test(url) ? role : null;
}

// ---------------------------------------------------------------------------------------
// Roles from the URL alone

const PDF_EXT = /\.pdf$/i;
const SLIDES_EXT = /\.(?:pptx?|key|odp)$/i;
const IMAGE_EXT = /\.(?:png|jpe?g|gif|svg|webp|bmp)$/i;
// seed 000: icml.cc/media/icml-2019/Slides/5053.pdf is the talk's slides, not the paper,
// so a `slides` folder or file name wins over the `.pdf` extension.
const SLIDES_PATH = /\/slides?\/|[/_.-]slides?(?:[_.-][^/]*)?$/i;
const ARXIV_PDF_PATH = /^\/(?:pdf|ftp)\//;
// usenix.org/conference/osdi22/presentation/yu (seed 003) is the paper's page at the venue.
const USENIX_PAPER_PATH = /^\/conference\/[^/]+\/presentation\//;
const PORT = /:\d+$/;
const QUERY_OR_FRAGMENT = /[?#]/;
// A paper's page on the conference site: chenhongyu2048's list links mlsys.org/virtual/2025/
// poster/2955 and neurips.cc/virtual/2023/poster/70279, htqin's nips.cc/...?showEvent=53073.
const CONFERENCE_HOSTS = new Set(['icml.cc', 'iclr.cc', 'neurips.cc', 'nips.cc', 'mlsys.org']);
const CONFERENCE_PAPER_PATH = /^\/virtual\/\d{4}\/(?:poster|oral|spotlight|\d+)|[?&]showevent=\d+/i;
const REPO_FILE_PATH = /\/(?:blob|tree|raw|wiki)\//;
const BLOG_PATH = /\/[^/]*blog[^/]*(?:\/|$)|\/posts?\//i;
/** A blog's index page: a path ending in /blog or /posts (openai.com/blog/, microsoft.com/en-us/research/blog/). */
const BLOG_INDEX = /\/(?:blog|posts?)$/i;

const SLIDES_HOSTS = new Set(['slideshare.net', 'speakerdeck.com', 'slides.com']);
const VIDEO_HOSTS = new Set([
  'youtube.com',
  'm.youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'bilibili.com',
  'm.bilibili.com',
  'b23.tv',
  'vimeo.com',
  'videolectures.net',
  'slideslive.com',
]);
const PAPER_HOSTS = new Set([
  'doi.org',
  'dx.doi.org',
  'dl.acm.org',
  'aclanthology.org',
  'ieeexplore.ieee.org',
  'link.springer.com',
  'papers.nips.cc',
  'proceedings.neurips.cc',
  'proceedings.mlr.press',
  'proceedings.mlsys.org',
  'openaccess.thecvf.com',
  'ojs.aaai.org',
  'jmlr.org',
  'ijcai.org',
  'sciencedirect.com',
  'nature.com',
  'science.org',
  'computer.org',
  'citeseerx.ist.psu.edu',
  'techrxiv.org',
  'biorxiv.org',
  'medrxiv.org',
  'papers.cool',
  'papers.ssrn.com',
]);
const CODE_HOSTS = new Set(['gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org', 'sourceforge.net']);
const BLOG_HOSTS = new Set([
  'medium.com',
  'substack.com',
  'towardsdatascience.com',
  'zhuanlan.zhihu.com',
  'zhihu.com',
  'mp.weixin.qq.com',
  'distill.pub',
  'lilianweng.github.io',
  'kexue.fm',
  'dev.to',
  'hashnode.dev',
]);
const NOTES_HOSTS = new Set([
  'notion.so',
  'notion.site',
  'publish.obsidian.md',
  'hackmd.io',
  'roamresearch.com',
]);
const OTHER_HOSTS = new Set(['x.com', 't.co', 'linkedin.com', 'reddit.com', 'news.ycombinator.com']);
// huggingface.co/<first segment> that are site sections, not an org or user.
const HF_SECTIONS = new Set([
  'blog',
  'docs',
  'learn',
  'tasks',
  'collections',
  'spaces',
  'datasets',
  'models',
]);

function hostIs(host: string, set: Set<string>): boolean {
  if (set.has(host)) return true;
  const dot = host.indexOf('.');
  // `sophiamyang.medium.com`, `helixml.substack.com` (seed 004), `curvy-check-498.notion.site`.
  return dot !== -1 && set.has(host.slice(dot + 1));
}

function relativeRole(url: string): LinkRole {
  const path = url.split(QUERY_OR_FRAGMENT, 1)[0] ?? '';
  // `#paperlist` and DefTruth's `./#Trending-LLM-VLM-Topics` point inside the list itself.
  if (path === '' || path === '.' || path === './' || path === '/') return 'other';
  if (PDF_EXT.test(path)) return 'pdf';
  if (SLIDES_EXT.test(path)) return 'slides';
  if (IMAGE_EXT.test(path)) return 'other';
  // A reading list's own files are the reader's notes: seed 002 links each paper to
  // `./papers/LLM/FlashAttention.md` and some to a folder (`./blogs/ray/`).
  return 'notes';
}

function urlRole(url: string): LinkRole {
  const ids = canonicalIdsOfUrl(url);
  const normalized = ids[ids.length - 1];
  if (normalized === undefined) return relativeRole(url.trim());
  const strong = ids.length > 1 ? ids[0]?.scheme : undefined;
  const slash = normalized.value.indexOf('/');
  const host = (slash === -1 ? normalized.value : normalized.value.slice(0, slash)).replace(PORT, '');
  const rest = slash === -1 ? '' : normalized.value.slice(slash);
  const query = rest.indexOf('?');
  const path = query === -1 ? rest : rest.slice(0, query);

  if (SLIDES_HOSTS.has(host) || SLIDES_EXT.test(path) || SLIDES_PATH.test(path)) return 'slides';
  if (host === 'docs.google.com' && path.startsWith('/presentation/')) return 'slides';
  if (strong === 'youtube' || hostIs(host, VIDEO_HOSTS)) return 'video';
  // paper-reading_mli_zh links its Zhihu uploads as zhihu.com/zvideo/...; other Zhihu pages are posts.
  if (host === 'zhihu.com' && path.startsWith('/zvideo/')) return 'video';

  if (PDF_EXT.test(path)) return 'pdf';
  if (strong === 'arxiv' && ARXIV_PDF_PATH.test(path)) return 'pdf';
  // dl.acm.org/doi/pdf/10.1145/3360307 (seed 004), openreview.net/pdf?id=... (DefTruth).
  if (strong === 'doi' && path.includes('/pdf/')) return 'pdf';
  if (host === 'openreview.net' && path === '/pdf') return 'pdf';

  if (strong === 'arxiv' || strong === 'doi') return 'paper';
  if (hostIs(host, PAPER_HOSTS)) return path === '' ? 'site' : 'paper';
  if (host === 'openreview.net' && path === '/forum') return 'paper';
  if (host === 'semanticscholar.org' && path.startsWith('/paper/')) return 'paper';
  if (host === 'researchgate.net' && path.startsWith('/publication/')) return 'paper';
  if (host === 'usenix.org' && USENIX_PAPER_PATH.test(path)) return 'paper';
  if (host.startsWith('proceedings.')) return 'paper';
  if (CONFERENCE_HOSTS.has(host) && CONFERENCE_PAPER_PATH.test(rest)) return 'paper';

  if (strong === 'github' || host === 'gist.github.com' || hostIs(host, CODE_HOSTS)) {
    return path.split('/').length >= 3 || host === 'gist.github.com' ? 'code' : 'site';
  }
  if (host === 'colab.research.google.com' || host === 'pypi.org') return 'code';
  if (host === 'huggingface.co') {
    const segments = path.split('/').filter((s) => s !== '');
    const first = segments[0];
    if (first === 'blog') return segments.length === 1 ? 'site' : 'blog';
    if (first === 'datasets' || first === 'spaces') return segments.length >= 3 ? 'code' : 'site';
    if (first !== undefined && !HF_SECTIONS.has(first) && segments.length >= 2) return 'code';
    return 'site';
  }

  // blog.vllm.ai (seed 000), ai.googleblog.com and /blog/ paths (dair-ai, seed 004's
  // pytorch.org/blog/..., lmsys.org/blog/...) are posts; a blog's front page is a place to
  // visit, as a site is: seed 003's "NVIDIA Technical Blog" (developer.nvidia.com/blog/) and
  // five more to follow, and chenhongyu's researchers' github.io pages, led `next` as posts.
  const blog =
    hostIs(host, BLOG_HOSTS) ||
    host.endsWith('.github.io') ||
    host.endsWith('.blog') ||
    host.includes('blog') ||
    BLOG_PATH.test(path);
  if (blog) return path === '' || BLOG_INDEX.test(path) ? 'site' : 'blog';
  if (hostIs(host, NOTES_HOSTS)) return 'notes';
  if (OTHER_HOSTS.has(host)) return 'other';
  // A bare domain (seed 003's `https://hai.stanford.edu/`) or a GitHub profile is a site.
  if (path === '' || (host === 'github.com' && path.lastIndexOf('/') === 0)) return 'site';
  return 'other';
}

/**
 * The role of a link. A label that names a role (`paper`, `代码`, `[[blog]]`) wins over
 * the URL, because the list's author knew what they linked; anything else (`链接`, a repo
 * name) leaves the decision to the URL.
 */
export function classifyLink(url: string, label?: string): LinkRole {
  if (label !== undefined) {
    const role = labelRole(label, url);
    if (role !== null) return role;
  }
  return urlRole(url);
}

const KIND_OF_ROLE: Record<LinkRole, ItemKind> = {
  paper: 'paper',
  pdf: 'paper',
  code: 'code',
  blog: 'blog',
  slides: 'slides',
  video: 'video',
  notes: 'notes',
  site: 'site',
  other: 'other',
};

/**
 * What an item is, from its links: a paper as soon as any link is the paper or its pdf;
 * else the first link that says what the item is. Notes and `other` links come last: in
 * seed 002's "Blog notes" each blog post is linked after the reader's own note file, and
 * the item is the post, not the note.
 */
export function itemKindFromLinks(links: Link[]): ItemKind {
  if (links.some((l) => l.role === 'paper' || l.role === 'pdf')) return 'paper';
  const telling = links.find((l) => l.role !== 'notes' && l.role !== 'other');
  if (telling !== undefined) return KIND_OF_ROLE[telling.role];
  if (links.some((l) => l.role === 'notes')) return 'notes';
  return 'other';
}

/** Whether a label names the link's role ("paper", "[PDF]", "代码") rather than what it links to ("GPT-2"). */
export function labelNamesRole(label: string, url: string): boolean {
  return labelRole(label, url) !== null;
}
