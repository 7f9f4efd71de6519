// The library as CSL-JSON (citeproc's input; Zotero, Pandoc and Citation.js read it): one
// object per item with id (the citation key), type, title, author [{family, given}],
// issued.date-parts, DOI, URL, arXiv as `number` with `archive`, and the venue.

import { type ExportItem, type ExportSelection, itemIds } from '../../core/library-export.js';
import {
  arxivOf,
  authorNames,
  citationDate,
  citationKeys,
  citationUrl,
  doiOf,
  keySeed,
  type KeySeed,
  workType,
  type WorkType,
} from './citation-fields.js';
import { type ItemWriter, writeSelection } from './item-writer.js';

const CSL_TYPE: Record<WorkType, string> = {
  article: 'article-journal',
  inproceedings: 'paper-conference',
  book: 'book',
  thesis: 'thesis',
  report: 'report',
  preprint: 'article',
  software: 'software',
  post: 'post-weblog',
  video: 'motion_picture',
  web: 'webpage',
};

export type CslItem = Record<string, unknown> & { id: string; type: string; title: string };

export function exportCslJson(selection: ExportSelection): string {
  return writeSelection(cslJsonWriter(), selection);
}

/**
 * CSL-JSON, fed item by item: JSON.stringify of the array (indented by 2), an object at a time,
 * each keyed at the end (keys depend on every item).
 */
export function cslJsonWriter(): ItemWriter {
  const seeds: KeySeed[] = [];
  const items: CslItem[] = [];
  return {
    add(item) {
      seeds.push(keySeed(item));
      items.push(cslItem(item, ''));
    },
    finish(_topics, write) {
      if (items.length === 0) return write('[]\n');
      const keys = citationKeys(seeds);
      items.forEach((item, i) => {
        const id = seeds[i]?.id ?? 0;
        item.id = keys.get(id) ?? `item${id}`;
        // The array's own indentation: its objects' lines are two spaces further in.
        write(`${i > 0 ? ',\n  ' : '[\n  '}${JSON.stringify(item, null, 2).replace(/\n/gu, '\n  ')}`);
      });
      write('\n]\n');
    },
  };
}

function cslItem(item: ExportItem, key: string): CslItem {
  const type = workType(item);
  const out: CslItem = { id: key, type: CSL_TYPE[type], title: item.title };
  const { names } = authorNames(item);
  if (names.length > 0) out.author = names;
  const ids = itemIds(item.links);
  const { year, month } = citationDate(item, ids);
  if (year !== null) out.issued = { 'date-parts': [month === null ? [year] : [year, month]] };
  const bib = item.bib;
  const venue = bib?.venue;
  if (!venue && item.journalRef) out.note = `Published in ${item.journalRef}`;
  if (venue) out['container-title'] = venue;
  if (bib?.volume) out.volume = bib.volume;
  if (bib?.number) out.issue = bib.number;
  if (bib?.pages) out.page = bib.pages.replace(/\s*[-–—]+\s*/u, '-');
  if (bib?.publisher) out.publisher = bib.publisher;
  const doi = doiOf(item, ids);
  if (doi) out.DOI = doi;
  const arxiv = arxivOf(item, ids);
  if (arxiv) {
    out.number = `arXiv:${arxiv.id}`;
    out.archive = 'arXiv';
    if (!venue) out.publisher = 'arXiv';
  }
  const url = citationUrl(item, ids);
  if (url) out.URL = url;
  const abstract = item.abstract ?? bib?.abstract;
  if (abstract) out.abstract = abstract;
  if (item.topics.length > 0) out.keyword = item.topics.join(', ');
  return out;
}
