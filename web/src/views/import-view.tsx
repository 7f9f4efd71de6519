// Import by dropping markdown files on the page (or choosing them): the same all-or-nothing
// import as `lectio import`, and the same report.

import { useState } from 'preact/hooks';
import { mergeReasonInWords, namesItemOtherwise } from '../../../src/core/merge-words.js';
import { api, type ImportSummary } from '../api.js';
import { ErrorLine } from '../components/common.js';
import { href, type Location } from '../router.js';

const ACCEPT = '.md,.markdown,.mdown,.mkd,.txt,.text';

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function ImportView(_props: { loc: Location }) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const payload = await Promise.all(
        files.map(async (f) => ({ name: f.name, base64: toBase64(await f.arrayBuffer()) })),
      );
      setReport(await api.importFiles(payload));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="import-page" aria-label="import">
      <h1>Import lists</h1>
      <label
        class={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void send([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <span>{busy ? 'Importing…' : 'Drop markdown lists here, or choose files'}</span>
        <input
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => void send([...((e.target as HTMLInputElement).files ?? [])])}
        />
      </label>
      <p class="dim">
        A file dropped again under the same name updates its items. All files land together or none does.
      </p>
      <ErrorLine error={error} />
      {report ? (
        <div class="report" role="status">
          <ul>
            {report.files.map((f) => (
              <li>
                <code>{f.path.replace(/^upload:/u, '')}</code>:{' '}
                {f.outcome === 'unchanged' ? 'unchanged, skipped' : `${f.outcome}, ${f.entries} entries`}
                {f.warnings.map((w) => (
                  <div class="warning">warning: {w}</div>
                ))}
              </li>
            ))}
          </ul>
          <p>
            <strong>{report.added}</strong> added, <strong>{report.updated}</strong> updated,{' '}
            <strong>{report.merged}</strong> merged into existing items; the library holds {report.items}{' '}
            items.
          </p>
          {report.merges.length ? (
            <>
              <h2>Merged</h2>
              <ul>
                {report.merges.slice(0, 50).map((m) => (
                  <li>
                    <a href={href('item', [m.itemId])}>
                      #{m.itemId} {m.itemTitle}
                    </a>{' '}
                    <span class="dim">
                      ← line {m.line}
                      {namesItemOtherwise(m) ? ` "${m.title}"` : ''} ({mergeReasonInWords(m.reason)})
                    </span>
                  </li>
                ))}
              </ul>
              {report.merges.length > 50 ? <p class="dim">… and {report.merges.length - 50} more</p> : null}
            </>
          ) : null}
          {report.otherWorks.length ? (
            <>
              <h2>Two works under one id</h2>
              <p class="dim">
                These merged rows share an id but name different works: one of the links is another paper's.{' '}
                <code>lectio duplicates</code> shows each with the commands that split it out or keep it.
              </p>
              <ul class="other-works">
                {report.otherWorks.map((o) => (
                  <li>
                    <a href={href('item', [o.item.id])}>
                      #{o.item.id} {o.with.title}
                    </a>{' '}
                    <span class="dim">
                      ← line {o.source.line}: {o.source.title} ({o.keys.join(', ')})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.orphaned.map((o) => (
            <p class="dim">
              kept without a source: #{o.id} {o.title}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  );
}
