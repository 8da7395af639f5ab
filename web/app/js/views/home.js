// The start page: what SatuPintu is, sign-in, and a box to check a permit number by hand.
import { html, useState, useEffect } from '../html.js';
import { isStaff } from '../lib/roles.js';

export function Home({ t, user, auth, navigate }) {
  const [number, setNumber] = useState('');
  useEffect(() => {
    if (!user) return;
    const roles = user.roles;
    if (roles.includes('applicant')) navigate('/applications');
    else if (isStaff(roles)) navigate('/desk');
    else if (roles.includes('ops')) navigate('/ops');
    else if (roles.includes('admin')) navigate('/catalog');
  }, [user?.username]);
  return html`<section class="card hero">
      <h1>${t('home.title')}</h1>
      <p>${t('home.lead')}</p>
      ${!user && auth && html`<p><button type="button" class="primary" id="home-login" onClick=${() => auth.login()}>${t('auth.login')}</button></p>`}
    </section>
    <section class="card">
      <h2>${t('home.verifyTitle')}</h2>
      <form class="inline" onSubmit=${(e) => { e.preventDefault(); if (number.trim()) navigate(`/verify/${encodeURIComponent(number.trim())}`); }}>
        <label for="verify-number">${t('verify.permitNumber')}</label>
        <input id="verify-number" value=${number} onInput=${(e) => setNumber(e.target.value)} placeholder="PBG-SULUT-MANADO-2026-000042" />
        <button type="submit">${t('home.verifyButton')}</button>
      </form>
    </section>`;
}
