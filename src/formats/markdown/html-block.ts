// HTML inside markdown: `<table>` rows, `<li>` items and `<a href>` links become items.
// htmlparser2 is forgiving with the fragments found in READMEs (unclosed tags, attributes
// without quotes as in DefTruth's `<img src=...>`), and fast.

import { Parser } from 'htmlparser2';
import { isBadgeOrAnchor } from '../../core/canonical-id.js';
import type { Link } from '../../core/item.js';
import { classifyLink } from '../../core/link-role.js';
import { cleanTitle, roleOfLabel } from './item-fields.js';

export interface HtmlItem {
  title: string;
  links: Link[];
  notes: string | null;
  line: number;
}

interface Unit {
  text: string;
  links: Array<{ url: string; label: string }>;
  line: number;
}

/** Items in one HTML block that starts on `firstLine` (1-based). */
export function parseHtmlBlock(html: string, firstLine: number): HtmlItem[] {
  const units: Unit[] = [];
  const stack: Unit[] = [];
  let anchor: { url: string; label: string } | null = null;
  let skip = 0; // inside <script>/<style>
  const lineAt = (index: number): number => {
    let n = firstLine;
    for (let k = 0; k < index && k < html.length; k++) if (html.charCodeAt(k) === 10) n++;
    return n;
  };
  const top = (): Unit | undefined => stack[stack.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script' || name === 'style') skip++;
        if (name === 'tr' || name === 'li' || name === 'p' || name === 'summary') {
          stack.push({ text: '', links: [], line: lineAt(parser.startIndex) });
        }
        if (name === 'a' && attrs.href) anchor = { url: attrs.href, label: '' };
        if (name === 'br' || name === 'td' || name === 'th') {
          const u = top();
          if (u) u.text += name === 'br' ? '\n' : '  ';
        }
      },
      ontext(text) {
        if (skip > 0) return;
        if (anchor) anchor.label += text;
        const u = top();
        if (u) u.text += text;
        else if (text.trim())
          stack.length === 0 && units.push({ text, links: [], line: lineAt(parser.startIndex) });
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        if (name === 'a' && anchor) {
          const u = top();
          const a = { url: anchor.url, label: anchor.label.replace(/\s+/g, ' ').trim() };
          if (u) u.links.push(a);
          else units.push({ text: a.label, links: [a], line: lineAt(parser.startIndex) });
          anchor = null;
        }
        if (name === 'tr' || name === 'li' || name === 'p' || name === 'summary') {
          const u = stack.pop();
          if (u) units.push(u);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  while (stack.length > 0) {
    const u = stack.pop();
    if (u) units.push(u);
  }

  const items: HtmlItem[] = [];
  for (const unit of units) {
    const links: Link[] = [];
    for (const a of unit.links) {
      if (!/^https?:|^\.{0,2}\//iu.test(a.url) || isBadgeOrAnchor(a.url)) continue;
      const role = roleOfLabel(a.label) ?? classifyLink(a.url, a.label || undefined);
      links.push(a.label ? { url: a.url, role, label: a.label } : { url: a.url, role });
    }
    if (links.length === 0) continue;
    const labelled = unit.links.find((a) => a.label && !roleOfLabel(a.label));
    const text = unit.text.replace(/\s+/g, ' ').trim();
    const title = cleanTitle(labelled?.label ?? text.split('\n')[0] ?? '').title;
    const notes = text && text !== title ? text : null;
    items.push({ title: title || (links[0]?.url ?? ''), links, notes, line: unit.line });
  }
  return items;
}
