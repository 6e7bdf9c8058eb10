// Time ranges of the logbook in the gateway's zone (the one the whole dashboard shows): the last hour, day or week,
// last night (20:00 to 08:00), or a custom range typed as the gateway's wall-clock times.
import {zoneName} from './dom.js';

const HOUR = 3600 * 1000;
const NIGHT_STARTS = 20;
const NIGHT_ENDS = 8;

/** {from: Date, to: Date, live} for a preset at {@code now} (ms); null for a custom range not (well) filled in. */
export function rangeOf(preset, now, customFrom, customTo) {
  switch (preset) {
    case 'hour': return last(now, HOUR);
    case 'week': return last(now, 7 * 24 * HOUR);
    case 'night': return lastNight(now);
    case 'custom': return custom(customFrom, customTo, now);
    default: return last(now, 24 * HOUR);
  }
}

function last(now, span) {
  // A second ahead, so that an entry of this very moment is inside.
  return {from: new Date(now - span), to: new Date(now + 1000), live: true};
}

/** From 20:00 yesterday to 08:00 today (still going on before 08:00), on the gateway's calendar. */
function lastNight(now) {
  const today = wallDate(now);
  const end = instantAt(today, NIGHT_ENDS);
  return {from: new Date(instantAt(dayBefore(today), NIGHT_STARTS)), to: new Date(end), live: end > now};
}

function custom(fromText, toText, now) {
  const from = parseLocal(fromText);
  const to = parseLocal(toText);
  if (from === null || to === null || from >= to) return null;
  return {from: new Date(from), to: new Date(to), live: to > now};
}

/** "2026-12-06T20:00" (an input of type datetime-local) in the gateway's zone → ms; null if not such a text. */
function parseLocal(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text || '');
  if (!m) return null;
  return instantAt({year: +m[1], month: +m[2], day: +m[3]}, +m[4], +m[5]);
}

/** The calendar date of an instant in the gateway's zone. */
function wallDate(ms) {
  const parts = partsOf(ms);
  return {year: parts.year, month: parts.month, day: parts.day};
}

function dayBefore(date) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}

/** The instant a wall clock in the gateway's zone shows {@code hour:minute} on {@code date}. */
function instantAt(date, hour, minute = 0) {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The zone's offset at a first guess, then again at the result (a change of daylight-saving time between them).
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return guess;
}

function offsetAt(ms) {
  const p = partsOf(ms);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

function partsOf(ms) {
  const parts = new Intl.DateTimeFormat('en-US', {timeZone: zoneName(), hourCycle: 'h23', year: 'numeric', month: 'numeric',
    day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'}).formatToParts(new Date(ms));
  const out = {};
  for (const part of parts) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}
