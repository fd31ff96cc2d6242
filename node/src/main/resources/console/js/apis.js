// APIs: the list with OpenAPI import, a REST API's resources, stages and history, a v2 API's routes and stages.
import { call, seg } from './api.js';
import { h, say, errorBox, table, tabs, refill, time, diff, diffTable, confirmDialog, download } from './ui.js';

export async function apiList(view) {
  const [rest, v2] = await Promise.all([
    call('GET', '/restapis', { query: { limit: 500 } }),
    call('GET', '/v2/apis', { query: { maxResults: 500 } }).catch(e => ({ error: e })),
  ]);
  const rows = (rest.item || []).map(a => [
    h('a', { href: `#/apis/rest/${encodeURIComponent(a.id)}` }, a.name), 'REST', h('code', null, a.id),
    a.description || '', h('code', null, `/restapis/${a.id}/{stage}/_user_request_/`), time(a.createdDate * 1000)]);
  for (const a of v2.items || []) {
    rows.push([h('a', { href: `#/apis/v2/${encodeURIComponent(a.apiId)}` }, a.name), a.protocolType,
      h('code', null, a.apiId), a.description || '', h('code', null, a.apiEndpoint || ''),
      a.createdDate ? time(a.createdDate) : '']);
  }
  const file = h('input', { type: 'file', id: 'import-file', accept: '.json,.yaml,.yml,application/json' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'row', onsubmit: async e => {
    e.preventDefault();
    result.replaceChildren();
    if (!file.files.length) {
      result.append(errorBox('Choose an OpenAPI file first'));
      return;
    }
    const f = file.files[0];
    try {
      const api = await call('POST', '/restapis', { query: { mode: 'import' }, body: await f.text(),
        contentType: /\.ya?ml$/i.test(f.name) ? 'application/yaml' : 'application/json' });
      say(`Imported ${f.name} as REST API ${api.name} (${api.id})`);
      location.hash = `#/apis/rest/${encodeURIComponent(api.id)}`;
    } catch (err) {
      result.append(errorBox(err));
    }
  } },
  h('label', { for: 'import-file' }, 'OpenAPI file (JSON or YAML)'), file,
  h('button', { type: 'submit', id: 'import-button' }, 'Import as new REST API'));
  view.append(h('h2', null, 'APIs'),
    table('REST, HTTP and WebSocket APIs', ['Name', 'Type', 'ID', 'Description', 'Endpoint', 'Created'], rows,
      { id: 'api-table' }),
    v2.error ? errorBox(v2.error) : null,
    h('section', { class: 'card', 'aria-labelledby': 'import-title' }, h('h3', { id: 'import-title' }, 'Import OpenAPI'),
      form, result));
}

export async function restApi(view, apiId, initialTab) {
  const base = `/restapis/${seg(apiId)}`;
  const api = await call('GET', base);
  view.append(h('p', null, h('a', { href: '#/apis' }, '← APIs')),
    h('h2', null, api.name, ' ', h('small', { class: 'muted' }, `REST API ${api.id}`)),
    api.description ? h('p', null, api.description) : null);
  const names = ['resources', 'stages', 'history'];
  view.append(tabs('REST API sections', [
    { id: 'resources', label: 'Resources', render: panel => refill(panel, () => resources(base)) },
    { id: 'stages', label: 'Stages', render: panel => refill(panel, () => stages(base, apiId, panel)) },
    { id: 'history', label: 'History', render: panel => refill(panel, () => history(base, apiId, panel)) },
  ], Math.max(0, names.indexOf(initialTab))));
}

async function resources(base) {
  const list = (await call('GET', `${base}/resources`, { query: { embed: 'methods', limit: 500 } })).item || [];
  list.sort((a, b) => a.path.localeCompare(b.path));
  const byParent = new Map();
  list.forEach(r => byParent.set(r.parentId || '', [...(byParent.get(r.parentId || '') || []), r]));
  const node = r => h('li', null,
    h('code', { class: 'path' }, r.path),
    h('ul', { class: 'methods' }, Object.values(r.resourceMethods || {}).map(m => {
      const i = m.methodIntegration || {};
      return h('li', null, h('span', { class: 'badge method' }, m.httpMethod), ' → ',
        h('span', null, i.type || 'no integration'), i.uri ? h('code', null, ' ' + i.uri) : '',
        ' · auth ', m.authorizationType + (m.authorizerId ? ` (${m.authorizerId})` : ''),
        m.apiKeyRequired ? ' · API key required' : '', testMethod(base, r, m));
    })),
    (byParent.get(r.id) || []).length ? h('ul', { class: 'tree' }, byParent.get(r.id).map(node)) : null);
  return [h('h3', null, 'Resources and methods'), h('ul', { class: 'tree', id: 'resource-tree' }, (byParent.get('') || []).map(node))];
}

/** "Test a method": TestInvokeMethod against the current definition, showing status, latency, headers, body and log. */
function testMethod(base, r, m) {
  const id = `test-${r.id}-${m.httpMethod}`;
  const path = h('input', { id: `${id}-path`, value: r.path, size: 40 });
  const headers = h('textarea', { id: `${id}-headers`, rows: 2, cols: 40, placeholder: 'Name: value (one per line)' });
  const body = h('textarea', { id: `${id}-body`, rows: 3, cols: 40 });
  const result = h('div', { id: `${id}-result`, 'aria-live': 'polite' });
  const form = h('form', { class: 'row', onsubmit: async e => {
    e.preventDefault();
    result.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
    const multiValueHeaders = {};
    for (const line of headers.value.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) {
        const name = line.slice(0, at).trim();
        (multiValueHeaders[name] = multiValueHeaders[name] || []).push(line.slice(at + 1).trim());
      }
    }
    try {
      const t = await call('POST', `${base}/resources/${seg(r.id)}/methods/${seg(m.httpMethod)}`,
        { body: { pathWithQueryString: path.value || r.path, body: body.value || undefined, multiValueHeaders } });
      result.replaceChildren(
        h('p', null, 'Status ', h('strong', { class: 'test-status' }, String(t.status)), ` · latency ${t.latency} ms`),
        table('Response headers', ['Header', 'Value'],
          Object.entries(t.multiValueHeaders || {}).map(([k, v]) => [k, v.join(', ')])),
        h('h4', null, 'Response body'), h('pre', { class: 'test-body' }, t.body || ''),
        h('details', null, h('summary', null, 'Execution log'), h('pre', null, t.log || '')));
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  } },
  h('label', { for: `${id}-path` }, 'Path and query'), path,
  h('label', { for: `${id}-headers` }, 'Headers'), headers,
  h('label', { for: `${id}-body` }, 'Body'), body,
  h('button', { type: 'submit', id: `${id}-run` }, 'Run test'));
  return h('details', { class: 'test-method' }, h('summary', { id: `${id}-open` }, 'Test'), form, result);
}

async function stages(base, apiId, panel) {
  const [stageList, deployments] = await Promise.all([call('GET', `${base}/stages`),
    call('GET', `${base}/deployments`, { query: { limit: 500 } })]);
  const reload = () => refill(panel, () => stages(base, apiId, panel));
  const out = [h('h3', null, 'Stages')];
  const stageName = h('input', { id: 'deploy-stage', required: true, value: stageList.item?.[0]?.stageName || 'prod' });
  const description = h('input', { id: 'deploy-description' });
  out.push(h('form', { class: 'card row', 'aria-label': 'Deploy', onsubmit: async e => {
    e.preventDefault();
    try {
      const d = await call('POST', `${base}/deployments`, { body: { stageName: stageName.value, description: description.value || undefined } });
      say(`Deployed ${d.id} to stage ${stageName.value}`);
      reload();
    } catch (err) {
      say(err, true);
    }
  } }, h('label', { for: 'deploy-stage' }, 'Stage'), stageName, h('label', { for: 'deploy-description' }, 'Description'),
  description, h('button', { type: 'submit', id: 'deploy-button' }, 'Deploy current definition')));
  for (const st of stageList.item || []) {
    const path = `${base}/stages/${seg(st.stageName)}`;
    const patch = async (ops, done) => {
      try {
        await call('PATCH', path, { body: { patchOperations: ops } });
        say(done);
        reload();
      } catch (err) {
        say(err, true);
      }
    };
    const varName = h('input', { id: `var-name-${st.stageName}`, required: true, pattern: '[A-Za-z0-9_]+' });
    const varValue = h('input', { id: `var-value-${st.stageName}` });
    const all = st.methodSettings?.['*/*'] || {};
    const canary = st.canarySettings;
    const percent = h('input', { id: `canary-${st.stageName}`, type: 'number', min: 0, max: 100, step: 0.1,
      value: canary?.percentTraffic ?? 0 });
    const exportStage = async () => {
      try {
        const text = await call('GET', `${path}/exports/oas30`, { query: { extensions: 'apigateway' },
          accept: 'application/json', text: true });
        download(`${apiId}-${st.stageName}-oas30.json`, text, 'application/json');
      } catch (err) {
        say(err, true);
      }
    };
    out.push(h('section', { class: 'card stage', 'aria-label': `Stage ${st.stageName}`, 'data-stage': st.stageName },
      h('h4', null, st.stageName, ' ', h('small', null, 'serves deployment ',
        h('code', { class: 'stage-deployment', id: `stage-deployment-${st.stageName}` }, st.deploymentId))),
      st.description ? h('p', null, st.description) : null,
      h('p', null, `Throttling: ${all.throttlingRateLimit ?? 'account default'} requests/s, burst ${all.throttlingBurstLimit ?? 'default'}`,
        ` · Cache: ${st.cacheClusterEnabled ? `on (${st.cacheClusterSize} GB)` : 'off'}`,
        ` · Invoke: `, h('code', null, `/restapis/${apiId}/${st.stageName}/_user_request_/`)),
      table('Stage variables', ['Name', 'Value', ''], Object.entries(st.variables || {}).map(([k, v]) => [
        h('code', null, k), h('code', null, v),
        h('button', { type: 'button', onclick: () => patch([{ op: 'remove', path: `/variables/${k}` }], `Removed ${k}`) },
          `Remove ${k}`)]), { class: 'vars' }),
      h('form', { class: 'row', 'aria-label': `Set a variable of ${st.stageName}`, onsubmit: e => {
        e.preventDefault();
        patch([{ op: 'replace', path: `/variables/${varName.value}`, value: varValue.value }],
          `Set ${varName.value} on ${st.stageName}`);
      } }, h('label', { for: varName.id }, 'Variable'), varName, h('label', { for: varValue.id }, 'Value'), varValue,
      h('button', { type: 'submit', id: `var-set-${st.stageName}` }, 'Set variable')),
      h('form', { class: 'row', 'aria-label': `Canary of ${st.stageName}`, onsubmit: e => {
        e.preventDefault();
        patch([{ op: 'replace', path: '/canarySettings/percentTraffic', value: String(percent.value) }],
          `Canary of ${st.stageName} set to ${percent.value}%`);
      } }, canary ? [h('label', { for: percent.id }, `Canary traffic % (deployment ${canary.deploymentId})`), percent,
        h('button', { type: 'submit' }, 'Save canary %')]
        : h('span', { class: 'muted' }, 'No canary (create one with a deployment carrying canarySettings).')),
      h('p', null, h('button', { type: 'button', onclick: exportStage, id: `export-${st.stageName}` },
        'Export OpenAPI 3 (JSON)'), ' ', h('a', { href: `#/apis/rest/${encodeURIComponent(apiId)}/history` }, 'History'))));
  }
  out.push(table('Deployments', ['ID', 'Description', 'Created'], (deployments.item || [])
    .sort((a, b) => b.createdDate - a.createdDate)
    .map(d => [h('code', null, d.id), d.description || '', time(d.createdDate * 1000)])));
  return out;
}

const KIND = type => (/^Stage/.test(type) ? 'stage' : /^Deployment/.test(type) ? 'deployment' : 'definition');

async function history(base, apiId, panel) {
  const [hist, deployments] = await Promise.all([call('GET', `${base}/history`),
    call('GET', `${base}/deployments`, { query: { limit: 500 } })]);
  const stageNames = Object.keys(hist.stages || {});
  const events = hist.events || [];
  const stageSelect = h('select', { id: 'history-stage' }, stageNames.map(n => h('option', { value: n }, n)));
  const out = [h('h3', null, 'History'),
    h('p', { class: 'muted' }, 'Every change to this API, from the event journal: newest first.')];
  if (!events.length) {
    return [...out, h('p', null, 'No events.')];
  }
  const detail = h('div', { id: 'history-detail', 'aria-live': 'polite' });
  out.push(h('div', { class: 'row' }, h('label', { for: 'history-stage' }, 'Stage'), stageNames.length ? stageSelect
    : h('span', { class: 'muted' }, 'no stage yet')));
  out.push(timelineStrip(events));
  const rollback = async at => {
    const stage = stageSelect.value;
    const ok = await confirmDialog(`Roll back stage ${stage}?`,
      `Stage ${stage} goes back to how it was at ${new Date(at).toISOString()}: its deployment, variables and settings. `
      + 'This is recorded as a new event; nothing is deleted.', `Roll back ${stage}`);
    if (!ok) {
      return;
    }
    try {
      const st = await call('POST', `${base}/stages/${seg(stage)}/rollback`, { body: { to: at } });
      say(`Stage ${stage} rolled back: it now serves deployment ${st.deploymentId}`);
      await refill(panel, () => history(base, apiId, panel));
      document.getElementById('history-detail')?.replaceChildren(h('p', { id: 'rollback-result' },
        `Stage ${stage} now serves deployment `, h('code', null, st.deploymentId), '.'));
    } catch (err) {
      say(err, true);
    }
  };
  out.push(h('ol', { class: 'timeline', id: 'timeline', reversed: true }, [...events].reverse().map(e =>
    h('li', { class: 'event event-' + KIND(e.type), 'data-type': e.type },
      h('span', { class: 'when' }, time(e.at)), ' ',
      h('span', { class: 'by' }, e.by ? `by ${e.by}` : ''), ' ',
      h('span', { class: 'what' }, e.description),
      h('span', { class: 'actions' },
        h('button', { type: 'button', onclick: () => pointInTime(base, e.at, stageSelect.value, detail) }, 'View as of'),
        stageNames.length ? h('button', { type: 'button', class: 'danger', onclick: () => rollback(e.at) }, 'Roll back to here') : null)))));
  // Compare: the stage (settings and the deployment it served) at two instants, or two deployments.
  const option = e => h('option', { value: e.at }, `${new Date(e.at).toLocaleString()} — ${e.description}`);
  const from = h('select', { id: 'diff-from' }, events.map(option));
  const to = h('select', { id: 'diff-to' }, events.map(option));
  to.selectedIndex = events.length - 1;
  const dOption = d => h('option', { value: d.id }, `${d.id} ${d.description ? '— ' + d.description : ''} (${new Date(d.createdDate * 1000).toLocaleString()})`);
  const sortedDeployments = (deployments.item || []).sort((a, b) => a.createdDate - b.createdDate);
  const dFrom = h('select', { id: 'diff-deployment-from' }, sortedDeployments.map(dOption));
  const dTo = h('select', { id: 'diff-deployment-to' }, sortedDeployments.map(dOption));
  dTo.selectedIndex = sortedDeployments.length - 1;
  const result = h('div', { id: 'diff-result', 'aria-live': 'polite' });
  out.push(h('section', { class: 'card', 'aria-labelledby': 'diff-title' }, h('h3', { id: 'diff-title' }, 'Compare'),
    h('form', { class: 'row', onsubmit: async e => {
      e.preventDefault();
      await showDiff(result, `Stage ${stageSelect.value}: ${from.value} → ${to.value}`,
        () => stageAt(base, from.value, stageSelect.value), () => stageAt(base, to.value, stageSelect.value));
    } }, h('label', { for: 'diff-from' }, 'Stage as of'), from, h('label', { for: 'diff-to' }, 'with'), to,
    h('button', { type: 'submit', id: 'diff-button', disabled: !stageNames.length }, 'Compare stage')),
    h('form', { class: 'row', onsubmit: async e => {
      e.preventDefault();
      await showDiff(result, `Deployment ${dFrom.value} → ${dTo.value}`,
        () => definitionOf(base, dFrom.value), () => definitionOf(base, dTo.value));
    } }, h('label', { for: 'diff-deployment-from' }, 'Deployment'), dFrom, h('label', { for: 'diff-deployment-to' }, 'with'),
    dTo, h('button', { type: 'submit', id: 'diff-deployments-button', disabled: !sortedDeployments.length }, 'Compare deployments')),
    result));
  const at = h('input', { id: 'at-time', type: 'datetime-local', step: 1 });
  out.push(h('section', { class: 'card', 'aria-labelledby': 'pit-title' }, h('h3', { id: 'pit-title' }, 'Point in time'),
    h('form', { class: 'row', onsubmit: e => {
      e.preventDefault();
      if (at.value) {
        pointInTime(base, new Date(at.value).toISOString(), stageSelect.value, detail);
      }
    } }, h('label', { for: 'at-time' }, 'What did the stage serve at'), at, h('button', { type: 'submit' }, 'Show')),
    detail));
  return out;
}

/** The events on a time axis: one mark per event, coloured by kind. */
function timelineStrip(events) {
  const first = Date.parse(events[0].at);
  const last = Math.max(first + 1000, Date.parse(events[events.length - 1].at));
  const width = 1000;
  const x = t => 20 + ((Date.parse(t) - first) / (last - first)) * (width - 40);
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} 44`);
  svg.setAttribute('class', 'strip');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${events.length} changes between ${events[0].at} and ${events[events.length - 1].at}`);
  const line = document.createElementNS(svgNs, 'line');
  Object.entries({ x1: 20, x2: width - 20, y1: 22, y2: 22, class: 'axis' }).forEach(([k, v]) => line.setAttribute(k, v));
  svg.append(line);
  for (const e of events) {
    const c = document.createElementNS(svgNs, 'circle');
    Object.entries({ cx: x(e.at), cy: 22, r: 7, class: 'mark mark-' + KIND(e.type) }).forEach(([k, v]) => c.setAttribute(k, v));
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${e.at}: ${e.description}`;
    c.append(title);
    svg.append(c);
  }
  return h('figure', { class: 'strip-box' }, svg,
    h('figcaption', { class: 'legend-inline' }, h('span', { class: 'key key-definition' }, 'definition'),
      h('span', { class: 'key key-deployment' }, 'deployment'), h('span', { class: 'key key-stage' }, 'stage')));
}

/** The stage at an instant with its deployment's full definition, or {} when neither existed. */
async function stageAt(base, at, stage) {
  let asOf;
  try {
    asOf = await call('GET', `${base}/history`, { query: { at, stage } });
  } catch (e) {
    if (e.status === 400) {
      return {}; // the API did not exist yet
    }
    throw e;
  }
  const item = asOf.stages?.[stage];
  if (!item) {
    return {};
  }
  const st = { ...item.stage };
  delete st.createdDate;
  delete st.lastUpdatedDate;
  return { stage: st, ...(item.deployment ? await definitionOf(base, item.deployment.id) : {}) };
}

async function definitionOf(base, deploymentId) {
  const d = await call('GET', `${base}/deployments/${seg(deploymentId)}`, { query: { embed: 'definition' } });
  const resources = {};
  for (const r of d.definition?.resources || []) {
    resources[r.path] = r.resourceMethods || {};
  }
  const { authorizers, models, requestValidators, gatewayResponses } = d.definition || {};
  return { resources, authorizers, models, requestValidators, gatewayResponses };
}

async function showDiff(result, caption, left, right) {
  result.replaceChildren(h('p', { class: 'muted' }, 'Comparing…'));
  try {
    const [a, b] = await Promise.all([left(), right()]);
    result.replaceChildren(diffTable(caption, diff(a, b)));
  } catch (e) {
    result.replaceChildren(errorBox(e));
  }
}

async function pointInTime(base, at, stage, detail) {
  detail.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const asOf = await call('GET', `${base}/history`, { query: { at, stage: stage || undefined } });
    const stages = Object.entries(asOf.stages || {});
    detail.replaceChildren(h('h4', { id: 'pit-heading' }, 'As of ', time(at)),
      stages.length ? stages.map(([name, item]) => h('div', { class: 'pit' },
        h('p', null, `Stage ${name} served deployment `, h('code', null, item.stage.deploymentId),
          item.deployment?.description ? ` (${item.deployment.description})` : ''),
        table(`Variables of ${name}`, ['Name', 'Value'], Object.entries(item.stage.variables || {})
          .map(([k, v]) => [h('code', null, k), h('code', null, v)])),
        table(`Methods served by ${name}`, ['Path', 'Method', 'Authorization'],
          Object.entries(item.deployment?.apiSummary || {}).flatMap(([p, ms]) =>
            Object.entries(ms).map(([m, x]) => [h('code', null, p), m, x.authorizationType])))))
        : h('p', null, 'No stage existed then.'));
  } catch (e) {
    detail.replaceChildren(errorBox(e));
  }
}

export async function v2Api(view, apiId) {
  const base = `/v2/apis/${seg(apiId)}`;
  const api = await call('GET', base);
  const [routes, stageList, integrations] = await Promise.all([call('GET', `${base}/routes`), call('GET', `${base}/stages`),
    call('GET', `${base}/integrations`).catch(() => ({ items: [] }))]);
  const byId = Object.fromEntries((integrations.items || []).map(i => [i.integrationId, i]));
  view.append(h('p', null, h('a', { href: '#/apis' }, '← APIs')),
    h('h2', null, api.name, ' ', h('small', { class: 'muted' }, `${api.protocolType} API ${api.apiId}`)),
    h('p', null, 'Endpoint ', h('code', null, api.apiEndpoint || '')),
    api.routeSelectionExpression ? h('p', null, 'Route selection ', h('code', null, api.routeSelectionExpression)) : null,
    table('Routes', ['Route key', 'Integration', 'Authorization'], (routes.items || []).map(r => {
      const i = byId[(r.target || '').replace('integrations/', '')];
      return [h('code', null, r.routeKey), i ? `${i.integrationType} ${i.integrationUri || ''}` : (r.target || '—'),
        r.authorizationType + (r.authorizerId ? ` (${r.authorizerId})` : '')];
    })),
    table('Stages', ['Stage', 'Deployment', 'Variables', 'Auto deploy'], (stageList.items || []).map(st => [
      st.stageName, h('code', null, st.deploymentId || '—'),
      Object.entries(st.stageVariables || {}).map(([k, v]) => `${k}=${v}`).join(', '), st.autoDeploy ? 'yes' : 'no'])),
    h('p', { class: 'muted' }, 'The event-sourced history (timeline, diff, rollback) covers REST APIs.'));
}
