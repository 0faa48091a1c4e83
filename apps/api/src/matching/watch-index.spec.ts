import { readFileSync } from 'node:fs';
import { referenceSeedFile } from '../database/repo-files.js';
import { randomCorpus } from './corpus.js';
import { TenantIndex } from './matcher.js';
import { ReferenceIndex } from './reference-index.js';
import { assembleWatchMatches, NaiveWatchScan } from './watch-index.js';

const seed = JSON.parse(readFileSync(referenceSeedFile(), 'utf8'));
const reference = new ReferenceIndex({
  elements: seed.elements,
  controlEntries: seed.controlListEntries,
  materialForms: seed.materialForms,
  hsCodes: seed.hsCodes,
});

describe('WatchIndex against the naive scan', () => {
  it('gives exactly the alerts of checking every watch of every tenant, on a random corpus', () => {
    const corpus = randomCorpus(reference, { tenants: 40, watchesPerTenant: 30, events: 150, maxTags: 30, seed: 7 });
    const index = new TenantIndex(reference, corpus.watches, []);
    const naive = new NaiveWatchScan(reference, corpus.watches);
    let matched = 0;
    let viaExpansion = 0;
    for (const event of corpus.events) {
      const fast = index.match(event);
      expect(fast).toEqual(assembleWatchMatches(event, naive.match(event)));
      matched += fast.length;
      for (const m of fast) viaExpansion += m.reasons.filter((r) => !['ELEMENT_NAMED', 'HS_CODE_PREFIX', 'CONTROL_ENTRY'].includes(r.via)).length;
    }
    // the corpus exercises matching, and the expanded paths in particular
    expect(matched).toBeGreaterThan(100);
    expect(viaExpansion).toBeGreaterThan(100);
  });

  it("orders each tenant's reasons by watch kind, then by watch position", () => {
    const corpus = randomCorpus(reference, { tenants: 3, watchesPerTenant: 40, events: 20, maxTags: 30, seed: 11 });
    const index = new TenantIndex(reference, corpus.watches, []);
    const position = new Map(corpus.watches.map((w, i) => [w.id, i]));
    const kind = new Map(corpus.watches.map((w) => [w.id, ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY'].indexOf(w.kind)]));
    for (const event of corpus.events) {
      for (const m of index.match(event)) {
        const keys = m.reasons.map((r) => (r.subject.type === 'WATCH' ? kind.get(r.subject.watchId)! * 1e6 + position.get(r.subject.watchId)! : 0));
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
      }
    }
  });
});
