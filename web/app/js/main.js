// Start-up: settings and texts first, sign-in only where a page needs it (the public verification page works
// without Keycloak), then the page of the current path.
import { html, render, useState, useEffect } from './html.js';
import { createApi } from './lib/api.js';
import { createAuth } from './lib/auth.js';
import { initialLanguage, saveLanguage, loadMessages, translate } from './lib/i18n.js';
import { match, navigate, interceptLinks } from './lib/router.js';
import { openStream } from './lib/sse.js';
import { isStaff } from './lib/roles.js';
import { Verify } from './views/verify.js';
import { Home } from './views/home.js';
import { Catalog, Apply } from './views/catalog.js';
import { MyApplications, ApplicationPage } from './views/applicant.js';
import { Inbox } from './views/inbox.js';
import { Desk, Review } from './views/desk.js';
import { Stats } from './views/stats.js';
import { Ops } from './views/ops.js';

const PAGES = {
  home: Home, verify: Verify, catalog: Catalog, apply: Apply, applications: MyApplications,
  application: ApplicationPage, inbox: Inbox, desk: Desk, review: Review, stats: Stats, ops: Ops,
};
const PUBLIC = new Set(['home', 'verify', 'notFound']);

function NotFound({ t }) {
  return html`<section class="card"><h1>${t('notFound.title')}</h1><p><a href="/">${t('nav.home')}</a></p></section>`;
}

function Header({ t, lang, setLang, auth, user, unread }) {
  const roles = user?.roles ?? [];
  const link = (href, key, extra) => html`<a href=${href} data-nav=${key}>${t(key)}${extra}</a>`;
  return html`<header class="top">
    <a class="brand" href="/">SatuPintu</a>
    <nav aria-label=${t('nav.label')}>
      ${user && roles.includes('applicant') && [link('/catalog', 'nav.catalog'), link('/applications', 'nav.applications')]}
      ${user && isStaff(roles) && [link('/desk', 'nav.desk'), link('/stats', 'nav.stats')]}
      ${user && roles.includes('ops') && [link('/ops', 'nav.ops'), link('/stats', 'nav.stats')]}
      ${user && roles.includes('admin') && link('/catalog', 'nav.catalog')}
      ${user && link('/inbox', 'nav.inbox', unread > 0 ? html` <span class="badge" id="unread-count" aria-label=${t('inbox.unread', { n: unread })}>${unread}</span>` : null)}
    </nav>
    <div class="tools">
      <span class="lang" role="group" aria-label=${t('lang.label')}>
        <button type="button" id="lang-id" aria-pressed=${lang === 'id'} onClick=${() => setLang('id')}>ID</button>
        <button type="button" id="lang-en" aria-pressed=${lang === 'en'} onClick=${() => setLang('en')}>EN</button>
      </span>
      ${auth && (user
        ? html`<span class="who" id="who">${user.name}</span> <button type="button" id="logout" onClick=${() => auth.logout()}>${t('auth.logout')}</button>`
        : html`<button type="button" id="login" onClick=${() => auth.login()}>${t('auth.login')}</button>`)}
    </div>
  </header>`;
}

function App({ config, initialMessages, initialLang, auth }) {
  const [lang, setLangState] = useState(initialLang);
  const [messages, setMessages] = useState(initialMessages);
  const [route, setRoute] = useState(match(location.pathname));
  const [unread, setUnread] = useState(0);
  const [live, setLive] = useState(null);
  const user = auth?.authenticated ? auth.user() : null;
  const api = createApi(() => auth.token());
  const publicApi = createApi(async () => '', '');

  // Listening from the first render, not from an effect: a page's own effect (which runs before its parent's)
  // may already navigate, e.g. the start page sending a signed-in officer to the desk.
  useState(() => addEventListener('popstate', () => setRoute(match(location.pathname))));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (!user) return undefined;
    const refresh = () => api.get('/api/notifications?unread=true&size=1')
      .then((r) => setUnread(r.body?.page?.totalElements ?? 0)).catch(() => {});
    refresh();
    const stream = openStream('/api/notifications/stream', () => auth.token(), (e) => {
      if (e.event !== 'notification') return;
      try {
        setLive(JSON.parse(e.data));
      } catch {
        return;
      }
      refresh();
    });
    return () => stream.stop();
  }, [user?.username]);

  async function setLang(next) {
    if (next === lang) return;
    const m = await loadMessages(next);
    saveLanguage(localStorage, next);
    setMessages(m);
    setLangState(next);
  }
  const t = (key, params) => translate(messages, key, params);
  const Page = PAGES[route.name] ?? NotFound;
  const needsLogin = !PUBLIC.has(route.name) && !user;
  const ctx = { t, lang, api, publicApi, auth, user, config, navigate, live, setUnread };
  useEffect(() => {
    if (needsLogin && auth) auth.login();
  }, [needsLogin]);
  return html`
    <${Header} t=${t} lang=${lang} setLang=${setLang} auth=${auth} user=${user} unread=${unread} />
    <main id="main">
      ${needsLogin ? html`<p class="muted">${t('auth.redirecting')}</p>` : html`<${Page} ...${ctx} params=${route.params} key=${route.name + JSON.stringify(route.params)} />`}
    </main>
    <footer class="muted">${t('footer.text')}</footer>`;
}

async function start() {
  const lang = initialLanguage(localStorage);
  const [config, messages] = await Promise.all([fetch('/config.json').then((r) => r.json()), loadMessages(lang)]);
  const route = match(location.pathname);
  // The verification page is what a QR scan opens: no sign-in, no call to Keycloak.
  const auth = route.name === 'verify' ? null : await createAuth(config, () => initialLanguage(localStorage));
  interceptLinks(document);
  const root = document.getElementById('app');
  root.textContent = '';
  render(html`<${App} config=${config} initialMessages=${messages} initialLang=${lang} auth=${auth} />`, root);
}

start().catch((e) => {
  document.getElementById('app').textContent = `SatuPintu: ${e.message}`;
});
