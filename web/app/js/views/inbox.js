// The person's notifications, newest first; new ones arrive live (the stream is opened once in main.js).
import { html, useState, useEffect } from '../html.js';
import { dateTime } from '../lib/format.js';
import { query } from '../lib/api.js';
import { ErrorBox } from './common.js';
import { isStaff } from '../lib/roles.js';

export function Inbox({ t, lang, api, live, setUnread, user }) {
  const base = isStaff(user.roles) ? '/desk/' : '/applications/';
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  async function load() {
    try {
      const r = await api.get(`/api/notifications${query({ unread: unreadOnly || undefined, size: 50, sort: 'createdAt,desc' })}`);
      setItems(r.body.content);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, [unreadOnly, live]);
  async function read(n) {
    try {
      await api.post(`/api/notifications/${encodeURIComponent(n.id)}/read`);
      const r = await api.get('/api/notifications?unread=true&size=1');
      setUnread(r.body.page.totalElements);
      load();
    } catch (e) {
      setError(e);
    }
  }
  return html`<h1>${t('inbox.title')}</h1>
    <label class="check-label"><input type="checkbox" id="unread-only" checked=${unreadOnly} onChange=${(e) => setUnreadOnly(e.target.checked)} /> ${t('inbox.unreadOnly')}</label>
    <${ErrorBox} t=${t} error=${error} />
    ${items && items.length === 0 && html`<p class="muted">${t('inbox.empty')}</p>`}
    <ul class="list" id="notifications">
      ${items?.map((n) => html`<li class=${`card ${n.readAt ? 'read' : 'unread'}`} data-id=${n.id}>
        <strong>${n.title}</strong> <span class="muted small">${dateTime(n.createdAt, lang)}</span>
        <p>${n.body}</p>
        <p class="small">
          <a href=${base + n.applicationId}>${n.registrationNumber ?? t('inbox.open')}</a>
          ${!n.readAt && html` <button type="button" class="mark-read" onClick=${() => read(n)}>${t('inbox.markRead')}</button>`}
        </p>
      </li>`)}
    </ul>`;
}
