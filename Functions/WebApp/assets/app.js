// The web app: one HTML shell for every deep link; this module reads the address and draws the page.
// Links are ordinary links and forms are ordinary GET forms, so every page is a URL that survives a
// reload and can be pasted into a ticket.
import { h, show } from './dom.js';
import { api, ApiError } from './api.js';
import { homePage } from './pages/home.js';
import { codePage } from './pages/code.js';
import { searchPage } from './pages/search.js';
import { releasesPage, releasePage } from './pages/releases.js';
import { subscribersPage } from './pages/subscribers.js';
import { changesPage } from './pages/changes.js';

const routes = [
  [/^\/$/, homePage],
  [/^\/codes\/([^/]+)\/([^/]+)\/?$/, codePage],
  [/^\/search\/?$/, searchPage],
  [/^\/releases\/?$/, releasesPage],
  [/^\/releases\/([^/]+)\/([^/]+)\/?$/, releasePage],
  [/^\/subscribers\/?$/, subscribersPage],
  [/^\/changes\/?$/, changesPage],
];

function markCurrentNav() {
  for (const link of document.querySelectorAll('header nav a')) {
    const here = link.getAttribute('href') !== '/' && location.pathname.startsWith(link.getAttribute('href'));
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

export async function render() {
  const main = document.getElementById('main');
  const url = new URL(location.href);
  markCurrentNav();
  for (const [pattern, page] of routes) {
    const match = pattern.exec(url.pathname);
    if (match) {
      try {
        await page(main, match.slice(1).map(decodeURIComponent), url.searchParams);
      } catch (error) {
        showError(main, error);
      }
      main.setAttribute('aria-busy', 'false');
      return;
    }
  }
  document.title = 'Not found · CodeUpdates';
  show(main, h('h1', {}, 'No such page'), h('p', {}, 'Try the ', h('a', { href: '/' }, 'search'), ' or the ', h('a', { href: '/releases' }, 'releases'), '.'));
}

/** A failed request: the page keeps its heading and says what went wrong in words. */
export function showError(container, error) {
  const message = error instanceof ApiError
    ? [h('strong', {}, error.title), error.detail ? ` — ${error.detail}` : '']
    : [h('strong', {}, 'Something went wrong'), ` — ${error?.message ?? error}`];
  const heading = container.querySelector('h1');
  show(container, heading ?? h('h1', {}, 'Error'), h('p', { class: 'error', role: 'alert' }, message));
}

/** Who is signed in, in the header; the Subscribers page is offered to admins only (the API enforces it either way). */
async function showCaller() {
  let me;
  try {
    me = await api('me');
  } catch {
    return; // Not signed in, or an older API: the pages say so when they load their data.
  }
  document.querySelector('header nav').append(h('p', { class: 'who' }, `Signed in as ${me.name}${me.isAdmin ? ' (admin)' : ''}`));
  if (!me.isAdmin) document.querySelector('header a[href="/subscribers"]')?.parentElement.remove();
}

window.addEventListener('popstate', render);
render();
showCaller();
