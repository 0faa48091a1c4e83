import { readAll } from './event-index.cache.js';
import { EVENT_PAGE } from './exposure.repository.js';

describe('readAll (event index reads)', () => {
  it('reads every row of a keyset-paged query, page after page, each page after the last row of the one before', async () => {
    // Rows in (createdAt, id) order, several sharing a createdAt, across two pages and a bit.
    const rows = Array.from({ length: 2 * EVENT_PAGE + 7 }, (_, i) => ({
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))),
      id: `id-${String(i).padStart(6, '0')}`,
    }));
    const cursors: (string | undefined)[] = [];
    const page = async (after?: { createdAt: Date; id: string }) => {
      cursors.push(after?.id);
      const from = after
        ? rows.findIndex((r) => r.createdAt > after.createdAt || (+r.createdAt === +after.createdAt && r.id > after.id))
        : 0;
      return from < 0 ? [] : rows.slice(from, from + EVENT_PAGE);
    };
    const all = await readAll(page);
    expect(all.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(cursors).toEqual([undefined, rows[EVENT_PAGE - 1]!.id, rows[2 * EVENT_PAGE - 1]!.id]);
  });
});
