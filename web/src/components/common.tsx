// Small pieces every view uses. Text from the library is only ever a child text node or an
// attribute value (escaped by Preact); links go through safeHref.

import type { ComponentChildren } from 'preact';
import type { Status } from '../api.js';

/** Only web and mail links are links: `javascript:`, `data:` and the rest are shown as text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:'
      ? parsed.href
      : null;
  } catch {
    return null;
  }
}

export function ExternalLink(props: { url: string; children?: ComponentChildren }) {
  const target = safeHref(props.url);
  if (target === null)
    return (
      <span class="unsafe-link" title="not a web link">
        {props.children ?? props.url}
      </span>
    );
  return (
    <a href={target} target="_blank" rel="noopener noreferrer">
      {props.children ?? props.url}
    </a>
  );
}

export function Stars(props: { value: number | null; label?: string }) {
  if (props.value === null) return <span class="stars empty" aria-label="no stars" />;
  return (
    <span
      class="stars"
      aria-label={`${props.label ?? 'importance'} ${props.value} of 5`}
      title={`${props.value} of 5`}
    >
      {'★'.repeat(props.value)}
      <span class="dim">{'☆'.repeat(5 - props.value)}</span>
    </span>
  );
}

export function StatusBadge(props: { status: Status }) {
  return <span class={`status status-${props.status}`}>{props.status}</span>;
}

/** « and » mark the query's words in a snippet (the CLI's --json contract); they become <mark>. */
export function Marked(props: { text: string }) {
  const parts: Array<string | { hit: string }> = [];
  const re = /«([^»]*)»/gu;
  let last = 0;
  for (let m = re.exec(props.text); m; m = re.exec(props.text)) {
    if (m.index > last) parts.push(props.text.slice(last, m.index));
    parts.push({ hit: m[1] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < props.text.length) parts.push(props.text.slice(last));
  return <>{parts.map((p) => (typeof p === 'string' ? p : <mark>{p.hit}</mark>))}</>;
}

export function ErrorLine(props: { error: unknown }) {
  if (!props.error) return null;
  return (
    <p class="error" role="alert">
      {props.error instanceof Error ? props.error.message : String(props.error)}
    </p>
  );
}

export function leafOf(path: string): string {
  const at = path.lastIndexOf(' / ');
  return at < 0 ? path : path.slice(at + 3);
}
