// Rooms of device cards built from each device's attributes: the kind's main value large, a control for every
// writable attribute, the other values compactly, battery and link quality in the header, history for every
// numeric or two-state attribute. A live change patches the one value it concerns: a card is never replaced
// while a control in it has focus, and a device that appears at runtime gets its card.
import {el, when, showError} from './dom.js';
import {get, post} from './api.js';
import {toggleChart} from './chart.js';
import {control, describe, isBinary, subject, words} from './controls.js';
import {colourControls, isColour} from './colour.js';

const devices = new Map();
/** Device id → {card, patch: Map(attribute → update(value))}. */
const views = new Map();
/** The value shown large per kind, with its words: the rest of the card is built from the attributes. */
const MAIN = {
  motion_sensor: ['occupancy', v => v === true ? 'Motion' : v === false ? 'Clear' : '—', v => v === true],
  contact_sensor: ['contact', v => v === true ? 'Closed' : v === false ? 'Open' : '—', v => v === false],
  temperature_sensor: ['temperature'],
  illuminance_sensor: ['illuminance'],
  thermostat: ['local_temperature'],
};
/** Shown in the header, not among the values. */
const BADGES = ['battery', 'linkquality'];

export async function loadDevices() {
  const body = await get('/api/devices');
  devices.clear();
  for (const d of body.devices) devices.set(d.id, d);
  renderRooms();
}

/**
 * After a gap in the live stream: the values are patched in place when the devices and their attributes are the
 * ones shown (focus and open charts stay); the rooms are drawn again only when devices came or went.
 */
export async function refreshDevices() {
  const body = await get('/api/devices');
  const same = body.devices.length === devices.size && body.devices.every(d => devices.has(d.id)
      && sameKeys(d.attributes, devices.get(d.id).attributes) && d.room === devices.get(d.id).room);
  if (!same) {
    devices.clear();
    for (const d of body.devices) devices.set(d.id, d);
    return renderRooms();
  }
  for (const fresh of body.devices) {
    const shown = devices.get(fresh.id);
    for (const [name, a] of Object.entries(fresh.attributes)) Object.assign(shown.attributes[name], a);
    Object.assign(shown, {availability: fresh.availability, lastSeen: fresh.lastSeen, name: fresh.name});
    for (const name of Object.keys(shown.attributes)) patch(shown, name);
    patch(shown, null);
  }
}

function sameKeys(a, b) {
  const x = Object.keys(a).sort().join();
  return x === Object.keys(b).sort().join();
}

export function allDevices() {
  return [...devices.values()];
}

export function onStateChanged(change) {
  const device = devices.get(change.device);
  if (!device) {
    // A device that joined at runtime (a Zigbee2MQTT pairing): fetch it once, then it patches like the rest.
    appear(change.device);
    return;
  }
  const known = device.attributes[change.attribute];
  const attribute = known || (device.attributes[change.attribute] = {type: typeOf(change.value), writable: false});
  attribute.value = change.value;
  attribute.lastChanged = change.at;
  attribute.lastUpdated = change.at;
  device.lastSeen = change.at;
  if (!known) rebuild(device);
  else patch(device, change.attribute);
}

export function onAvailabilityChanged(change) {
  const device = devices.get(change.device);
  if (!device) return appear(change.device);
  device.availability = change.current;
  device.lastSeen = change.at;
  patch(device, null);
}

const appearing = new Set();

async function appear(id) {
  if (appearing.has(id)) return;
  appearing.add(id);
  try {
    const device = await get('/api/devices/' + encodeURIComponent(id) + '?from=' + new Date(Date.now() - 1000).toISOString());
    delete device.history;
    devices.set(device.id, device);
    renderRooms();
  } catch (e) {
    // Not (yet) a device the gateway knows: the next change tries again.
  } finally {
    appearing.delete(id);
  }
}

function typeOf(value) {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : value !== null && typeof value === 'object' ? 'object' : 'text';
}

function renderRooms() {
  const byRoom = new Map();
  for (const d of devices.values()) {
    const room = d.room || 'other';
    if (!byRoom.has(room)) byRoom.set(room, []);
    byRoom.get(room).push(d);
  }
  views.clear();
  document.getElementById('rooms').replaceChildren(...[...byRoom.keys()].sort().map(room => el('section', {class: 'room'},
      el('h2', {text: words(room)}),
      el('div', {class: 'cards'}, byRoom.get(room).map(card)))));
}

/** A new attribute changes the card's layout: rebuilt, unless the keyboard is in it (the next change will). */
function rebuild(device) {
  const old = views.get(device.id)?.card;
  if (!old || old.contains(document.activeElement)) return patch(device, null);
  const chart = old.querySelector('.chart');
  const fresh = card(device);
  if (chart) fresh.append(chart);
  old.replaceWith(fresh);
}

function patch(device, attribute) {
  const view = views.get(device.id);
  if (!view) return;
  if (attribute !== null) view.patch.get(attribute)?.(device.attributes[attribute].value);
  view.patch.get('')?.();
}

function card(d) {
  const patch = new Map();
  const availability = el('span', {class: 'availability'});
  const badges = el('span', {class: 'badges'});
  const seen = el('footer', {class: 'last-seen'});
  const node = el('article', {id: 'device-' + d.id, dataset: {device: d.id}},
      el('header', {}, el('h3', {class: 'device-name', text: d.name || d.id}), availability, badges),
      el('div', {class: 'body'}, main(d, patch), controls(d, patch), extras(d, patch), chartButtons(d)),
      seen);
  patch.set('', () => {
    node.className = 'card ' + d.kind + ' ' + d.availability;
    availability.textContent = d.availability === 'unknown' ? '' : d.availability;
    badges.replaceChildren(...BADGES.map(name => badge(d, name)).filter(Boolean));
    seen.replaceChildren('last seen ', el('time', {datetime: d.lastSeen || undefined, text: when(d.lastSeen)}));
  });
  patch.get('')();
  views.set(d.id, {card: node, patch});
  return node;
}

function badge(d, name) {
  const a = d.attributes[name];
  if (typeof a?.value !== 'number') return null;
  if (name === 'battery') {
    return el('span', {class: 'badge battery' + (a.value <= 20 ? ' low' : ''), title: 'battery', text: 'battery ' + describe(a.value, a.unit || '%')});
  }
  return el('span', {class: 'badge link', title: 'Zigbee link quality (0–255)', text: 'link ' + Math.round(a.value)});
}

function main(d, patch) {
  const [name, format, alert] = MAIN[d.kind] || [];
  const a = d.attributes[name];
  if (!a || controllable(d, name)) return null;
  const big = el('p', {class: 'big', dataset: {attribute: name}});
  const update = value => {
    big.textContent = format ? format(value) : describe(value, a.unit);
    big.classList.toggle('alert', Boolean(alert && alert(value)));
  };
  update(a.value);
  patch.set(name, update);
  return big;
}

function isMain(d, name) {
  return MAIN[d.kind]?.[0] === name && !controllable(d, name);
}

function controllable(d, name) {
  return d.attributes[name].writable && d.acceptsCommands !== false;
}

function controls(d, patch) {
  const writable = Object.keys(d.attributes).filter(name => controllable(d, name));
  const colours = colourControls(writable, d.attributes);
  const names = writable.filter(name => !isColour(d.attributes[name]) || colours.includes(name));
  // The light's switch first, then the rest alphabetically.
  names.sort((x, y) => (x === 'state' ? -1 : y === 'state' ? 1 : x.localeCompare(y)));
  return names.map(name => {
    const c = control(d, name, d.attributes[name], value => command(d, {[name]: value}));
    patch.set(name, c.update);
    return c.node;
  });
}

function extras(d, patch) {
  const names = Object.keys(d.attributes).sort()
      .filter(name => !controllable(d, name) && !isMain(d, name) && !BADGES.includes(name));
  if (!names.length) return null;
  return el('dl', {class: 'extras'}, names.flatMap(name => {
    const a = d.attributes[name];
    const value = el('dd', {dataset: {attribute: name}});
    const update = v => { value.textContent = describe(v, a.unit); };
    update(a.value);
    patch.set(name, update);
    return [el('dt', {text: words(name)}), value];
  }));
}

/** History for every numeric or two-state attribute the device reports. */
function chartButtons(d) {
  // Write-only attributes (a light's transition) are never reported: they have no history.
  const names = Object.keys(d.attributes).filter(name => d.attributes[name].reported !== false
      && (d.attributes[name].type === 'number' || isBinary(d.attributes[name])));
  const first = MAIN[d.kind]?.[0];
  names.sort((x, y) => (x === first ? -1 : y === first ? 1 : x.localeCompare(y)));
  if (!names.length) return null;
  return el('div', {class: 'chart-buttons', role: 'group', 'aria-label': 'History'}, el('span', {class: 'label', text: 'history'}), names.map(name =>
      el('button', {type: 'button', class: 'quiet chart-button', dataset: {attribute: name}, text: words(name),
        'aria-label': 'History of ' + subject(d, name), onclick: e => toggleChart(e.target.closest('.card'), d, name, allDevices())})));
}

async function command(d, set) {
  try {
    await post('/api/devices/' + encodeURIComponent(d.id) + '/command', {set});
  } catch (e) {
    showError((d.name || d.id) + ': ' + e.message);
  }
}
