// The web app: a header with the views and a search box, the current view below.

import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isTyping } from './keyboard.js';
import { href, navigate, useLocation } from './router.js';
import { VIEWS } from './views/index.js';

function App() {
  const loc = useLocation();
  const searchBox = useRef<HTMLInputElement>(null);
  const [quick, setQuick] = useState('');
  useEffect(() => {
    let pendingG = false;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchBox.current?.focus();
        return;
      }
      if (pendingG) {
        pendingG = false;
        const view = VIEWS.find((v) => v.key === event.key && v.component);
        if (view) navigate(href(view.id));
        return;
      }
      if (event.key === 'g') pendingG = true;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    setQuick(loc.view === 'search' ? (loc.params.get('q') ?? '') : '');
  }, [loc.view, loc.params.get('q')]);
  const current = VIEWS.find((v) => v.id === loc.view && v.component) ?? VIEWS[0];
  const View = current?.component;
  return (
    <>
      <header class="top">
        <a class="brand" href={href('library')}>
          lectio
        </a>
        <nav aria-label="views">
          {VIEWS.filter((v) => v.nav).map((v) =>
            v.component ? (
              <a
                href={href(v.id)}
                class={v.id === current?.id ? 'active' : ''}
                aria-current={v.id === current?.id ? 'page' : undefined}
                title={`g ${v.key}`}
              >
                {v.label}
              </a>
            ) : (
              <span class="pending" title={v.pending} aria-disabled="true">
                {v.label}
              </span>
            ),
          )}
        </nav>
        <form
          class="quick-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(href('search', [], { q: quick }));
          }}
        >
          <input
            ref={searchBox}
            type="search"
            placeholder="Search ( / )"
            aria-label="search the library"
            value={quick}
            onInput={(e) => {
              const q = (e.target as HTMLInputElement).value;
              setQuick(q);
              navigate(href('search', [], { q }), loc.view === 'search');
            }}
          />
        </form>
      </header>
      <main>{View ? <View loc={loc} /> : null}</main>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
