// "/": a search box and a service date that defaults to today.
import { h, show } from '../dom.js';
import { searchForm } from './search.js';

export async function homePage(main) {
  document.title = 'CodeUpdates';
  show(main,
    h('h1', {}, 'Look up a code on a date'),
    h('p', { class: 'lead' }, 'Type a code (E0114) or words from its description (power wheelchair). Results show the text in force on the service date.'),
    searchForm({ autofocus: true }),
    h('p', {}, 'Or read what each ', h('a', { href: '/releases' }, 'release'), ' changed.'));
}
