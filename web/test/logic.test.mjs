import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions, applicantActions, needsReason } from '../app/js/lib/roles.js';
import { translate, initialLanguage, localized } from '../app/js/lib/i18n.js';
import { checkFile, acceptAttribute, typeNames } from '../app/js/lib/upload.js';
import { createParser } from '../app/js/lib/sse.js';
import { match } from '../app/js/lib/router.js';
import { readFileSync } from 'node:fs';

const budi = { username: 'budi', roles: ['officer'] };
const citra = { username: 'citra', roles: ['supervisor'] };
const ani = { username: 'ani', roles: ['applicant'] };

test('an officer takes a submitted file, then only the assigned officer reviews it', () => {
  assert.deepEqual(allowedActions({ state: 'SUBMITTED', assignee: null }, budi), ['assign']);
  assert.deepEqual(allowedActions({ state: 'UNDER_REVIEW', assignee: 'budi' }, budi), ['request-revision', 'recommend']);
  assert.deepEqual(allowedActions({ state: 'UNDER_REVIEW', assignee: 'dewi' }, budi), []);
  assert.deepEqual(allowedActions({ state: 'RECOMMENDED', assignee: 'budi' }, budi), []);
});

test('a supervisor reassigns, asks for revision, approves and rejects, but never recommends', () => {
  assert.deepEqual(allowedActions({ state: 'SUBMITTED' }, citra), ['assign']);
  assert.deepEqual(allowedActions({ state: 'UNDER_REVIEW', assignee: 'budi' }, citra), ['assign', 'request-revision', 'reject']);
  assert.deepEqual(allowedActions({ state: 'RECOMMENDED', assignee: 'budi' }, citra), ['request-revision', 'approve', 'reject']);
  assert.deepEqual(allowedActions({ state: 'ISSUED' }, citra), []);
});

test('applicants get no review actions; they edit only drafts and revision requests', () => {
  assert.deepEqual(allowedActions({ state: 'SUBMITTED' }, ani), []);
  assert.deepEqual(applicantActions({ state: 'DRAFT' }), ['edit', 'upload', 'submit', 'withdraw']);
  assert.deepEqual(applicantActions({ state: 'REVISION_REQUESTED' }), ['edit', 'upload', 'submit', 'withdraw']);
  assert.deepEqual(applicantActions({ state: 'UNDER_REVIEW' }), ['withdraw']);
  assert.deepEqual(applicantActions({ state: 'ISSUED' }), []);
  assert.ok(needsReason('reject') && needsReason('request-revision') && !needsReason('approve'));
});

test('messages are filled in; a missing key shows itself', () => {
  assert.equal(translate({ 'a.b': 'Sisa {n} hari' }, 'a.b', { n: 3 }), 'Sisa 3 hari');
  assert.equal(translate({}, 'x.y'), 'x.y');
  assert.equal(initialLanguage({ getItem: () => null }), 'id');
  assert.equal(initialLanguage({ getItem: () => 'en' }), 'en');
  assert.equal(initialLanguage({ getItem: () => 'fr' }), 'id');
  assert.equal(localized({ id: 'Izin', en: 'Permit' }, 'en'), 'Permit');
});

test('both message files have the same keys and no empty text', () => {
  const id = JSON.parse(readFileSync(new URL('../app/i18n/id.json', import.meta.url)));
  const en = JSON.parse(readFileSync(new URL('../app/i18n/en.json', import.meta.url)));
  assert.deepEqual(Object.keys(id).sort(), Object.keys(en).sort());
  for (const [k, v] of [...Object.entries(id), ...Object.entries(en)]) assert.ok(v.trim(), k);
});

test('a file is checked against the requirement before a slow upload', () => {
  const req = { contentTypes: ['application/pdf', 'image/jpeg'], maxSizeBytes: 1024 };
  assert.equal(checkFile({ name: 'ktp.pdf', type: 'application/pdf', size: 100 }, req), null);
  assert.equal(checkFile({ name: 'KTP.JPG', type: '', size: 100 }, req), null);
  assert.deepEqual(checkFile({ name: 'ktp.pdf', type: 'application/pdf', size: 2048 }, req), { code: 'too-large', max: 1024 });
  assert.equal(checkFile({ name: 'virus.exe', type: 'application/x-msdownload', size: 10 }, req).code, 'type');
  assert.equal(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 0 }, req).code, 'empty');
  assert.equal(acceptAttribute(['application/pdf']), '.pdf,application/pdf');
  assert.equal(typeNames(['application/pdf', 'image/jpeg']), 'PDF, JPG');
});

test('server-sent events are parsed across chunk borders, comments skipped, ids kept', () => {
  const events = [];
  const parser = createParser((e) => events.push(e));
  parser.push(':connected\n\nid: 7\nevent: notifi');
  parser.push('cation\ndata: {"a":1}\n\n');
  parser.push('data: line1\r\ndata: line2\r\n\r\n');
  assert.deepEqual(events, [
    { id: '7', event: 'notification', data: '{"a":1}' },
    { id: '7', event: 'message', data: 'line1\nline2' },
  ]);
  assert.equal(parser.lastEventId, '7');
});

test('client routes: the QR path names the permit number', () => {
  assert.deepEqual(match('/verify/PBG-SULUT-MANADO-2026-000042'), { name: 'verify', params: { permitNumber: 'PBG-SULUT-MANADO-2026-000042' } });
  assert.deepEqual(match('/applications/abc/'), { name: 'application', params: { id: 'abc' } });
  assert.equal(match('/nope/x/y').name, 'notFound');
  assert.equal(match('/').name, 'home');
});
