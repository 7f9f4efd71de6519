// Hash routes ("#/item/12", "#/search?q=flash"): the server serves one page, and a reload
// or a shared link lands on the same view.

import { useEffect, useState } from 'preact/hooks';

export interface Location {
  /** "library", "item", … */
  view: string;
  /** Path segments after the view ("12" in #/item/12). */
  args: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const text = hash.replace(/^#\/?/u, '');
  const at = text.indexOf('?');
  const path = at < 0 ? text : text.slice(0, at);
  const [view = '', ...args] = path.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { view: view || 'library', args, params: new URLSearchParams(at < 0 ? '' : text.slice(at + 1)) };
}

export function href(
  view: string,
  args: Array<string | number> = [],
  params: Record<string, string | undefined> = {},
): string {
  const path = [view, ...args.map((a) => encodeURIComponent(String(a)))].join('/');
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const query = search.toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else location.hash = to.slice(1);
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setLoc(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return loc;
}
