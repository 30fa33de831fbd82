import { describe, expect, it } from 'vitest';
import { classifyConnection } from '../../shared/platform/connection';
import { parseEnvelope } from '../../shared/platform/envelope';
import { groupDeliveryErrors, parseCreateTime, parsePushDevices } from '../../shared/platform/push-devices';
import { applyListQuery, readListQuery } from '../../shared/platform/query';

describe('response envelope', () => {
  it('reads the documented fields and keeps unknown top-level fields', () => {
    const r = parseEnvelope('{"code":200,"success":true,"message":"","model":{"id":1},"request_id":"abc"}');
    expect(r).toEqual({ ok: true, envelope: { code: 200, success: true, message: '', model: { id: 1 }, extra: { request_id: 'abc' } } });
  });

  it('an HTML page is unreadable, says the base URL may be wrong, and keeps the raw text', () => {
    const r = parseEnvelope('<html><body>Login</body></html>');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.message).toMatch(/web page/);
      expect(r.problem.raw).toBe('<html><body>Login</body></html>');
    }
  });

  it('JSON that is not an object is unreadable', () => {
    expect(parseEnvelope('[1,2]').ok).toBe(false);
  });
});

describe('test connection verdicts', () => {
  const http = (status: number) => classifyConnection({ kind: 'http', status, readable: true }, 'Prod');
  it('tells apart unreachable, 401, 403, 410 and success in plain language', () => {
    expect(classifyConnection({ kind: 'network', error: 'ECONNREFUSED' }, 'Prod')).toMatchObject({ outcome: 'unreachable', ok: false, detail: 'ECONNREFUSED' });
    expect(http(401)).toMatchObject({ outcome: 'unauthorized', title: 'Authentication failed (401)' });
    expect(http(403)).toMatchObject({ outcome: 'forbidden', title: 'API access not enabled (403)' });
    expect(http(410)).toMatchObject({ outcome: 'gone', title: 'Endpoint switched off (410)' });
    expect(http(200)).toMatchObject({ outcome: 'ok', ok: true });
  });
  it("a 200 that is not the API's JSON is not a success", () => {
    expect(classifyConnection({ kind: 'http', status: 200, readable: false }, 'Prod')).toMatchObject({ outcome: 'unreadable', ok: false });
  });
});

describe('delivery errors', () => {
  it('reads create_time as unix seconds from seconds, milliseconds or a UTC date', () => {
    expect(parseCreateTime(1_700_000_000)).toBe(1_700_000_000);
    expect(parseCreateTime(1_700_000_000_123)).toBe(1_700_000_000);
    expect(parseCreateTime('2023-11-14 22:13:20')).toBe(1_700_000_000);
    expect(parseCreateTime('soon')).toBeUndefined();
  });

  it('groups rows by error message, maps users to batches, and counts rows of other users', () => {
    const { rows, problems } = parsePushDevices([
      { id: 1, campaign_id: 'C', device_id: 'd1', user_id: 'u1', error_message: 'Not personalized', create_time: 1 },
      { id: 2, campaign_id: 'C', device_id: 'd2', user_id: 'u1', error_message: 'Not personalized' },
      { id: 3, campaign_id: 'C', device_id: 'd3', user_id: 'u3', error_message: 'Not personalized' },
      { id: 4, campaign_id: 'C', device_id: 'd4', user_id: 'u2', error_message: 'DEVICE_UNREGISTERED' },
      { id: 5, campaign_id: 'C', device_id: 'd5', user_id: 'stranger', error_message: 'Not personalized' },
      'junk',
    ]);
    expect(problems).toEqual([{ path: 'data[5]', message: 'expected a device row object' }]);
    const groups = groupDeliveryErrors(rows, [
      { index: 0, targets: ['u1', 'u2'] },
      { index: 1, targets: ['u3'] },
    ]);
    expect(groups).toEqual([
      {
        message: 'Not personalized',
        users: [
          { user: 'u1', batch: 0, devices: ['d1', 'd2'] },
          { user: 'u3', batch: 1, devices: ['d3'] },
        ],
        otherRows: 1,
      },
      { message: 'DEVICE_UNREGISTERED', users: [{ user: 'u2', batch: 0, devices: ['d4'] }], otherRows: 0 },
    ]);
  });
});

describe("list queries (the sandbox's list methods)", () => {
  const rows = [
    { id: 1, title: 'Gate update', trigger: 3 },
    { id: 2, title: 'Promo journey', trigger: 3 },
    { id: 3, title: 'Newsletter', trigger: 1 },
  ];
  it('filters by conditions, searches titles with like, orders, pages and selects', () => {
    const { query } = readListQuery({
      condition: [
        ['trigger', '=', 3],
        ['title', 'like', '%JOURNEY%'],
      ],
      select: ['id'],
      order: ['id', 'desc'],
      limit: 10,
      offset: 0,
    });
    expect(applyListQuery(rows, query!)).toEqual([{ id: 2 }]);
    const page = readListQuery({ condition: [['trigger', '=', '3']], order: ['id', 'asc'], limit: 1, offset: 1 }).query!;
    expect(applyListQuery(rows, page).map((r) => r.id)).toEqual([2]);
  });
  it('a malformed condition or limit is a problem naming the field', () => {
    expect(readListQuery({ condition: [['a', '~', 1]] }).problems).toEqual([{ path: 'condition[0]', message: expect.stringContaining('unknown operator') }]);
    expect(readListQuery({ limit: 0 }).problems[0]!.path).toBe('limit');
  });
});
