// The logbook page: what happened, from the gateway's stored logbook, filtered by room, device, kind and time, a
// page at a time ("Older" follows the API's cursor). Live entries are added one by one at the top, never by
// rebuilding the list, and only while the page is shown: while it is hidden they are only counted, and the first
// page is read again when it is shown.
import {get} from './api.js';
import {el, showError, timeEl} from './dom.js';
import {allDevices} from './devices.js';
import {rangeOf} from './ranges.js';

const PAGE = 50;
/** At most this many entries on the page; the oldest go when live ones come in. */
const MAX_SHOWN = 1000;

let next = null;
let missed = false;
let loading = null;
/** Counts reloads: the answer of a page asked for before the filters changed is dropped. */
let generation = 0;

export function setUpLogbook() {
  for (const id of ['logbook-room', 'logbook-device', 'logbook-kind', 'logbook-range']) {
    document.getElementById(id).addEventListener('change', () => {
      document.getElementById('logbook-custom').hidden = document.getElementById('logbook-range').value !== 'custom';
      reload();
    });
  }
  for (const id of ['logbook-from', 'logbook-to']) document.getElementById(id).addEventListener('change', reload);
  document.getElementById('logbook-older').addEventListener('click', () => more().catch(e => showError(e.message)));
}

/** The page is shown: fills the room and device choices, and reads the first page if it may be stale. */
export function showLogbook() {
  fillChoices();
  if (missed || loading === null) reload();
}

/** A live entry: added at the top when it matches and the page is shown, otherwise only noted. */
export function onLogbookEntry(entry) {
  if (document.getElementById('page-logbook').hidden) {
    missed = true;
    return;
  }
  const filters = current();
  if (!filters || !filters.live || !matches(entry, filters)) return;
  const list = document.getElementById('logbook');
  list.prepend(item(entry));
  if (list.childElementCount > MAX_SHOWN) list.lastElementChild.remove();
  document.getElementById('logbook-empty').hidden = true;
}

function reload() {
  generation++;
  missed = false;
  next = null;
  document.getElementById('logbook').replaceChildren();
  loading = more().catch(e => showError(e.message));
}

async function more() {
  const filters = current();
  if (!filters) return;
  const params = new URLSearchParams({from: filters.from, to: filters.to, limit: PAGE});
  if (filters.room) params.set('room', filters.room);
  if (filters.device) params.set('device', filters.device);
  if (filters.kind) params.set('kind', filters.kind);
  if (next) params.set('before', next);
  const asked = generation;
  const page = await get('/api/logbook?' + params);
  if (asked !== generation) return;
  const list = document.getElementById('logbook');
  list.append(...page.entries.map(item));
  next = page.next || null;
  document.getElementById('logbook-older').hidden = !next;
  document.getElementById('logbook-empty').hidden = list.childElementCount > 0;
  document.getElementById('logbook-span').textContent = 'from ' + whenText(filters.from) + ' to ' + whenText(filters.to);
}

/** The filters as chosen, with the range as instants; null when a custom range is incomplete. */
function current() {
  const range = rangeOf(document.getElementById('logbook-range').value, Date.now(),
      document.getElementById('logbook-from').value, document.getElementById('logbook-to').value);
  if (!range) return null;
  return {
    room: document.getElementById('logbook-room').value,
    device: document.getElementById('logbook-device').value,
    kind: document.getElementById('logbook-kind').value,
    from: range.from.toISOString(), to: range.to.toISOString(), live: range.live,
  };
}

function matches(entry, f) {
  return (!f.room || entry.room === f.room) && (!f.device || entry.device === f.device) && (!f.kind || entry.kind === f.kind);
}

function item(entry) {
  return el('li', {class: 'event ' + entry.kind, dataset: {kind: entry.kind, device: entry.device || '', id: entry.id}},
      timeEl(entry.at), ' ',
      el('span', {class: 'kind', text: entry.kind}), ' ',
      el('span', {class: 'what', text: entry.text}));
}

function whenText(iso) {
  return timeEl(iso).textContent;
}

/** Rooms and devices as the gateway knows them now; the choices made are kept. */
function fillChoices() {
  const devices = allDevices();
  const rooms = [...new Set(devices.map(d => d.room).filter(Boolean))].sort();
  fill('logbook-room', 'every room', rooms.map(r => [r, r.replaceAll('_', ' ')]));
  fill('logbook-device', 'every device', devices.map(d => [d.id, deviceLabel(d)]).sort((a, b) => a[1].localeCompare(b[1])));
}

/** "Ceiling light (hallway)": a person knows a device by its name and room; the value sent is its id. */
function deviceLabel(d) {
  return (d.name || d.id) + (d.room ? ' (' + d.room.replaceAll('_', ' ') + ')' : '');
}

function fill(id, everything, options) {
  const select = document.getElementById(id);
  const chosen = select.value;
  select.replaceChildren(el('option', {value: '', text: everything}), ...options.map(([value, text]) => el('option', {value, text})));
  select.value = options.some(([value]) => value === chosen) ? chosen : '';
}
