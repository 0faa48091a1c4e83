import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../database/repo-files.js';
import { seedReferenceData } from '../testing/reference.js';
import { ReferenceIndex } from './reference-index.js';
import { TaggerPool, tagText, WORKER_TAGGING_THRESHOLD } from './tagger-pool.js';
import { tagEventText } from './tagger.js';

const data = seedReferenceData();
const ref = new ReferenceIndex(data);
const fixture = (name: string) => readFileSync(join(repoRoot(), 'apps/api/src/matching/fixtures', name), 'utf8');

describe('TaggerPool (worker-thread tagging of long texts)', () => {
  let pool: TaggerPool;
  beforeAll(() => {
    pool = new TaggerPool(data);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same tags as inline tagging, for a long Chinese body and for a short English one', async () => {
    const zh = fixture('mofcom_2023_39_graphite_zh.md');
    // About 480 KB of UTF-8: the announcement repeated, as in the trial that froze the API.
    const body = zh.repeat(Math.ceil(160_000 / zh.length));
    const text = { title: '关于对石墨物项实施出口管制的公告', summary: 'HS 2504.10 graphite; 1C901', body };
    expect(body.length).toBeGreaterThan(WORKER_TAGGING_THRESHOLD);
    const inWorker = await pool.tag(text, { naiveTimeZone: 'Asia/Shanghai' });
    expect(inWorker.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(tagEventText(text, ref, { naiveTimeZone: 'Asia/Shanghai' }));
    const short = { title: 'Dysprosium oxide, HS 2846.90.19', body: 'Items under 1C902.a' };
    expect(await pool.tag(short)).toEqual(tagEventText(short, ref));
  });

  it('tagText tags short texts inline (no pool) and long ones on the pool', async () => {
    const noPool = () => Promise.reject(new Error('the pool must not be used for a short text'));
    const short = { body: '镝 Dy and terbium' };
    expect(await tagText(short, ref, noPool)).toEqual(tagEventText(short, ref));
    const long = { body: '氧化镝 '.repeat(6000) };
    let used = false;
    const tags = await tagText(long, ref, async () => {
      used = true;
      return pool;
    });
    expect(used).toBe(true);
    expect(tags).toEqual(tagEventText(long, ref));
  });
});
