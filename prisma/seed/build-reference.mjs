#!/usr/bin/env node
// Builds prisma/seed/reference.json from the public facts in ../shared/data (see that folder's SOURCES.md) and from
// prisma/seed/sources/*.csv (items of the 2023-2025 MOFCOM/GAC announcements transcribed from
// shared/data/cn/mofcom_announcements_2023_2025.md and the raw MOFCOM texts; each row names its source).
// The output is committed, so a clone without shared/ still seeds. Uncertainty marks are carried over verbatim
// (the `confidence` column, inferred entry codes, customs-code remarks): nothing is upgraded to "verified".
//
//   node prisma/seed/build-reference.mjs [path/to/shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(process.argv[2] ?? join(here, '../../../shared/data'));
const parseCsv = (path) => parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
const csv = (file) => parseCsv(join(dataDir, file));

const elements = csv('elements.csv').map((r) => ({
  symbol: r.symbol,
  atomicNumber: Number(r.atomic_number),
  nameEn: r.name_en,
  nameZh: r.name_zh,
  nameZhHant: r.name_zh_traditional,
  casRn: r.cas_rn,
  isRareEarth: r.is_rare_earth === 'true',
  groupCn: r.group_cn || null,
  note: r.note || null,
}));
const symbols = new Set(elements.map((e) => e.symbol));
const byName = new Map(elements.map((e) => [e.nameEn.toLowerCase().replace(/\s*\(.*\)$/, ''), e.symbol]));

/**
 * Material forms and the elements each involves. `elements`: constituents named by the form itself;
 * `additiveElements`: elements some grades contain (the form is watched through them only when an event names the
 * element or cites an entry for it). `hsCodes`: tariff lines or headings the form falls under.
 */
const materialForms = [
  {
    code: 'METAL',
    nameEn: 'Metal',
    nameZh: '金属',
    nameZhHant: '金屬',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'item wording of MOFCOM/GAC announcements (e.g. 2025 No. 18 "金属钐")',
  },
  {
    code: 'ALLOY',
    nameEn: 'Alloy',
    nameZh: '合金',
    nameZhHant: '合金',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'item wording of MOFCOM/GAC announcements',
  },
  {
    code: 'OXIDE',
    nameEn: 'Oxide',
    nameZh: '氧化物',
    nameZhHant: '氧化物',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'item wording of MOFCOM/GAC announcements',
  },
  {
    code: 'COMPOUND',
    nameEn: 'Compound',
    nameZh: '化合物',
    nameZhHant: '化合物',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'item wording of MOFCOM/GAC announcements',
  },
  {
    code: 'SPUTTERING_TARGET',
    nameEn: 'Sputtering target',
    nameZh: '靶材',
    nameZhHant: '靶材',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: ['sputtering target', 'sputtering targets', '靶材'],
    source: 'MOFCOM/GAC 2025 No. 18 items 1C902.a.3-1C908.a.3',
  },
  {
    code: 'NDFEB_MAGNET',
    nameEn: 'NdFeB (neodymium-iron-boron) permanent magnet material',
    nameZh: '钕铁硼永磁材料',
    nameZhHant: '釹鐵硼永磁材料',
    elements: ['Nd'],
    additiveElements: ['Dy', 'Tb'],
    hsCodes: ['8505111000'],
    aliases: [
      'NdFeB',
      'Nd-Fe-B',
      'neodymium-iron-boron',
      'neodymium iron boron',
      'neodymium magnet',
      'neodymium magnets',
      '钕铁硼',
      '釹鐵硼',
    ],
    source:
      'shared/data/elements.csv notes (Nd: NdFeB magnets; Tb, Dy: NdFeB additives); MOFCOM/GAC 2025 No. 18 items 1C904.a.4, 1C905.a.4; CN 8505111000 "Permanent magnets of rare-earth metals" (shared/data/hs)',
  },
  {
    code: 'SMCO_MAGNET',
    nameEn: 'Samarium-cobalt (SmCo) permanent magnet material',
    nameZh: '钐钴永磁材料',
    nameZhHant: '釤鈷永磁材料',
    elements: ['Sm'],
    additiveElements: [],
    hsCodes: ['8505111000'],
    aliases: [
      'SmCo',
      'samarium-cobalt magnet',
      'samarium-cobalt magnets',
      'samarium-cobalt permanent magnet',
      'samarium cobalt magnet',
      '钐钴永磁',
      '釤鈷永磁',
      '钐钴磁',
    ],
    source:
      'shared/data/elements.csv note (Sm: SmCo magnets); MOFCOM/GAC 2025 No. 18 item 1C902.a.4; CN 8505111000 (shared/data/hs)',
  },
  {
    code: 'RE_PERMANENT_MAGNET',
    nameEn: 'Rare-earth permanent magnet',
    nameZh: '稀土永磁',
    nameZhHant: '稀土永磁',
    elements: [],
    additiveElements: [],
    hsCodes: ['8505111000'],
    aliases: [
      'rare-earth permanent magnet',
      'rare earth permanent magnet',
      'rare-earth permanent magnets',
      'rare earth permanent magnets',
      'rare-earth magnet',
      'rare-earth magnets',
      'rare earth magnet',
      'rare earth magnets',
      '稀土永磁',
    ],
    source: 'CN 8505111000 "Permanent magnets of rare-earth metals" (shared/data/hs/rare_earth_hs_codes.csv)',
  },
  {
    code: 'GRAPHITE_ARTIFICIAL',
    nameEn: 'Artificial graphite',
    nameZh: '人造石墨',
    nameZhHant: '人造石墨',
    elements: ['C'],
    additiveElements: [],
    hsCodes: ['380110'],
    aliases: ['artificial graphite', 'synthetic graphite', '人造石墨'],
    source: 'MOFCOM/GAC 2023 No. 39 item (一) and its customs codes',
  },
  {
    code: 'GRAPHITE_NATURAL',
    nameEn: 'Natural flake graphite',
    nameZh: '天然鳞片石墨',
    nameZhHant: '天然鱗片石墨',
    elements: ['C'],
    additiveElements: [],
    hsCodes: ['250410'],
    aliases: [
      'natural flake graphite',
      'flake graphite',
      'spherical graphite',
      'spheroidized graphite',
      'expanded graphite',
      '天然鳞片石墨',
      '鳞片石墨',
      '鱗片石墨',
      '球化石墨',
      '膨胀石墨',
    ],
    source: 'MOFCOM/GAC 2023 No. 39 item (二) and its customs codes',
  },
  {
    code: 'TECHNOLOGY',
    nameEn: 'Technology',
    nameZh: '技术',
    nameZhHant: '技術',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'item wording of MOFCOM announcements (e.g. 2025 No. 62 1E902)',
  },
  {
    code: 'OTHER',
    nameEn: 'Other item',
    nameZh: '其他',
    nameZhHant: '其他',
    elements: [],
    additiveElements: [],
    hsCodes: [],
    aliases: [],
    source: 'items that fit none of the forms above',
  },
];
const formCodes = new Set(materialForms.map((f) => f.code));

/** The material form of a published item, from its English wording. */
function formOf(itemEn) {
  if (/NdFeB/i.test(itemEn)) return 'NDFEB_MAGNET';
  if (/metal, alloys|alloys, targets/i.test(itemEn)) return 'OTHER'; // several forms in one item (No. 57 summaries)
  if (/cobalt permanent magnet|SmCo/i.test(itemEn)) return 'SMCO_MAGNET';
  if (/target/i.test(itemEn)) return 'SPUTTERING_TARGET';
  if (/oxide/i.test(itemEn)) return 'OXIDE';
  if (/alloy/i.test(itemEn)) return 'ALLOY';
  if (/compound/i.test(itemEn)) return 'COMPOUND';
  if (/\bmetal\b/i.test(itemEn)) return 'METAL';
  if (/graphite/i.test(itemEn)) return 'GRAPHITE_ARTIFICIAL';
  if (/technolog/i.test(itemEn)) return 'TECHNOLOGY';
  return 'OTHER';
}

/** Elements an item's English wording names besides its own: two-letter symbols in alloy formulas, element names. */
function namedElements(primary, itemEn) {
  const out = [primary];
  for (const m of itemEn.matchAll(/[A-Z][a-z]?/g)) {
    // single-letter symbols (Y, W, C) only as the item's own element: "Y" alone is too ambiguous
    if (m[0].length === 2 && symbols.has(m[0]) && /^[A-Z][a-z]$/.test(m[0]) && !out.includes(m[0])) {
      const before = itemEn[m.index - 1] ?? ' ';
      const after = itemEn[m.index + 2] ?? ' ';
      if (/[\s\-:,(/]/.test(before) && /[\s\-,)/]/.test(after)) out.push(m[0]);
    }
  }
  for (const word of itemEn.toLowerCase().split(/[^a-z]+/)) {
    const s = byName.get(word);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** "MOFCOM/GAC 2025 No.18 (2025-04-04)" -> { id: "MOFCOM-GAC-2025-18", display: "MOFCOM/GAC Announcement 2025 No. 18" } */
function announcement(cell) {
  const m = /^([A-Z/]+) (\d{4}) No\.(\d+)/.exec(cell);
  if (!m) throw new Error(`unrecognised announcement: ${cell}`);
  return {
    issuer: m[1],
    id: `${m[1].replace('/', '-')}-${m[2]}-${m[3]}`,
    display: `${m[1]} Announcement ${m[2]} No. ${m[3]}`,
  };
}

function codesOf(cell) {
  const codeCell = cell.trim();
  const codes = [...codeCell.matchAll(/\b\d{8,10}\b/g)].map((m) => m[0]);
  const plainList = /^(\d{8,10})(;\d{8,10})*$/.test(codeCell);
  // a code the source only "suggests" or marks NOT FOUND is kept in the note, not cited
  if (/NOT FOUND|INFERRED|suggests/i.test(codeCell)) return { codes: [], note: codeCell };
  return {
    codes,
    note:
      plainList || codeCell === '' || codeCell === '(none listed)'
        ? codeCell === '(none listed)'
          ? codeCell
          : null
        : codeCell,
  };
}

const controlListEntries = [];
for (const r of csv('cn/export_control_items_2025.csv')) {
  if (!symbols.has(r.symbol)) continue; // battery and equipment items name no element
  const a = announcement(r.announcement);
  if (a.id === 'MOFCOM-GAC-2023-23') continue; // taken from prisma/seed/sources (all No. 23 items)
  const { codes, note } = codesOf(r.customs_codes);
  const inferred = /\((INFERRED|inferred)\)/.exec(r.control_code);
  const published = !r.control_code.trim().startsWith('(');
  const entryCode = published ? r.control_code.replace(/\s*\((INFERRED|inferred)\)\s*/, '').trim() : null;
  controlListEntries.push({
    issuer: a.issuer,
    announcementId: a.id,
    announcement: a.display,
    itemKey: entryCode ?? `${r.symbol}: ${r.control_code.trim()}`,
    entryCode,
    itemEn: r.item_en,
    itemZh: r.item_zh,
    customsCodes: codes,
    customsCodesNote: note,
    elementSymbol: r.symbol,
    elementSymbols: namedElements(r.symbol, r.item_en),
    materialForm: formOf(r.item_en),
    confidence: inferred && !/inferred/i.test(r.confidence) ? `entry code inferred; ${r.confidence}` : r.confidence,
    source: r.source_url,
  });
}
for (const r of parseCsv(join(here, 'sources/cn_items_2023_2025.csv'))) {
  const a = announcement(r.announcement);
  const { codes, note } = codesOf(r.customs_codes);
  const elementSymbols = r.symbols.split(';');
  for (const s of elementSymbols)
    if (!symbols.has(s)) throw new Error(`unknown symbol ${s} in sources row ${r.item_key}`);
  if (!formCodes.has(r.material_form)) throw new Error(`unknown material form ${r.material_form}`);
  const raw = r.control_code.trim();
  const entryCode = raw && !raw.startsWith('(') ? raw.replace(/\s*\(INFERRED\)\s*/, '').trim() : null;
  controlListEntries.push({
    issuer: a.issuer,
    announcementId: a.id,
    announcement: a.display,
    itemKey: r.item_key,
    entryCode,
    itemEn: r.item_en,
    itemZh: r.item_zh,
    customsCodes: codes,
    customsCodesNote: note ?? (raw.startsWith('(') ? raw : null),
    elementSymbol: elementSymbols[0],
    elementSymbols,
    materialForm: r.material_form,
    confidence:
      /INFERRED/.test(raw) && !/INFERRED/i.test(r.confidence) ? `entry code inferred; ${r.confidence}` : r.confidence,
    source: r.source_url,
  });
}

// Tariff lines whose description names elements (shared/data/hs/rare_earth_hs_codes.csv, description_en).
const TARIFF_ELEMENTS = {
  284610: ['Ce'],
  2805301100: ['Nd'],
  2805301200: ['Dy'],
  2805301300: ['Tb'],
  2805301400: ['La'],
  2805301510: ['Ce'],
  2805301590: ['Ce'],
  2805301600: ['Pr'],
  2805301700: ['Y'],
  2805301800: ['Sc'],
  2805301910: ['Sm', 'Gd', 'Lu'],
  28469011: ['Y'],
  28469015: ['Dy'],
  28469016: ['Tb'],
};

const hsCodes = csv('hs/rare_earth_hs_codes.csv').map((r) => ({
  jurisdiction: r.jurisdiction,
  code: r.code.replace(/\D/g, ''),
  display: r.code,
  digits: Number(r.digits),
  descriptionEn: r.description_en,
  descriptionZh: r.description_zh || null,
  notes: r.notes || null,
  source: r.source,
}));

// 6-digit WCO subheadings of the lines cited by the announcements above (HS 2022 nomenclature wording).
const WCO = {
  250410: 'Natural graphite: in powder or in flakes',
  280450: 'Boron; tellurium',
  282560: 'Germanium oxides and zirconium dioxide',
  282590: 'Other inorganic bases; other metal oxides, hydroxides and peroxides',
  282739: 'Other chlorides: other',
  284180: 'Tungstates (wolframates)',
  284190: 'Other salts of oxometallic or peroxometallic acids: other',
  284290: 'Other salts of inorganic acids or peroxoacids: other',
  284990: 'Carbides: other',
  285000: 'Hydrides, nitrides, azides, silicides and borides',
  285210: 'Compounds of mercury: chemically defined',
  285390: 'Other inorganic compounds: other',
  293190: 'Other organo-inorganic compounds: other',
  380110: 'Artificial graphite',
  380190: 'Colloidal or semi-colloidal graphite; preparations based on graphite or other carbon: other',
  381800: 'Chemical elements and compounds doped for use in electronics',
  382499: 'Other chemical products and preparations: other',
  382569: 'Other wastes from chemical or allied industries: other',
  681519: 'Articles of graphite or other carbon: other',
  710691: 'Silver, unwrought',
  710692: 'Silver, semi-manufactured',
  810194: 'Unwrought tungsten',
  810199: 'Tungsten: other',
  810210: 'Molybdenum powders',
  810610: 'Bismuth containing more than 99.99 % of bismuth',
  810690: 'Bismuth: other',
  811292: 'Other base metals (incl. gallium, germanium): unwrought; waste and scrap; powders',
  811299: 'Other base metals (incl. gallium, germanium): other',
  848690: 'Machines for the manufacture of semiconductors: parts and accessories',
};
const known = new Set(hsCodes.map((h) => `${h.jurisdiction}:${h.code}`));
for (const [code, descriptionEn] of Object.entries(WCO)) {
  if (known.has(`WCO:${code}`)) continue;
  known.add(`WCO:${code}`);
  hsCodes.push({
    jurisdiction: 'WCO',
    code,
    display: `${code.slice(0, 4)}.${code.slice(4)}`,
    digits: 6,
    descriptionEn,
    descriptionZh: null,
    notes: null,
    source: 'WCO Harmonized System 2022 nomenclature (subheading wording)',
  });
}
// Every customs code an entry cites, as a CN line; its tariff description is not in shared/data unless listed there.
const citations = new Map();
for (const e of controlListEntries) {
  for (const c of e.customsCodes) {
    const list = citations.get(c) ?? [];
    list.push(e);
    citations.set(c, list);
  }
}
for (const [code, entries] of [...citations].sort(([a], [b]) => a.localeCompare(b))) {
  if (known.has(`CN:${code}`)) continue;
  known.add(`CN:${code}`);
  const first = entries[0];
  const what =
    entries.length === 1
      ? `"${first.itemEn}" (${first.announcement}, ${first.itemKey})`
      : `${entries.length} items (first: "${first.itemEn}", ${first.announcement}, ${first.itemKey})`;
  hsCodes.push({
    jurisdiction: 'CN',
    code,
    display: code.length === 10 ? `${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6)}` : code,
    digits: code.length,
    descriptionEn: `(line cited for ${what}; tariff description not verified)`,
    descriptionZh: null,
    notes: 'added from the control-list citations',
    source: first.source,
  });
}
// The code-to-element map: elements of the entries citing a line plus elements its tariff description names.
// Several elements means the line is ambiguous and implies none of them alone (3824999922: all seven of No. 18).
for (const h of hsCodes) {
  const set = new Set(TARIFF_ELEMENTS[h.code] ?? []);
  if (h.jurisdiction !== 'US')
    for (const e of citations.get(h.code) ?? []) for (const s of e.elementSymbols) set.add(s);
  h.elementSymbols = [...set].sort();
}
hsCodes.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || a.code.localeCompare(b.code));

const out = {
  _note:
    'Generated by prisma/seed/build-reference.mjs from shared/data (public sources listed in its SOURCES.md) and prisma/seed/sources. Do not edit by hand.',
  elements,
  materialForms,
  controlListEntries,
  hsCodes,
};
writeFileSync(join(here, 'reference.json'), JSON.stringify(out, null, 1) + '\n');
console.log(
  `elements ${elements.length}, material forms ${materialForms.length}, control-list entries ${controlListEntries.length}, HS codes ${hsCodes.length}`,
);
