// Rooms of device cards, updated in place from the live stream.
import {el, time, showError} from './dom.js';
import {get, post} from './api.js';
import {toggleChart} from './chart.js';

const devices = new Map();
const SENSOR_KINDS = new Set(['temperature_sensor', 'illuminance_sensor', 'thermostat']);

export async function loadDevices() {
  const body = await get('/api/devices');
  devices.clear();
  for (const d of body.devices) devices.set(d.id, d);
  renderRooms();
}

export function allDevices() {
  return [...devices.values()];
}

export function onStateChanged(change) {
  const device = devices.get(change.device);
  if (!device) return;
  const attribute = device.attributes[change.attribute] || (device.attributes[change.attribute] = {type: 'text', writable: false});
  attribute.value = change.value;
  attribute.lastChanged = change.at;
  attribute.lastUpdated = change.at;
  device.lastSeen = change.at;
  refreshCard(device);
}

export function onAvailabilityChanged(change) {
  const device = devices.get(change.device);
  if (!device) return;
  device.availability = change.current;
  device.lastSeen = change.at;
  refreshCard(device);
}

function renderRooms() {
  const byRoom = new Map();
  for (const d of devices.values()) {
    const room = d.room || 'other';
    if (!byRoom.has(room)) byRoom.set(room, []);
    byRoom.get(room).push(d);
  }
  const rooms = document.getElementById('rooms');
  rooms.replaceChildren(...[...byRoom.keys()].sort().map(room => el('section', {class: 'room'},
      el('h2', {text: room.replaceAll('_', ' ')}),
      el('div', {class: 'cards'}, byRoom.get(room).map(card)))));
}

function refreshCard(device) {
  const old = document.getElementById('device-' + device.id);
  if (!old) return;
  // Re-rendering under a dragging finger would fight the user: the next change will show.
  if (old.contains(document.activeElement) && document.activeElement.matches('input, select')) return;
  const chart = old.querySelector('.chart');
  const fresh = card(device);
  if (chart) fresh.append(chart);
  old.replaceWith(fresh);
}

function card(d) {
  return el('article', {class: 'card ' + d.kind + ' ' + d.availability, id: 'device-' + d.id, dataset: {device: d.id}},
      el('header', {},
          el('h3', {class: 'device-name', text: d.name || d.id}),
          el('span', {class: 'availability', text: d.availability === 'unknown' ? '' : d.availability})),
      el('div', {class: 'body'}, body(d)),
      el('footer', {class: 'last-seen', text: 'last seen ' + time(d.lastSeen)}));
}

function body(d) {
  const a = d.attributes;
  switch (d.kind) {
    case 'motion_sensor':
      return big(d, 'occupancy', v => v === true ? 'Motion' : v === false ? 'Clear' : '—', a.occupancy?.value === true ? 'alert' : '');
    case 'contact_sensor':
      return big(d, 'contact', v => v === true ? 'Closed' : v === false ? 'Open' : '—', a.contact?.value === false ? 'alert' : '');
    case 'temperature_sensor':
      return [big(d, 'temperature', v => number(v, '°C')), line(d, 'humidity'), chartButtons(d, ['temperature', 'humidity'])];
    case 'illuminance_sensor':
      return [big(d, 'illuminance', v => number(v, 'lx')), chartButtons(d, ['illuminance'])];
    case 'light':
      return [toggle(d), slider(d, 'brightness')];
    case 'switch':
      return [toggle(d), line(d, 'power')];
    case 'thermostat':
      return [big(d, 'local_temperature', v => number(v, '°C')), setpoint(d), mode(d), line(d, 'running_state'),
        chartButtons(d, ['local_temperature'])];
    default:
      return Object.keys(a).sort().map(name => line(d, name));
  }
}

function big(d, attribute, format, extra = '') {
  const value = d.attributes[attribute]?.value;
  return el('p', {class: 'big ' + extra, dataset: {attribute}, text: format(value)});
}

function line(d, attribute) {
  const a = d.attributes[attribute];
  if (!a || a.value === null || a.value === undefined) return null;
  const value = typeof a.value === 'number' ? number(a.value, a.unit || '') : String(a.value);
  return el('p', {class: 'line', dataset: {attribute}}, el('span', {class: 'label', text: attribute.replaceAll('_', ' ')}), ' ', el('span', {text: value}));
}

function number(v, unit) {
  if (typeof v !== 'number') return '—';
  return (Math.round(v * 10) / 10) + (unit ? ' ' + unit : '');
}

function toggle(d) {
  const on = d.attributes.state?.value === 'ON';
  return el('button', {type: 'button', class: 'toggle ' + (on ? 'on' : 'off'), 'aria-pressed': on ? 'true' : 'false',
    text: on ? 'ON' : 'OFF', onclick: () => command(d, {state: on ? 'OFF' : 'ON'})});
}

function slider(d, attribute) {
  const a = d.attributes[attribute];
  if (!a) return null;
  return el('label', {class: 'slider'}, attribute,
      el('input', {type: 'range', min: a.min ?? 0, max: a.max ?? 254, value: a.value ?? 0, dataset: {attribute},
        onchange: e => command(d, {[attribute]: Number(e.target.value)})}));
}

function setpoint(d) {
  const a = d.attributes.occupied_heating_setpoint;
  if (!a) return null;
  return el('label', {class: 'setpoint'}, 'target °C ',
      el('input', {type: 'number', step: '0.5', min: a.min ?? 5, max: a.max ?? 35, value: a.value ?? '',
        dataset: {attribute: 'occupied_heating_setpoint'},
        onchange: e => command(d, {occupied_heating_setpoint: Number(e.target.value)})}));
}

function mode(d) {
  const a = d.attributes.system_mode;
  if (!a) return null;
  return el('label', {class: 'mode'}, 'mode ',
      el('select', {dataset: {attribute: 'system_mode'}, onchange: e => command(d, {system_mode: e.target.value})},
          (a.options || []).map(o => el('option', {value: o, selected: o === a.value, text: o}))));
}

function chartButtons(d, attributes) {
  const present = attributes.filter(name => d.attributes[name] && SENSOR_KINDS.has(d.kind) || d.attributes[name]?.type === 'number');
  return el('div', {class: 'chart-buttons'}, present.map(name =>
      el('button', {type: 'button', class: 'quiet chart-button', dataset: {attribute: name}, text: 'history: ' + name.replaceAll('_', ' '),
        onclick: e => toggleChart(e.target.closest('.card'), d, name, allDevices())})));
}

async function command(d, set) {
  try {
    await post('/api/devices/' + encodeURIComponent(d.id) + '/command', {set});
  } catch (e) {
    showError(d.id + ': ' + e.message);
  }
}
