import { describe, expect, test } from 'vitest';
import { parseProfiles, parseTable } from '../../shared/targets';
import { codes, fixtureText, withCode } from '../fixtures/targets/helpers';

describe('parseProfiles', () => {
  test('a CSV with an id column gives profiles keyed by id; empty cells add no attribute', () => {
    const r = parseProfiles(fixtureText('profiles.csv'), { file: 'profiles.csv' });
    expect(r.profiles).toEqual({
      user_1: { first_name: 'Aoife', country: 'IE' },
      user_2: { first_name: 'Björn', country: 'SE' },
      user_3: { country: 'FR' },
    });
    expect(r.diagnostics).toEqual([]);
  });

  test('a user_id column is preferred over the first column', () => {
    const r = parseProfiles('first_name,user_id\nAnn,u1\n');
    expect(r.profiles).toEqual({ u1: { first_name: 'Ann' } });
  });

  test('a JSON object keyed by id keeps its values', () => {
    expect(parseProfiles(fixtureText('profiles.json')).profiles).toEqual({ user_1: { first_name: 'Aoife' }, user_2: { first_name: 'Björn', age: 41 } });
  });

  test('a JSON array of objects uses user_id (or id) as the key', () => {
    const r = parseProfiles('[{"user_id":"u1","first_name":"Ann"},{"id":7,"first_name":"Bo"}]');
    expect(r.profiles).toEqual({ u1: { first_name: 'Ann' }, '7': { first_name: 'Bo' } });
    expect(codes(r.diagnostics)).toEqual(['id-not-string']);
  });

  test('an already parsed table can be given', () => {
    expect(parseProfiles(parseTable('id\tname\nu1\tA\n')).profiles).toEqual({ u1: { name: 'A' } });
  });

  test('a duplicate profile keeps the first and warns at the second row', () => {
    const r = parseProfiles('id,name\nu1,A\nu1,B\n');
    expect(r.profiles).toEqual({ u1: { name: 'A' } });
    expect(withCode(r.diagnostics, 'duplicate-id')[0]).toMatchObject({ row: 3, target: 'u1' });
  });

  test('a row without an id is an error naming row 3', () => {
    expect(withCode(parseProfiles('id,name\nu1,A\n,B\n').diagnostics, 'empty-id')[0]).toMatchObject({ severity: 'error', row: 3 });
  });

  test('a profile that is not an object is an error at its line', () => {
    const r = parseProfiles('{\n"u1": {"a": 1},\n"u2": "x"\n}');
    expect(r.profiles).toEqual({ u1: { a: 1 } });
    expect(r.diagnostics[0]).toMatchObject({ code: 'bad-type', line: 3, target: 'u2' });
  });

  test('broken JSON is a located syntax error', () => {
    expect(parseProfiles('{"u1": {"a": }}').diagnostics[0]).toMatchObject({ code: 'syntax', line: 1, column: 14 });
  });
});
