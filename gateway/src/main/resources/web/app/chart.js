// History charts with uPlot (served from its WebJar): the last 24 hours of one numeric attribute,
// with the periods when a thermostat in the same room was heating shaded.
import {el, showError} from './dom.js';
import {get} from './api.js';

const DAY_MS = 24 * 3600 * 1000;

export async function toggleChart(card, device, attribute, devices) {
  const existing = card.querySelector('.chart');
  if (existing) {
    existing.remove();
    if (existing.dataset.attribute === attribute) return;
  }
  const box = el('div', {class: 'chart', dataset: {attribute}});
  card.append(box);
  try {
    // The gateway's clock decides "the last 24 hours": in the demo it runs a scenario's accelerated time.
    const history = await get('/api/devices/' + encodeURIComponent(device.id) + '/history?attribute=' + encodeURIComponent(attribute));
    const from = Date.parse(history.from);
    const to = Date.parse(history.to);
    const range = '&from=' + history.from + '&to=' + history.to;
    const points = (history.history[attribute] || []).filter(p => typeof p[1] === 'number');
    withCurrentValue(points, device.attributes[attribute], from);
    const heating = await heatingPeriods(device, devices, range, to);
    draw(box, device, attribute, points, heating, from, to);
  } catch (e) {
    box.remove();
    showError('history of ' + device.id + '.' + attribute + ': ' + e.message);
  }
}

/**
 * History reaches the database every history.commit_interval (5 s by default): the value the card shows is drawn
 * too, as Home Assistant's graphs end at the current state, so a chart opened right after a report is not empty.
 */
function withCurrentValue(points, current, from) {
  const changed = current ? Date.parse(current.lastChanged) : NaN;
  if (typeof current?.value !== 'number' || !(changed >= from)) return;
  if (!points.length || changed > points[points.length - 1][0]) points.push([changed, current.value]);
}

/** [startMillis, endMillis] periods in which a thermostat of the device's room reported running_state heat. */
async function heatingPeriods(device, devices, range, now) {
  const thermostats = devices.filter(d => d.kind === 'thermostat' && (d.id === device.id || (d.room && d.room === device.room)));
  const periods = [];
  for (const t of thermostats) {
    const h = await get('/api/devices/' + encodeURIComponent(t.id) + '/history?attribute=running_state' + range);
    let start = null;
    for (const [at, value] of h.history.running_state || []) {
      if (value === 'heat' && start === null) start = at;
      if (value !== 'heat' && start !== null) { periods.push([start, at]); start = null; }
    }
    if (start === null && t.attributes.running_state?.value === 'heat' && !(h.history.running_state || []).length) start = now - DAY_MS;
    if (start !== null) periods.push([start, now]);
  }
  return periods;
}

function draw(box, device, attribute, points, heating, from, to) {
  if (!points.length) {
    box.append(el('p', {class: 'hint', text: 'No ' + attribute.replaceAll('_', ' ') + ' recorded in the last 24 hours.'}));
    return;
  }
  const unit = device.attributes[attribute]?.unit || '';
  // A step line: a sensor's value holds until its next report; extend the last one to now.
  const xs = points.map(p => p[0] / 1000).concat([to / 1000]);
  const ys = points.map(p => p[1]).concat([points[points.length - 1][1]]);
  const width = Math.max(240, box.clientWidth || box.parentElement.clientWidth - 24);
  const options = {
    width,
    height: 180,
    scales: {x: {time: true, min: from / 1000, max: to / 1000}},
    legend: {show: true},
    series: [{}, {label: attribute.replaceAll('_', ' ') + (unit ? ' (' + unit + ')' : ''), stroke: '#d9480f', width: 2,
      paths: uPlot.paths.stepped({align: 1})}],
    axes: [{}, {size: 50}],
    hooks: {drawClear: [u => shade(u, heating)]},
  };
  new uPlot(options, [xs, ys], box);
  if (heating.length) box.append(el('p', {class: 'legend-heating', text: 'shaded: heating'}));
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
