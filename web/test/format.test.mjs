import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rupiah, dateTime, date, formDate, bytes, OFFICE_ZONE } from '../app/js/lib/format.js';

test('amounts are whole rupiah with Indonesian digit grouping', () => {
  assert.equal(rupiah(2500000), 'Rp 2.500.000');
  assert.equal(rupiah(0), 'Rp 0');
  assert.equal(rupiah(1500, 'en'), 'IDR 1,500');
  assert.equal(rupiah(null), '–');
});

test('times are shown in the office zone (WITA, UTC+8) whatever the machine zone', () => {
  assert.equal(OFFICE_ZONE, 'Asia/Makassar');
  assert.equal(dateTime('2026-11-27T02:00:00Z'), '27 Nov 2026 10.00 WITA');
  assert.equal(dateTime('2026-11-27T02:00:00Z', 'en'), '27 Nov 2026 10:00 WITA');
});

test('a UTC evening is already the next day in Manado', () => {
  assert.equal(date('2026-11-26T17:30:00Z'), '27 November 2026');
  assert.equal(date('2026-11-26T17:30:00Z', 'en'), '27 November 2026');
  assert.equal(date('2026-08-16T16:00:00Z'), '17 Agustus 2026');
});

test('form dates are calendar days, never shifted by a zone', () => {
  assert.equal(formDate('2026-12-31'), '31 Desember 2026');
  assert.equal(formDate('2026-12-31', 'en'), '31 December 2026');
  assert.equal(formDate('not a date'), 'not a date');
});

test('missing times show a dash', () => {
  assert.equal(dateTime(null), '–');
  assert.equal(dateTime('garbage'), '–');
});

test('sizes in binary units with the language decimal mark', () => {
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(1536), '1,5 KB');
  assert.equal(bytes(1536, 'en'), '1.5 KB');
  assert.equal(bytes(5 * 1024 * 1024), '5 MB');
});
