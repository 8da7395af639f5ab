// What a QR code on a certificate opens: is this permit real and still valid? Plain words, no sign-in.
import { html, useState, useEffect } from '../html.js';
import { dateTime } from '../lib/format.js';

export function Verify({ t, lang, publicApi, params }) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    publicApi.get(`/api/public/permits/${encodeURIComponent(params.permitNumber)}`, { auth: false })
      .then((r) => setState({ permit: r.body }))
      .catch((e) => setState({ error: e.status === 404 ? 'notFound' : 'unavailable' }));
  }, [params.permitNumber]);
  if (state.loading) return html`<p class="muted">${t('common.loading')}</p>`;
  if (state.error) {
    return html`<section class="card verify">
      <h1>${t('verify.title')}</h1>
      <p class="verdict verdict-notfound" id="verdict" data-status="NOT_FOUND">${t(`verify.${state.error}`)}</p>
      <p><strong>${params.permitNumber}</strong></p>
      <p class="muted">${t('verify.notFoundHelp')}</p>
    </section>`;
  }
  const p = state.permit;
  const ok = p.status === 'VALID';
  return html`<section class="card verify">
    <h1>${t('verify.title')}</h1>
    <p class=${`verdict ${ok ? 'verdict-valid' : 'verdict-bad'}`} id="verdict" data-status=${p.status}>
      ${t(`verify.status.${p.status}`)}
    </p>
    <p>${t(`verify.explain.${p.status}`)}</p>
    <dl class="facts">
      <dt>${t('verify.permitNumber')}</dt><dd id="permit-number">${p.permitNumber}</dd>
      <dt>${t('verify.permitType')}</dt><dd>${p.permitType}</dd>
      <dt>${t('verify.holder')}</dt><dd>${p.holder}</dd>
      <dt>${t('verify.office')}</dt><dd>${p.officeCode}</dd>
      <dt>${t('verify.issuedAt')}</dt><dd>${dateTime(p.issuedAt, lang)}</dd>
      ${p.validUntil && html`<dt>${t('verify.validUntil')}</dt><dd>${dateTime(p.validUntil, lang)}</dd>`}
      ${p.signature && html`<dt>${t('verify.signature')}</dt><dd>${p.signature.valid ? t('verify.signatureValid') : t('verify.signatureInvalid')}</dd>`}
      <dt>${t('verify.sha256')}</dt><dd class="mono small">${p.certificateSha256}</dd>
    </dl>
  </section>`;
}
