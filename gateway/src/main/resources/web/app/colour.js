// Colours as devices report them (CIE xy as Zigbee2MQTT's color.x/y, hue/saturation, or r/g/b) to and from the
// #rrggbb of <input type=color>; a command is sent in the form the device reported (xy stays xy).

/** A colour attribute: its type says so, its value has the shape of one, or its members do. */
export function isColour(a) {
  return /colou?r/i.test(a.type || '') || form(a.value) !== null || declared(a) !== null;
}

/**
 * The colour attributes among {@code names} that get a control: the ones the device reports; only when it reports
 * none, the first write-only one (a light's xy, hs and rgb words are three spellings of what one control sends).
 */
export function colourControls(names, attributes) {
  const colours = names.filter(name => isColour(attributes[name]));
  const reported = colours.filter(name => attributes[name].reported !== false);
  return reported.length ? reported : colours.slice(0, 1);
}

/** The form a composite's members declare, so a colour light that has not reported yet gets a colour control too. */
function declared(a) {
  const m = a.members || {};
  if ('x' in m && 'y' in m) return 'xy';
  if ('hue' in m && 'saturation' in m) return 'hs';
  if ('r' in m && 'g' in m && 'b' in m) return 'rgb';
  return null;
}

function form(v) {
  if (v === null || typeof v !== 'object') return null;
  if (typeof v.x === 'number' && typeof v.y === 'number') return 'xy';
  if (typeof v.hue === 'number' && typeof v.saturation === 'number') return 'hs';
  if (typeof v.r === 'number' && typeof v.g === 'number' && typeof v.b === 'number') return 'rgb';
  return null;
}

export function hexFromColour(v) {
  switch (form(v)) {
    case 'xy': return hex(rgbFromXy(v.x, v.y));
    case 'hs': return hex(rgbFromHsv(v.hue, v.saturation / 100, 1));
    case 'rgb': return hex([v.r, v.g, v.b]);
    default: return null;
  }
}

/**
 * The picked colour in the form of the last reported value, else the one the attribute declares (xy when neither is
 * known: what Zigbee lights take).
 */
export function colourFromHex(text, last, a = {}) {
  const rgb = [1, 3, 5].map(i => parseInt(text.slice(i, i + 2), 16));
  switch (form(last) ?? declared(a)) {
    case 'hs': {
      const [h, s] = hsFromRgb(rgb);
      return {hue: Math.round(h), saturation: Math.round(s * 100)};
    }
    case 'rgb': return {r: rgb[0], g: rgb[1], b: rgb[2]};
    default: {
      const [x, y] = xyFromRgb(rgb);
      return {x: Math.round(x * 10000) / 10000, y: Math.round(y * 10000) / 10000};
    }
  }
}

function hex(rgb) {
  return '#' + rgb.map(c => Math.max(0, Math.min(255, Math.round(c))).toString(16).padStart(2, '0')).join('');
}

const linear = c => (c /= 255) > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
const gamma = c => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055);

/** sRGB (D65) to CIE 1931 xy. */
function xyFromRgb(rgb) {
  const [r, g, b] = rgb.map(linear);
  const X = r * 0.4124 + g * 0.3576 + b * 0.1805;
  const Y = r * 0.2126 + g * 0.7152 + b * 0.0722;
  const Z = r * 0.0193 + g * 0.1192 + b * 0.9505;
  const sum = X + Y + Z;
  return sum === 0 ? [0.3127, 0.329] : [X / sum, Y / sum];
}

/** CIE xy at full brightness to sRGB. */
function rgbFromXy(x, y) {
  if (y <= 0) return [255, 255, 255];
  const X = x / y;
  const Z = (1 - x - y) / y;
  const lin = [X * 3.2406 - 1 * 1.5372 - Z * 0.4986, -X * 0.9689 + 1.8758 + Z * 0.0415, X * 0.0557 - 0.2040 + Z * 1.0570];
  const max = Math.max(...lin, 1e-6);
  return lin.map(c => gamma(Math.max(0, c) / max));
}

function rgbFromHsv(h, s, v) {
  const f = n => {
    const k = (n + h / 60) % 6;
    return 255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1)));
  };
  return [f(5), f(3), f(1)];
}

function hsFromRgb(rgb) {
  const [r, g, b] = rgb.map(c => c / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  let h = 0;
  if (d > 0) h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [(h * 60 + 360) % 360, max === 0 ? 0 : d / max];
}
