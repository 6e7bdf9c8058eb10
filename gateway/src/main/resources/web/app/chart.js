// History charts with uPlot (served from its WebJar) of one numeric or two-state attribute over a chosen range
// (1 h, 24 h, 7 d or custom, by the gateway's clock and zone), with the periods when a thermostat in the same room
// was heating shaded, and in words below it: min, max and last, for those who cannot see the chart.
import {el, showError, when, zoneName} from './dom.js';
import {get} from './api.js';
import {describe, isBinary, subject, words} from './controls.js';

const HOUR_MS = 3600 * 1000;
const RANGES = [['1 h', HOUR_MS], ['24 h', 24 * HOUR_MS], ['7 d', 7 * 24 * HOUR_MS]];

export async function toggleChart(card, device, attribute, devices) {
  const existing = card.querySelector('.chart');
  if (existing) {
    existing.remove();
    if (existing.dataset.attribute === attribute) return;
  }
  const plot = el('div', {class: 'plot'});
  const box = el('div', {class: 'chart', dataset: {attribute}}, rangePicker(range => show(plot, device, attribute, devices, range)), plot);
  card.append(box);
  await show(plot, device, attribute, devices, {span: 24 * HOUR_MS});
}

function rangePicker(choose) {
  const from = el('input', {type: 'datetime-local', class: 'from', 'aria-label': 'from (' + zoneName() + ')'});
  const to = el('input', {type: 'datetime-local', class: 'to', 'aria-label': 'to (' + zoneName() + ')'});
  const custom = el('span', {class: 'custom', hidden: true}, from, ' – ', to,
      el('button', {type: 'button', class: 'quiet', text: 'show', onclick: () => {
        if (from.value && to.value) choose({from: instant(from.value), to: instant(to.value)});
      }}));
  const buttons = RANGES.map(([label, span]) => el('button', {type: 'button', class: 'quiet range-button', text: label,
    'aria-pressed': span === 24 * HOUR_MS ? 'true' : 'false', onclick: e => { press(e.target); custom.hidden = true; choose({span}); }}));
  buttons.push(el('button', {type: 'button', class: 'quiet range-button', text: 'custom', 'aria-pressed': 'false',
    onclick: e => { press(e.target); custom.hidden = false; from.focus(); }}));
  return el('div', {class: 'range', role: 'group', 'aria-label': 'Time range'}, buttons, custom);
}

function press(button) {
  for (const b of button.parentElement.querySelectorAll('.range-button')) b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
}

/** A datetime-local value read in the gateway's zone (not the browser's): the instant, ISO-8601. */
function instant(local) {
  const guess = Date.parse(local + (local.length === 16 ? ':00Z' : 'Z'));
  return new Date(guess - offset(guess)).toISOString();
}

function offset(at) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {timeZone: zoneName(), hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'}).formatToParts(new Date(at)).map(p => [p.type, p.value]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(at / 1000) * 1000;
}

async function show(plot, device, attribute, devices, range) {
  try {
    // The gateway's clock decides "the last hour": in the demo it runs a scenario's accelerated time.
    if (range.span) {
      const clock = await get('/api/clock');
      const to = Date.parse(clock.now) + 1000;
      range = {from: new Date(to - range.span).toISOString(), to: new Date(to).toISOString()};
    }
    const query = '&from=' + encodeURIComponent(range.from) + '&to=' + encodeURIComponent(range.to);
    const history = await get('/api/devices/' + encodeURIComponent(device.id) + '/history?attribute=' + encodeURIComponent(attribute) + query);
    const from = Date.parse(history.from);
    const to = Date.parse(history.to);
    const a = device.attributes[attribute];
    const points = (history.history[attribute] || []).map(([at, v]) => [at, plotted(a, v)]).filter(p => p[1] !== null);
    withCurrentValue(points, a, from, to);
    const heating = await heatingPeriods(device, devices, query, from, to);
    draw(plot, device, attribute, points, heating, from, to);
  } catch (e) {
    plot.replaceChildren();
    showError('history of ' + device.id + '.' + attribute + ': ' + e.message);
  }
}

/** Numbers as they are; two-state values as 1 and 0. */
function plotted(a, v) {
  if (typeof v === 'number') return v;
  if (!isBinary(a)) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'string' ? (v.toUpperCase() === 'ON' ? 1 : 0) : null;
}

/**
 * History reaches the database every history.commit_interval (5 s by default): the value the card shows is drawn
 * too, as Home Assistant's graphs end at the current state, so a chart opened right after a report is not empty.
 */
function withCurrentValue(points, current, from, to) {
  const changed = current ? Date.parse(current.lastChanged) : NaN;
  const value = current ? plotted(current, current.value) : null;
  if (value === null || !(changed >= from) || changed > to) return;
  if (!points.length || changed > points[points.length - 1][0]) points.push([changed, value]);
}

/** [startMillis, endMillis] periods in which a thermostat of the device's room reported running_state heat. */
async function heatingPeriods(device, devices, query, from, to) {
  const thermostats = devices.filter(d => d.kind === 'thermostat' && (d.id === device.id || (d.room && d.room === device.room)));
  const periods = [];
  for (const t of thermostats) {
    const h = await get('/api/devices/' + encodeURIComponent(t.id) + '/history?attribute=running_state' + query);
    let start = null;
    for (const [at, value] of h.history.running_state || []) {
      if (value === 'heat' && start === null) start = at;
      if (value !== 'heat' && start !== null) { periods.push([start, at]); start = null; }
    }
    if (start === null && t.attributes.running_state?.value === 'heat' && !(h.history.running_state || []).length) start = from;
    if (start !== null) periods.push([start, to]);
  }
  return periods;
}

function draw(plot, device, attribute, points, heating, from, to) {
  const a = device.attributes[attribute] || {};
  const span = when(new Date(from).toISOString()) + ' to ' + when(new Date(to).toISOString()) + ' (' + zoneName() + ')';
  if (!points.length) {
    plot.replaceChildren(el('p', {class: 'hint', text: 'No ' + words(attribute) + ' recorded from ' + span + '.'}));
    return;
  }
  const unit = a.unit || '';
  // A step line: a value holds until its next report; extend the last one to the end of the range.
  const xs = points.map(p => p[0] / 1000).concat([to / 1000]);
  const ys = points.map(p => p[1]).concat([points[points.length - 1][1]]);
  const summary = summarize(device, attribute, a, points.map(p => p[1]), span);
  const canvas = el('div', {class: 'canvas', role: 'img', 'aria-label': summary});
  plot.replaceChildren(canvas, el('p', {class: 'chart-summary', text: summary}));
  const width = Math.max(240, plot.clientWidth || plot.parentElement.clientWidth - 24);
  const style = getComputedStyle(document.body);
  const options = {
    width,
    height: 180,
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), zoneName()),
    scales: {x: {time: true, min: from / 1000, max: to / 1000}},
    legend: {show: true},
    series: [{}, {label: words(attribute) + (unit ? ' (' + unit + ')' : ''), stroke: style.getPropertyValue('--accent').trim() || '#c2410c', width: 2,
      paths: uPlot.paths.stepped({align: 1})}],
    axes: [{stroke: style.color}, {size: 50, stroke: style.color}],
    hooks: {drawClear: [u => shade(u, heating)]},
  };
  new uPlot(options, [xs, ys], canvas);
  if (heating.length) plot.append(el('p', {class: 'legend-heating', text: 'shaded: heating'}));
}

/** The chart in words: "Living room temperature from … to …: min 19 °C, max 20.3 °C, last 20.3 °C." */
function summarize(device, attribute, a, values, span) {
  const last = values[values.length - 1];
  if (isBinary(a)) {
    const on = values.filter(v => v === 1).length;
    return subject(device, attribute) + ' from ' + span + ': ' + values.length + ' changes, ' + on + ' to on; now ' + (last ? 'on' : 'off') + '.';
  }
  return subject(device, attribute) + ' from ' + span + ': min ' + describe(Math.min(...values), a.unit)
      + ', max ' + describe(Math.max(...values), a.unit) + ', last ' + describe(last, a.unit) + '.';
}

function shade(u, periods) {
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = 'rgba(255, 120, 40, 0.15)';
  for (const [start, end] of periods) {
    const x0 = u.valToPos(start / 1000, 'x', true);
    const x1 = u.valToPos(end / 1000, 'x', true);
    ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
  }
  ctx.restore();
}
