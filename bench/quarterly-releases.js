// Generates quarterly HCPCS releases that follow a real CMS annual file (effective 2019-01-01), as
// CMS's quarterly files change:
// each quarter adds ADDS codes, terminates TERMS and re-words REWORDS (new long text from an ACT EFF DT
// inside the quarter). Writes HCPCyyyy_MON_ANWEB.txt files in the CMS 320-byte layout, a list of
// "file effective" lines, the annual file first (releases.txt) and the dated lookups whose answers the as-of rule fixes
// (checks.json: code, date, and the status or the start of the long text expected).
// Usage: node quarterly-releases.js ANNUAL.txt OUT_DIR QUARTERS [SEED]
'use strict';
const fs = require('fs');
const path = require('path');

const [annual, out, quartersArg, seedArg] = process.argv.slice(2);
const QUARTERS = Number(quartersArg);
const ADDS = 20, TERMS = 12, REWORDS = 15;
if (!annual || !out || !(QUARTERS > 0)) {
  console.error('usage: node quarterly-releases.js ANNUAL.txt OUT_DIR QUARTERS [SEED]');
  process.exit(2);
}

// A small seeded generator, so the same arguments give the same files.
let seed = Number(seedArg || 2019) >>> 0;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = list => list[Math.floor(random() * list.length)];

// Field positions of the CMS record layout (1-based start, length).
const CODE = [1, 5], LONG = [12, 80], ADD_DT = [269, 8], ACT_EFF_DT = [277, 8], TERM_DT = [285, 8], ACTION_CD = [293, 1];
const field = (line, [start, length]) => line.padEnd(320).substr(start - 1, length);
const set = (line, [start, length], value) => {
  const padded = line.padEnd(320);
  return padded.slice(0, start - 1) + value.padEnd(length).slice(0, length) + padded.slice(start - 1 + length);
};

const iso = date => date.toISOString().slice(0, 10);
const cms = date => iso(date).replaceAll('-', '');
const addDays = (date, days) => new Date(date.getTime() + days * 86400000);
const quarterStart = q => new Date(Date.UTC(2019, 3 * q, 1));
const MONTHS = ['JAN', 'APR', 'JUL', 'OCT'];

// Each code's lines: the record line (id 3 or 7), then its continuation lines (4 or 8).
const codes = [];
for (const line of fs.readFileSync(annual, 'latin1').split('\r\n')) {
  if (line.length > 11 && '3478'.includes(line[10]) && /[A-Za-z0-9]/.test(line[3])) {
    if ('37'.includes(line[10])) codes.push([line]); else codes[codes.length - 1].push(line);
  }
}

const text = lines => lines.map(l => field(l, LONG).trim()).join(' ').replace(/\s+/g, ' ');
const isActiveProcedure = c => c[0][10] === '3' && field(c[0], TERM_DT).trim() === '';
const checks = [];
const releases = [];
fs.mkdirSync(out, { recursive: true });
const write = effective => {
  const name = `HCPC${effective.getUTCFullYear()}_${MONTHS[effective.getUTCMonth() / 3]}_ANWEB.txt`;
  fs.writeFileSync(path.join(out, name), codes.map(c => c.join('\r\n') + '\r\n').join(''), 'latin1');
  releases.push(`${path.resolve(out, name)} ${iso(effective)}`);
};

releases.push(`${path.resolve(annual)} ${iso(quarterStart(0))}`);
for (let q = 1; q <= QUARTERS; q++) {
  const effective = quarterStart(q), previous = quarterStart(q - 1);
  const quarterDays = Math.round((effective - previous) / 86400000);
  const touched = new Set();
  const choose = () => {
    for (;;) {
      const c = pick(codes);
      if (isActiveProcedure(c) && !touched.has(c)) { touched.add(c); return c; }
    }
  };

  for (let i = 0; i < ADDS; i++) {
    const code = `X${String(q).padStart(2, '0')}${String(i).padStart(2, '0')}`;
    const added = choose().map(l => set(l, CODE, code));
    added[0] = set(set(set(set(added[0], ADD_DT, cms(effective)), ACT_EFF_DT, cms(effective)), TERM_DT, ''), ACTION_CD, 'A');
    codes.push(added);
    touched.add(added);
    checks.push({ code, date: iso(addDays(effective, -1)), status: 'not-yet-effective' }, { code, date: iso(effective), status: 'active' });
  }

  for (let i = 0; i < TERMS; i++) {
    const c = choose();
    const term = addDays(effective, -1 - Math.floor(random() * (quarterDays - 1)));
    c[0] = set(set(c[0], TERM_DT, cms(term)), ACTION_CD, 'D');
    const code = field(c[0], CODE).trim();
    checks.push({ code, date: iso(term), status: 'active' }, { code, date: iso(addDays(term, 1)), status: 'terminated' });
  }

  for (let i = 0; i < REWORDS; i++) {
    const c = choose();
    const before = text(c);
    const starts = addDays(previous, 1 + Math.floor(random() * quarterDays));
    c[0] = set(set(set(c[0], LONG, `Revised ${iso(effective)}: ${field(c[0], LONG).trim()}`), ACT_EFF_DT, cms(starts)), ACTION_CD, 'C');
    const code = field(c[0], CODE).trim();
    checks.push({ code, date: iso(addDays(starts, -1)), text: before.slice(0, 40) }, { code, date: iso(starts), text: text(c).slice(0, 40) });
  }

  codes.sort((a, b) => (a[0].slice(0, 5) < b[0].slice(0, 5) ? -1 : a[0].slice(0, 5) > b[0].slice(0, 5) ? 1 : 0));
  write(effective);
}

fs.writeFileSync(path.join(out, 'releases.txt'), releases.join('\n') + '\n');
fs.writeFileSync(path.join(out, 'checks.json'), JSON.stringify(checks));
console.log(`${releases.length} releases (${codes.length} codes in the last), ${checks.length} dated lookups to check`);
