import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, toFormData, serverErrors, MAX_TEXT } from '../app/js/lib/form.js';

const fields = [
  { key: 'buildingAddress', label: { id: 'Alamat', en: 'Address' }, type: 'text', required: true },
  { key: 'floorArea', label: { id: 'Luas', en: 'Area' }, type: 'number', required: true },
  { key: 'startDate', label: { id: 'Mulai', en: 'Start' }, type: 'date', required: false },
  { key: 'commercial', label: { id: 'Komersial', en: 'Commercial' }, type: 'boolean', required: false },
];

test('inputs become the JSON the API takes: numbers as numbers, empty inputs left out', () => {
  assert.deepEqual(toFormData(fields, { buildingAddress: ' Jl. Sam Ratulangi 1 ', floorArea: '120,5', startDate: '', commercial: false }),
    { buildingAddress: ' Jl. Sam Ratulangi 1 ', floorArea: 120.5, commercial: false });
});

test('a draft may leave required fields empty; submit may not (as the server)', () => {
  assert.deepEqual(validate(fields, {}), []);
  assert.deepEqual(validate(fields, { buildingAddress: '  ' }, { forSubmit: true }).map((e) => [e.field, e.code]),
    [['form.buildingAddress', 'required'], ['form.floorArea', 'required']]);
});

test('types are checked like FormRules: number, date, boolean, unknown keys', () => {
  const errors = validate(fields, { floorArea: 'abc', startDate: '2026-02-30', commercial: 'yes', colour: 'red' });
  assert.deepEqual(errors.map((e) => [e.field, e.code]), [
    ['form.floorArea', 'number'], ['form.startDate', 'date'], ['form.commercial', 'boolean'], ['form.colour', 'unknown']]);
  assert.deepEqual(validate(fields, { startDate: '2028-02-29', floorArea: 0 }), []);
});

test('text over 4,000 characters is refused, 4,000 is fine', () => {
  assert.equal(MAX_TEXT, 4000);
  assert.deepEqual(validate(fields, { buildingAddress: 'x'.repeat(4000) }), []);
  assert.equal(validate(fields, { buildingAddress: 'x'.repeat(4001) })[0].code, 'too-long');
});

test('server field errors are keyed by form key', () => {
  assert.deepEqual(serverErrors({ errors: [{ field: 'form.floorArea', message: 'must be a number' }] }), { floorArea: 'must be a number' });
  assert.deepEqual(serverErrors(null), {});
});
