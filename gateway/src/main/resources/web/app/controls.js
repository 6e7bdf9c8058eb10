// One control per writable attribute, chosen by its type (toggle, slider or number with its unit, select, colour,
// text), each with an update(value) that patches it in place: a live change never replaces a focused control.
import {el} from './dom.js';
import {hexFromColour, colourFromHex, isColour} from './colour.js';

/** Two-state attributes drawn as one toggle: booleans and ON/OFF enums (a light's state). */
export function isBinary(a) {
  return a.type === 'boolean' || (a.type === 'enum' && onOff(a.options));
}

function onOff(options = []) {
  const upper = options.map(o => String(o).toUpperCase());
  return upper.length === 2 && upper.includes('ON') && upper.includes('OFF');
}

function isOn(a, value) {
  return a.type === 'boolean' ? value === true : String(value).toUpperCase() === 'ON';
}

/** The control for a writable attribute: {node, update(value)}; send(value) commands the device. */
export function control(device, name, a, send) {
  if (isBinary(a)) return toggle(device, name, a, send);
  if (isColour(a)) return colour(device, name, a, send);
  // A write-only number (a light's transition) is an input for commands: no slider, no value it could show.
  if (a.type === 'number') return Number.isFinite(a.min) && Number.isFinite(a.max) && a.reported !== false
      ? slider(device, name, a, send) : number(device, name, a, send);
  if (a.type === 'enum') return a.reported === false ? actions(device, name, a, send) : select(device, name, a, send);
  if (a.type === 'text') return text(device, name, a, send);
  return json(device, name, a, send);
}

/** "Hallway ceiling light" for its state, "Hallway ceiling light brightness" for the rest. */
export function subject(device, name) {
  const who = device.name || device.id;
  return name === 'state' ? who : who + ' ' + words(name);
}

export function words(name) {
  return name.replaceAll('_', ' ');
}

function toggle(device, name, a, send) {
  const button = el('button', {type: 'button', class: 'toggle', dataset: {attribute: name}});
  const update = value => {
    const unknown = value === null || value === undefined;
    const on = isOn(a, value);
    // No state reported yet: said in words, and a press turns it on (the device's report then tells the truth).
    const shown = unknown ? 'unknown' : a.type === 'boolean' ? (on ? 'ON' : 'OFF') : String(value);
    button.textContent = shown;
    button.className = 'toggle ' + (unknown ? 'unknown' : on ? 'on' : 'off');
    button.setAttribute('aria-pressed', unknown ? 'mixed' : on ? 'true' : 'false');
    button.setAttribute('aria-label', subject(device, name) + ': ' + (unknown ? 'state unknown, press to turn on' : shown));
    button.title = unknown ? 'No state reported yet; pressing turns it on' : '';
    button.dataset.value = on ? 'on' : 'off';
  };
  button.addEventListener('click', () => {
    const on = button.dataset.value === 'on';
    if (a.type === 'boolean') send(!on);
    else send(a.options.find(o => String(o).toUpperCase() === (on ? 'OFF' : 'ON')));
  });
  const node = name === 'state' ? button : el('div', {class: 'control'}, el('span', {class: 'label', text: words(name)}), button);
  update(a.value);
  return {node, update};
}

/** Range steps: whole units over wide ranges, finer over narrow ones (a setpoint from 5 to 35 in halves). */
export function step(a) {
  if (Number.isFinite(a.step)) return a.step;
  const span = a.max - a.min;
  return span > 100 ? 1 : span > 10 ? 0.5 : 0.1;
}

function slider(device, name, a, send) {
  const unit = a.unit ? ' ' + a.unit : '';
  const output = el('output', {class: 'value'});
  const input = el('input', {type: 'range', min: a.min, max: a.max, step: step(a), dataset: {attribute: name}});
  const update = value => {
    if (typeof value === 'number' && document.activeElement !== input) input.value = value;
    output.textContent = typeof value === 'number' ? value + unit : '—';
    input.setAttribute('aria-label', subject(device, name) + (unit ? ' (' + a.unit + ')' : ''));
    input.setAttribute('aria-valuetext', output.textContent);
  };
  input.addEventListener('input', () => { output.textContent = input.value + unit; });
  keepLatest(input, update, a);
  input.addEventListener('change', () => send(Number(input.value)));
  update(a.value);
  return {node: el('label', {class: 'slider'}, el('span', {class: 'label', text: words(name)}), input, output), update};
}

function number(device, name, a, send) {
  const writeOnly = a.reported === false;
  const input = el('input', {type: 'number', step: Number.isFinite(a.step) ? a.step : 'any', min: a.min, max: a.max, dataset: {attribute: name},
    placeholder: writeOnly ? 'send' : undefined,
    'aria-label': subject(device, name) + (a.unit ? ' (' + a.unit + ')' : '') + (writeOnly ? ', sent when changed' : '')});
  const update = value => {
    if (!writeOnly && document.activeElement !== input) input.value = typeof value === 'number' ? value : '';
  };
  input.addEventListener('change', () => { if (input.value !== '' && input.checkValidity()) send(Number(input.value)); });
  keepLatest(input, update, a);
  update(a.value);
  return {node: el('label', {class: 'number'}, el('span', {class: 'label', text: words(name)}), input, a.unit ? ' ' + a.unit : null), update};
}

function select(device, name, a, send) {
  const box = el('select', {dataset: {attribute: name}, 'aria-label': subject(device, name)},
      (a.options || []).map(o => el('option', {value: o, text: words(String(o))})));
  const update = value => {
    if (document.activeElement !== box) box.value = value ?? '';
  };
  box.addEventListener('change', () => send(box.value));
  keepLatest(box, update, a);
  update(a.value);
  return {node: el('label', {class: 'select'}, el('span', {class: 'label', text: words(name)}), box), update};
}

/** A write-only choice (a timer's start/pause/cancel): one button per option, nothing to show as current. */
function actions(device, name, a, send) {
  const buttons = (a.options || []).map(o => el('button', {type: 'button', class: 'action', text: words(String(o)),
    'aria-label': subject(device, name) + ': ' + words(String(o)), onclick: () => send(o)}));
  return {node: el('div', {class: 'control actions', role: 'group', 'aria-label': subject(device, name), dataset: {attribute: name}},
      el('span', {class: 'label', text: words(name)}), buttons), update: () => {}};
}

function text(device, name, a, send) {
  const input = el('input', {type: 'text', maxlength: 4096, dataset: {attribute: name}, 'aria-label': subject(device, name)});
  const update = value => {
    if (document.activeElement !== input) input.value = value ?? '';
  };
  input.addEventListener('change', () => send(input.value));
  keepLatest(input, update, a);
  update(a.value);
  return {node: el('label', {class: 'text'}, el('span', {class: 'label', text: words(name)}), input), update};
}

function colour(device, name, a, send) {
  // A write-only colour word (xy, hs, rgb) is the light's colour as far as a person is concerned.
  const label = a.reported === false ? 'colour' : name;
  const input = el('input', {type: 'color', dataset: {attribute: name}, 'aria-label': subject(device, label)});
  const update = value => {
    const hex = hexFromColour(value);
    if (hex && document.activeElement !== input) input.value = hex;
    input.dataset.value = JSON.stringify(value ?? null);
  };
  input.addEventListener('change', () => send(colourFromHex(input.value, JSON.parse(input.dataset.value || 'null'), a)));
  update(a.value);
  return {node: el('label', {class: 'colour'}, el('span', {class: 'label', text: words(label)}), input), update};
}

/** A composite value of a kind this page does not know: edited as JSON, sent as the object it is. */
function json(device, name, a, send) {
  const input = el('input', {type: 'text', class: 'json', dataset: {attribute: name}, 'aria-label': subject(device, name) + ' (JSON)'});
  const update = value => {
    if (document.activeElement !== input) input.value = value === null || value === undefined ? '' : JSON.stringify(value);
  };
  input.addEventListener('change', () => {
    try {
      send(JSON.parse(input.value));
      input.setCustomValidity('');
    } catch (e) {
      input.setCustomValidity('not JSON: ' + e.message);
      input.reportValidity();
    }
  });
  update(a.value);
  return {node: el('label', {class: 'text'}, el('span', {class: 'label', text: words(name)}), input), update};
}

/**
 * A focused control is not overwritten by live values (the user is choosing); when focus leaves, it shows the latest
 * one the device reported. {@code a} is the attribute object the live stream updates.
 */
function keepLatest(input, update, a) {
  input.addEventListener('blur', () => update(a.value));
}

/** A value as short readable text: numbers rounded with their unit, objects as "x 0.3, y 0.4", never "{...}". */
export function describe(value, unit = '') {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return (Math.round(value * 10) / 10) + (unit ? ' ' + unit : '');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(v => describe(v)).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => words(k) + ' ' + nested(v)).join(', ');
  return String(value);
}

function nested(v) {
  return v !== null && typeof v === 'object' ? '(' + describe(v) + ')' : describe(v);
}
