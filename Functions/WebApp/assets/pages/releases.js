// "/releases": every drop and what became of it. "/releases/{system}/{effective}": one release's changes
// against the release before it, filtered by change type and by code or word.
import { h, show, facts, dateTime, plural, isDate } from '../dom.js';
import { api, path } from '../api.js';
import { systemName, codeHref, codeLinks, revisions, codeSetLinks } from '../codes.js';

const changeTypes = ['added', 'deleted', 'revised', 'reactivated', 'administrative', 'purged'];

export async function releasesPage(main) {
  document.title = 'Releases · CodeUpdates';
  show(main, h('h1', {}, 'Releases'), h('p', {}, 'Loading…'));
  const { releases } = await api('releases');
  const sorted = [...releases].sort((a, b) =>
    (b.effective ?? '').localeCompare(a.effective ?? '') || String(b.receivedAt).localeCompare(String(a.receivedAt)));
  show(main,
    h('h1', {}, 'Releases'),
    h('p', {}, sorted.length
      ? `${plural(sorted.length, 'file')} dropped, newest release first.`
      : 'No release has been dropped yet: put a release file into the releases container.'),
    h('ol', { class: 'cards' }, sorted.map(releaseCard)));
}

function releaseCard(r) {
  const published = r.status === 'published';
  const name = `${systemName(r.system)} ${r.effective ?? '(no effective date)'}`;
  return h('li', { class: `card card-${r.status}` },
    h('h2', {}, published && r.effective ? h('a', { href: `/releases/${encodeURIComponent(r.system)}/${r.effective}` }, name) : name,
      ' ', h('span', { class: `badge badge-${r.status}` }, r.status)),
    r.counts ? h('p', { class: 'counts' }, countsText(r.counts)) : null,
    facts([
      ['File', r.source],
      ['Codes', r.codes?.toLocaleString('en-US')],
      ['Prior release', r.prior ?? (published ? 'none (first release of the system)' : null)],
      ['Received', dateTime(r.receivedAt)],
      ['Published', dateTime(r.publishedAt)],
      ['Why rejected', r.reason],
      ['Notes', r.notes],
      ['File kept in', r.keptIn],
      ['Replaced by', r.supersededBy],
      ['Replaced at', dateTime(r.supersededAt)],
      ['Corrects', r.corrections ? `${r.corrections.corrects} (${plural(r.corrections.applied, 'line')} applied, ${plural(r.corrections.unappliedCount, 'line')} not applied)` : null],
      ['Changes as published', r.supersededChanges ? h('a', { href: r.supersededChanges }, 'JSON') : null],
      ['SHA-256', r.sha256 ? h('code', { class: 'hash' }, r.sha256) : null],
    ]));
}

// A system's first release changes nothing: it is said the one way the API, the mail and the page say it.
function initialLoadText(codes) {
  return `initial load, ${(codes ?? 0).toLocaleString('en-US')} codes`;
}

function countsText(counts) {
  if (counts.initialLoad) return initialLoadText(counts.total);
  return changeTypes.map((type) => `${(counts[type] ?? 0).toLocaleString('en-US')} ${type}`).join(' · ');
}

export async function releasePage(main, [system, effective], params) {
  const title = `${systemName(system)} release ${effective}`;
  document.title = `${title} · CodeUpdates`;
  show(main, h('h1', {}, title), h('p', {}, 'Loading…'));
  if (!isDate(effective)) throw new Error(`'${effective}' is not a date (yyyy-MM-dd)`);
  const report = await api(`releases/${path(system, effective)}/changes`);
  const changesPath = `/api/releases/${path(system, effective)}/changes`;

  const typeSelect = h('select', { id: 'change', name: 'change' },
    h('option', { value: '' }, 'All changes'),
    changeTypes.map((type) => h('option', { value: type, selected: params.get('change') === type }, capitalize(type))));
  const wordInput = h('input', { id: 'filter', name: 'q', type: 'search', value: params.get('q') ?? '', autocomplete: 'off' });
  const filterForm = h('form', { class: 'filter', method: 'get', role: 'search', 'aria-label': 'Filter the changes' },
    h('div', { class: 'field' }, h('label', { for: 'change' }, 'Change type'), typeSelect),
    h('div', { class: 'field field-wide' }, h('label', { for: 'filter' }, 'Code or word'), wordInput),
    h('button', { type: 'submit' }, 'Filter'));
  const status = h('p', { role: 'status', class: 'muted' });
  const sections = h('div', { class: 'changes' });

  const redraw = () => {
    const type = typeSelect.value;
    const needle = wordInput.value.trim().toUpperCase();
    const next = new URLSearchParams();
    if (type) next.set('change', type);
    if (needle) next.set('q', wordInput.value.trim());
    const url = `${location.pathname}${next.size ? `?${next}` : ''}`;
    if (url !== location.pathname + location.search) window.history.replaceState({}, '', url);
    const shown = drawChanges(sections, system, effective, report.changes ?? [], type, needle);
    status.textContent = type || needle ? `${plural(shown, 'change')} match the filter.` : `${plural(shown, 'change')} in all.`;
  };
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    redraw();
  });
  typeSelect.addEventListener('change', redraw);
  wordInput.addEventListener('input', redraw);

  const s = report.summary;
  if (report.initialLoad) {
    show(main,
      h('h1', {}, title),
      h('p', {}, `Initial load: ${report.current.codes.toLocaleString('en-US')} codes from ${report.current.source}. This is the first ${systemName(system)} release, so there is no earlier release to compare with; the next release's page lists its changes.`),
      codeSetLinks(system, effective));
    return;
  }
  show(main,
    h('h1', {}, title),
    h('p', {}, `Changes against the release of ${report.prior.effective} (${report.prior.source}, ${report.prior.codes.toLocaleString('en-US')} codes); this release has ${report.current.codes.toLocaleString('en-US')} codes from ${report.current.source}.`),
    h('ul', { class: 'summary', 'aria-label': 'Counts' },
      changeTypes.map((type) => h('li', { class: `count count-${type}` }, h('strong', {}, (s[type] ?? 0).toLocaleString('en-US')), ` ${type}`))),
    correctionSection(system, effective, report.correction),
    cmsEvidence(system, effective, report),
    h('p', { class: 'downloads' }, 'Download the full list: ',
      h('a', { href: `${changesPath}?format=csv`, download: '' }, 'CSV'), ' · ',
      h('a', { href: `${changesPath}?format=xlsx`, download: '' }, 'Excel (.xlsx)')),
    codeSetLinks(system, effective),
    filterForm, status, sections);
  redraw();
}

// HCPCS only: the quarters not loaded between the prior and this release, and CMS's action codes against the
// computed changes, with what a coder should do per cause (the advice sentences come from the API, as the mail has them).
function cmsEvidence(system, effective, report) {
  const missing = report.missingQuarters ?? [];
  const actions = report.cmsActions;
  if (!missing.length && !actions) return null;
  const gap = missing.length
    ? h('p', { class: 'gap' }, `The release before this one that is loaded is effective ${report.prior.effective}: the quarterly ${missing.length === 1 ? 'release' : 'releases'} of ${listText(missing)} ${missing.length === 1 ? 'is' : 'are'} not loaded, so the changes CMS made in ${missing.length === 1 ? 'it' : 'them'} are counted in this release.`)
    : null;
  if (!actions) return h('section', { class: 'cms-evidence', 'aria-labelledby': 'cms-evidence-heading' }, h('h2', { id: 'cms-evidence-heading' }, 'Missing quarters'), gap);
  const compared = actions.compared.toLocaleString('en-US');
  return h('section', { class: 'cms-evidence', 'aria-labelledby': 'cms-evidence-heading' },
    h('h2', { id: 'cms-evidence-heading' }, "CMS's action codes"),
    gap,
    h('p', { class: 'cms-actions-count' }, actions.disagree === 0
      ? `CMS's action codes agree with every change computed here (${compared} codes compared).`
      : `CMS's action codes disagree with the change computed here for ${plural(actions.disagree, 'code')} of ${compared}:`),
    actions.causes?.length ? h('ul', { class: 'cms-causes' }, actions.causes.map((c) => h('li', { 'data-cause': c.cause }, c.advice))) : null,
    actions.disagreements?.length
      ? h('details', { class: 'cms-disagreements' },
        h('summary', {}, `Each disagreement (${actions.disagreements.length.toLocaleString('en-US')})`),
        h('table', {},
          h('thead', {}, h('tr', {}, ['Code', 'CMS says', 'Computed', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, actions.disagreements.map((d) => h('tr', {},
            h('td', {}, h('a', { class: 'code', href: codeHref(system, d.code, effective) }, d.code)),
            h('td', {}, d.cmsAction),
            h('td', {}, d.computed),
            h('td', {}, d.explanation))))))
      : null);
}

// A release that replaced a published file for its date: which file, what it changed against that file, and the
// corrections document's lines that were not applied (the changes below stay those against the release before).
function correctionSection(system, effective, correction) {
  if (!correction) return null;
  const replaced = correction.replaced;
  const published = replaced.publishedAt ? ` published ${replaced.publishedAt.slice(0, 10)}` : '';
  const document = correction.corrections;
  const changes = correction.changes ?? [];
  return h('section', { class: 'correction', 'aria-labelledby': 'correction-heading' },
    h('h2', { id: 'correction-heading' }, `Correction of ${replaced.source}${published}`),
    h('p', {}, correction.summary
      ? (correction.summary.total === 0 || !changes.length
        ? 'It replaces that file for this date and changes no code against it.'
        : `Against that file it changed ${changeTypes.filter((t) => correction.summary[t]).map((t) => `${correction.summary[t].toLocaleString('en-US')} ${t}`).join(', ')}:`)
      : "It replaces that file for this date; what it changed against that file is not known, as that file's snapshot was not kept."),
    changes.length
      ? h('ol', { class: 'change-list correction-changes' }, changes.map((c) => changeRow(system, effective, c)))
      : null,
    document
      ? h('p', { class: 'correction-outcome' }, document.unappliedCount === 0
        ? `${document.document}: all ${plural(document.applied, 'line')} applied.`
        : `${document.document}: ${plural(document.applied, 'line')} applied, ${plural(document.unappliedCount, 'line')} not applied:`)
      : null,
    document?.unapplied?.length
      ? h('table', { class: 'unapplied' },
        h('caption', {}, 'Lines of the corrections document not applied'),
        h('thead', {}, h('tr', {}, ['Line', 'Code', 'Action', 'The line reads', 'Why not applied'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, document.unapplied.map((u) => h('tr', {},
          h('td', {}, String(u.line)),
          h('td', {}, h('a', { class: 'code', href: codeHref(system, u.code, effective) }, u.code)),
          h('td', {}, u.action),
          h('td', {}, u.text),
          h('td', {}, u.reason)))))
      : null,
    h('p', {}, 'The file it replaced: ', h('a', { href: replaced.changes }, 'its changes as published (JSON)'), ' · ',
      h('a', { href: `${replaced.changes}?format=csv`, download: '' }, 'CSV'),
      '. The changes below are against the release before this date, as for any release.'));
}

function listText(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Draws the sections the filter keeps; returns how many changes are shown. */
function drawChanges(container, system, effective, changes, type, needle) {
  let shown = 0;
  const sections = [];
  for (const kind of changeTypes) {
    if (type && type !== kind) continue;
    const rows = changes.filter((c) => c.change === kind && matches(c, needle));
    if (!rows.length) continue;
    shown += rows.length;
    sections.push(h('section', { 'aria-labelledby': `section-${kind}` },
      h('h2', { id: `section-${kind}` }, `${capitalize(kind)} (${rows.length.toLocaleString('en-US')})`),
      h('ol', { class: `change-list change-list-${kind}` }, rows.map((c) => changeRow(system, effective, c)))));
  }
  show(container, sections.length ? sections : h('p', {}, 'No change matches.'));
  return shown;
}

function matches(change, needle) {
  if (!needle) return true;
  if (change.code.toUpperCase().startsWith(needle)) return true;
  const texts = [...Object.values(change.before ?? {}), ...Object.values(change.after ?? {})];
  return texts.some((text) => text.toUpperCase().includes(needle));
}

function changeRow(system, effective, c) {
  const text = (c.after ?? c.before)?.long ?? Object.values(c.after ?? c.before ?? {})[0] ?? '';
  const code = [h('a', { class: 'code', href: codeHref(system, c.code, effective) }, c.code),
    c.reused ? [' ', h('span', { class: 'badge badge-reused', title: 'CMS reused this code with a new meaning' }, 'reused')] : null];
  switch (c.change) {
    case 'deleted':
      return h('li', {}, h('p', {}, code, ' ', text),
        facts([
          ['Last valid day', c.terminationDate ?? (c.reason === 'absent' ? `${dayBefore(effective)} (absent from this release)` : null)],
          ['Replaced by', c.replacedBy?.length ? codeLinks(system, c.replacedBy, effective) : null],
          ['Note', c.new ? 'added and ended between the two releases' : null],
        ], 'facts facts-inline'));
    case 'revised':
      return h('li', {}, h('p', {}, code), revisions(c.textRevisions));
    case 'administrative':
      return h('li', {}, h('p', {}, code, ' ', text),
        h('dl', { class: 'fields' }, (c.fieldRevisions ?? []).map((f) => [
          h('dt', {}, f.field),
          h('dd', {}, h('span', { class: 'before' }, f.before ?? '(none)'), ' → ', h('span', { class: 'after' }, f.after ?? '(none)'))])));
    default:
      return h('li', {}, h('p', {}, code, ' ', text));
  }
}

function dayBefore(date) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
