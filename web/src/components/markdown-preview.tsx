// The note's live preview. markdown-it with raw HTML off escapes everything the note holds,
// and its link check drops javascript:, vbscript:, file: and data: (other than images).

import MarkdownIt from 'markdown-it';
import { useMemo } from 'preact/hooks';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function MarkdownPreview(props: { source: string }) {
  const html = useMemo(() => md.render(props.source), [props.source]);
  // The one innerHTML of the app: markdown-it's output with html: false (see above).
  return <div class="markdown" aria-label="note preview" dangerouslySetInnerHTML={{ __html: html }} />;
}
