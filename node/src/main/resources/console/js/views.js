// Keys and usage plans, live metrics, and the cluster.
import { call, seg } from './api.js';
import { h, say, errorBox, table, lineChart, barChart, time } from './ui.js';

export async function keys(view) {
  const [keyList, plans] = await Promise.all([call('GET', '/apikeys', { query: { limit: 500 } }),
    call('GET', '/usageplans', { query: { limit: 500 } })]);
  const keyNames = Object.fromEntries((keyList.item || []).map(k => [k.id, k.name]));
  view.append(h('h2', null, 'API keys'), table('API keys (values hidden until asked)',
    ['Name', 'ID', 'Enabled', 'Created', 'Value'], (keyList.item || []).map(k => {
      const value = h('code', { class: 'secret' }, '••••••••');
      const button = h('button', { type: 'button', 'aria-pressed': 'false', onclick: async () => {
        if (button.getAttribute('aria-pressed') === 'true') {
          value.textContent = '••••••••';
          button.setAttribute('aria-pressed', 'false');
          button.textContent = 'Show value';
          return;
        }
        try {
          const full = await call('GET', `/apikeys/${seg(k.id)}`, { query: { includeValue: 'true' } });
          value.textContent = full.value;
          button.setAttribute('aria-pressed', 'true');
          button.textContent = 'Hide value';
        } catch (e) {
          say(e, true);
        }
      } }, 'Show value');
      return [k.name, h('code', null, k.id), k.enabled ? 'yes' : 'no', k.createdDate ? time(k.createdDate * 1000) : '',
        h('span', null, value, ' ', button)];
    })));
  const usage = h('div', { id: 'usage', 'aria-live': 'polite' });
  view.append(h('h2', null, 'Usage plans'), table('Usage plans', ['Name', 'Throttle', 'Quota', 'Stages', 'Usage'],
    (plans.item || []).map(p => [p.name,
      p.throttle ? `${p.throttle.rateLimit ?? '—'} req/s, burst ${p.throttle.burstLimit ?? '—'}` : 'none',
      p.quota ? `${p.quota.limit} per ${p.quota.period.toLowerCase()}` : 'none',
      (p.apiStages || []).map(s => `${s.apiId}/${s.stage}`).join(', '),
      h('button', { type: 'button', onclick: () => showUsage(p, keyNames, usage) }, `Usage of ${p.name}`)])), usage);
}

async function showUsage(plan, keyNames, target) {
  const end = new Date();
  const start = new Date(end.getTime() - 13 * 86400000);
  const day = d => d.toISOString().slice(0, 10);
  target.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const u = await call('GET', `/usageplans/${seg(plan.id)}/usage`, { query: { startDate: day(start), endDate: day(end) } });
    const charts = Object.entries(u.values || u.items || {}).map(([keyId, days]) => barChart({
      title: `Requests per day, key ${keyNames[keyId] || keyId}`, unit: 'requests',
      bars: days.map((d, i) => ({ label: day(new Date(start.getTime() + i * 86400000)).slice(5), value: d[0] })),
    }));
    target.replaceChildren(h('h3', null, `Usage of ${plan.name}, ${u.startDate} to ${u.endDate}`),
      charts.length ? charts : h('p', null, 'No key of this plan has usage in these days.'));
  } catch (e) {
    target.replaceChildren(errorBox(e));
  }
}

export async function metrics(view) {
  const names = {};
  await Promise.all([
    call('GET', '/restapis', { query: { limit: 500 } }).then(r => (r.item || []).forEach(a => { names[a.id] = a.name; })),
    call('GET', '/v2/apis', { query: { maxResults: 500 } }).then(r => (r.items || []).forEach(a => { names[a.apiId] = a.name; }))
      .catch(() => {}),
  ]);
  const body = h('div', { id: 'metrics-body' });
  const updated = h('p', { class: 'muted', id: 'metrics-updated' });
  view.append(h('h2', null, 'Live metrics'),
    h('p', { class: 'muted' }, 'Per API and stage over the last 15 minutes, as this node\'s metrics record them; '
      + 'refreshed every 5 seconds.'), updated, body);
  let stopped = false;
  async function refresh() {
    try {
      const m = await call('GET', '/gateway/metrics');
      const to = Date.parse(m.now);
      const from = to - m.windowSeconds * 1000;
      updated.textContent = 'Updated ' + new Date(to).toLocaleTimeString();
      const line = (label, points, field) => ({ label, points: points.filter(p => p[field] !== undefined)
        .map(p => [Date.parse(p.at), p[field]]) });
      body.replaceChildren(...(m.series.length ? m.series.map(series => {
        const p = series.points;
        const perSecond = field => p.map(x => ({ at: x.at, v: x.requests ? x[field] * x.requestsPerSecond / x.requests : 0 }));
        const rate = field => ({ label: field, points: perSecond(field).map(x => [Date.parse(x.at), x.v]) });
        const total = p.reduce((n, x) => n + x.requests, 0);
        const charts = [
          lineChart({ title: 'Requests', unit: 'per second', from, to, series: [line('requests/s', p, 'requestsPerSecond'),
            rate('4XXError'), rate('5XXError')] }),
          lineChart({ title: 'Latency', unit: 'ms', from, to, series: [line('p50', p, 'latencyP50'), line('p99', p, 'latencyP99')] }),
        ];
        if (p.some(x => x.connects || x.messages)) {
          charts.push(lineChart({ title: 'WebSocket', unit: 'per tick', from, to,
            series: [line('connects', p, 'connects'), line('messages', p, 'messages')] }));
        }
        return h('section', { class: 'card series', 'aria-label': `${names[series.apiId] || series.apiId} ${series.stage}`,
          'data-api': series.apiId, 'data-stage': series.stage, 'data-requests': total },
        h('h3', null, `${names[series.apiId] || series.apiId} / ${series.stage}`, ' ',
          h('small', { class: 'muted' }, `${series.apiId} · ${total} requests in 15 min`)), h('div', { class: 'charts' }, charts));
      }) : [h('p', null, 'No API traffic in the last 15 minutes.')]));
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
    if (!stopped) {
      timer = setTimeout(refresh, 5000);
    }
  }
  let timer;
  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export async function cluster(view) {
  const c = await call('GET', '/gateway/cluster');
  view.append(h('h2', null, 'Cluster'),
    h('p', null, 'This node: ', h('code', null, c.self), ' · leader: ', h('code', null, c.leader || '—')),
    h('p', { id: 'journal-health' }, 'Journal (Cassandra): ', c.journal.available
      ? h('strong', { class: 'ok' }, c.journal.answered ? 'available' : 'starting')
      : h('strong', { class: 'bad' }, 'not answering: writes are refused')),
    table('Nodes', ['Address', 'Status', 'Reachable', 'Roles', 'Data center'], c.members.map(m => [
      h('code', null, m.address), m.status, m.reachable ? 'yes' : h('strong', { class: 'bad' }, 'no'), m.roles.join(', ') || '—',
      m.dataCenter])),
    table('Shards per node (Cluster Sharding)', ['Entity type', 'Node', 'Shards', 'Entities'], c.sharding.flatMap(t =>
      t.error ? [[t.entityType, '—', h('span', { class: 'bad' }, t.error), '']]
        : t.regions.length ? t.regions.map(r => [t.entityType, h('code', null, r.address), r.shards, r.entities])
          : [[t.entityType, '—', 0, 0]])));
}
