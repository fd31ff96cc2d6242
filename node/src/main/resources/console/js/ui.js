// Small DOM, chart and diff helpers: no framework, no library.
const SVG = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'text') {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** An HTML element: h('button', {onclick: f, class: 'x'}, 'text', child...). */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

/** An SVG element. */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG, tag), attrs, children);

let statusTimer;

/** A message in the polite status line; errors also go to the console log. */
export function say(message, isError) {
  const status = document.getElementById('status');
  status.textContent = String(message);
  status.classList.toggle('error', !!isError);
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { status.textContent = ''; }, isError ? 15000 : 6000);
}

/** An inline error box (role=alert) showing the API's message. */
export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, String(error));
}

export function time(iso) {
  const d = new Date(iso);
  return h('time', { datetime: d.toISOString(), title: d.toISOString() }, d.toLocaleString());
}

export function table(caption, headers, rows, attrs = {}) {
  return h('table', attrs,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows.length ? rows.map(r => h('tr', null, r.map(c => h('td', null, c))))
      : h('tr', null, h('td', { colspan: headers.length, class: 'empty' }, 'None'))));
}

/** Tabs (WAI-ARIA pattern): [{id, label, render(panel)}]; arrow keys move between them. */
export function tabs(label, items, selected = 0) {
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' });
  const panels = h('div');
  const buttons = items.map((item, i) => h('button', {
    role: 'tab', id: 'tab-' + item.id, 'aria-controls': 'panel-' + item.id, type: 'button',
    onclick: () => choose(i),
    onkeydown: e => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        const next = (i + (e.key === 'ArrowRight' ? 1 : items.length - 1)) % items.length;
        choose(next);
        buttons[next].focus();
      }
    },
  }, item.label));
  const panelNodes = items.map(item => h('section', {
    role: 'tabpanel', id: 'panel-' + item.id, 'aria-labelledby': 'tab-' + item.id, tabindex: '0', hidden: true,
  }));
  function choose(i) {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panelNodes[j].hidden = i !== j;
    });
    if (!panelNodes[i].dataset.loaded) {
      panelNodes[i].dataset.loaded = 'yes';
      items[i].render(panelNodes[i]);
    }
  }
  list.append(...buttons);
  panels.append(...panelNodes);
  choose(selected);
  return h('div', null, list, panels);
}

/** Re-renders a tab panel's content (e.g. after a change). */
export async function refill(panel, render) {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const content = await render();
    panel.replaceChildren(...[content].flat());
  } catch (e) {
    panel.replaceChildren(errorBox(e));
  }
}

const COLORS = ['#1f6feb', '#d1242f', '#bf8700', '#8250df', '#1a7f37', '#6e7781'];

/**
 * A line chart of time series over [from, to]: series = [{label, points: [[ms, value]...]}]. Drawn as SVG with an
 * accessible name summarizing the latest values.
 */
export function lineChart({ title, unit, from, to, series, width = 560, height = 170 }) {
  const pad = { l: 48, r: 12, t: 12, b: 24 };
  const w = width - pad.l - pad.r;
  const hh = height - pad.t - pad.b;
  const max = Math.max(1, ...series.flatMap(x => x.points.map(p => p[1])));
  const top = niceCeil(max);
  const x = ms => pad.l + ((ms - from) / Math.max(1, to - from)) * w;
  const y = v => pad.t + hh - (v / top) * hh;
  const latest = series.map(x => `${x.label} ${x.points.length ? round(x.points[x.points.length - 1][1]) : 0}`).join(', ');
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart',
    'aria-label': `${title}, latest: ${latest} ${unit}`,
    'data-points': series.reduce((n, x) => n + x.points.length, 0),
    'data-max': round(max),
  });
  for (let i = 0; i <= 4; i++) {
    const v = (top / 4) * i;
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, round(v)));
  }
  for (let m = 0; m <= 3; m++) {
    const ms = from + ((to - from) / 3) * m;
    svg.append(s('text', { x: x(ms), y: height - 6, 'text-anchor': m === 0 ? 'start' : m === 3 ? 'end' : 'middle',
      class: 'tick' }, new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  }
  series.forEach((line, i) => {
    if (line.points.length === 1) {
      const [ms, v] = line.points[0];
      svg.append(s('circle', { cx: x(ms), cy: y(v), r: 3, fill: COLORS[i % COLORS.length] }));
    } else if (line.points.length > 1) {
      svg.append(s('polyline', { fill: 'none', stroke: COLORS[i % COLORS.length], 'stroke-width': 2,
        points: line.points.map(([ms, v]) => `${x(ms).toFixed(1)},${y(v).toFixed(1)}`).join(' ') }));
    }
  });
  const legend = h('ul', { class: 'legend', 'aria-hidden': 'true' }, series.map((line, i) =>
    h('li', null, s('svg', { width: 12, height: 12 }, s('rect', { width: 12, height: 12, fill: COLORS[i % COLORS.length] })),
      ' ' + line.label)));
  return h('figure', { class: 'chart-box' }, h('figcaption', null, `${title} (${unit})`), svg, legend);
}

/** A bar chart of labelled values (e.g. requests per day). */
export function barChart({ title, unit, bars, width = 560, height = 160 }) {
  const pad = { l: 40, r: 8, t: 10, b: 28 };
  const w = width - pad.l - pad.r;
  const hh = height - pad.t - pad.b;
  const top = niceCeil(Math.max(1, ...bars.map(b => b.value)));
  const bw = w / Math.max(1, bars.length);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart',
    'aria-label': `${title}: ` + bars.map(b => `${b.label} ${b.value}`).join(', ') });
  svg.append(s('text', { x: pad.l - 6, y: pad.t + 8, 'text-anchor': 'end', class: 'tick' }, top),
    s('text', { x: pad.l - 6, y: pad.t + hh, 'text-anchor': 'end', class: 'tick' }, 0));
  bars.forEach((b, i) => {
    const bh = (b.value / top) * hh;
    svg.append(s('rect', { x: pad.l + i * bw + 2, y: pad.t + hh - bh, width: Math.max(1, bw - 4), height: bh,
      fill: COLORS[0] }, s('title', null, `${b.label}: ${b.value} ${unit}`)));
    if (bars.length <= 16) {
      svg.append(s('text', { x: pad.l + i * bw + bw / 2, y: height - 10, 'text-anchor': 'middle', class: 'tick' },
        b.label));
    }
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', null, `${title} (${unit})`), svg);
}

function niceCeil(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * p >= v) {
      return m * p;
    }
  }
  return 10 * p;
}

const round = v => Math.round(v * 100) / 100;

/** Flattens JSON to dotted paths: {a: {b: [1]}} -> {'a.b[0]': 1}. */
export function flatten(value, prefix = '', out = {}) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    if (!value.length && prefix) out[prefix] = '[]';
  } else if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    keys.forEach(k => flatten(value[k], prefix ? `${prefix}.${k}` : k, out));
    if (!keys.length && prefix) out[prefix] = '{}';
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

/** The rows that differ between two JSON values: [{path, from, to, kind}]. */
export function diff(left, right) {
  const a = flatten(left);
  const b = flatten(right);
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return paths.filter(p => a[p] !== b[p]).map(p => ({
    path: p, from: a[p], to: b[p], kind: !(p in a) ? 'added' : !(p in b) ? 'removed' : 'changed',
  }));
}

/** The rows of diff as a table. */
export function diffTable(caption, rows) {
  const counts = ['added', 'changed', 'removed'].map(k => `${rows.filter(r => r.kind === k).length} ${k}`).join(', ');
  const show = v => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return h('div', { class: 'diff' },
    h('p', { class: 'diff-summary' }, rows.length ? counts : 'No differences.'),
    rows.length ? h('table', { class: 'diff-table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ['What', 'Before', 'After'].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.map(r => h('tr', { class: 'diff-' + r.kind },
        h('th', { scope: 'row' }, h('span', { class: 'badge badge-' + r.kind }, r.kind), ' ', h('code', null, r.path)),
        h('td', null, h('code', null, show(r.from))), h('td', null, h('code', null, show(r.to))))))) : null);
}

/** A modal confirmation (<dialog>): resolves true when confirmed. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise(resolve => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', class: 'card' },
      h('h2', { id: 'confirm-title' }, title), h('p', null, text),
      h('form', { method: 'dialog', class: 'row' },
        h('button', { value: 'cancel', type: 'submit' }, 'Cancel'),
        h('button', { value: 'ok', type: 'submit', class: 'danger', id: 'confirm-ok' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Saves text as a file download. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
