// The event log: every live event, newest first, filtered by type and by text.
import {el, time} from './dom.js';

const MAX_EVENTS = 500;
const events = [];

export function logEvent(type, data) {
  events.unshift({type, data, text: describe(type, data)});
  if (events.length > MAX_EVENTS) events.pop();
  render();
}

export function setUpFilters() {
  document.getElementById('event-type').addEventListener('change', render);
  document.getElementById('event-filter').addEventListener('input', render);
}

function render() {
  const type = document.getElementById('event-type').value;
  const filter = document.getElementById('event-filter').value.trim().toLowerCase();
  const shown = events.filter(e => (!type || e.type === type) && (!filter || e.text.toLowerCase().includes(filter)));
  document.getElementById('events').replaceChildren(...shown.map(e =>
      el('li', {class: 'event ' + e.type, dataset: {type: e.type}},
          el('time', {text: time(e.data.at || e.data.since)}), ' ',
          el('span', {class: 'kind', text: e.type}), ' ',
          el('span', {class: 'what', text: e.text}))));
}

function describe(type, d) {
  switch (type) {
    case 'state': return d.device + '.' + d.attribute + ': ' + show(d.previous) + ' → ' + show(d.value);
    case 'availability': return d.device + ' is ' + d.current;
    case 'automation': return d.automation + ' ' + String(d.outcome || '').replaceAll('_', ' ') + (d.trigger ? ' (' + show(d.trigger) + ')' : '');
    case 'connection': return d.connected ? 'connected to ' + (d.broker || 'the broker') : 'broker link down' + (d.reason ? ': ' + d.reason : '');
    default: return JSON.stringify(d);
  }
}

function show(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
