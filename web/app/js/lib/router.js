// History routing for the client's few pages (the gateway answers index.html on each of these paths).

const ROUTES = [
  ['/', 'home'],
  ['/verify/:permitNumber', 'verify'],
  ['/catalog', 'catalog'],
  ['/catalog/:code', 'apply'],
  ['/applications', 'applications'],
  ['/applications/:id', 'application'],
  ['/inbox', 'inbox'],
  ['/desk', 'desk'],
  ['/desk/:id', 'review'],
  ['/stats', 'stats'],
  ['/ops', 'ops'],
];

/** "/applications/abc" -> {name: "application", params: {id: "abc"}}; unknown -> {name: "notFound"}. */
export function match(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const [pattern, name] of ROUTES) {
    const p = pattern.split('/').filter(Boolean);
    if (p.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < p.length; i++) {
      if (p[i].startsWith(':')) {
        try {
          params[p[i].slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
        }
      } else if (p[i] !== parts[i]) ok = false;
    }
    if (ok) return { name, params };
  }
  return { name: 'notFound', params: {} };
}

export function navigate(path) {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Clicks on same-origin links route in the page instead of loading it again. */
export function interceptLinks(root = document) {
  root.addEventListener('click', (e) => {
    const a = e.target.closest?.('a[href]');
    if (!a || a.target || a.hasAttribute('download') || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}
