// The console's shell: sign-in, navigation, and a hash router over the views.
import { call, credentials, signIn, signOut } from './api.js';
import { h, errorBox } from './ui.js';
import { apiList, restApi, v2Api } from './apis.js';
import { keys, metrics, cluster } from './views.js';

const main = document.getElementById('main');
const signInSection = document.getElementById('sign-in');
let stopCurrent = () => {};

const routes = [
  [/^#\/apis\/rest\/([^/]+)(?:\/(\w+))?$/, (el, m) => restApi(el, decodeURIComponent(m[1]), m[2])],
  [/^#\/apis\/v2\/([^/]+)$/, (el, m) => v2Api(el, decodeURIComponent(m[1]))],
  [/^#\/keys$/, el => keys(el)],
  [/^#\/metrics$/, el => metrics(el)],
  [/^#\/cluster$/, el => cluster(el)],
  [/^(#\/apis)?$/, el => apiList(el)],
];

async function show() {
  stopCurrent();
  stopCurrent = () => {};
  const signedIn = !!credentials();
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) {
    main.replaceChildren(signInSection);
    document.getElementById('access-key').focus();
    return;
  }
  document.getElementById('who-key').textContent = 'Signed in as ' + credentials().accessKeyId;
  const hash = location.hash || '#/apis';
  for (const a of document.querySelectorAll('#nav a')) {
    a.toggleAttribute('aria-current', hash.startsWith(a.getAttribute('href')));
  }
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  const route = routes.find(([re]) => re.test(hash)) || routes[routes.length - 1];
  try {
    const stop = await route[1](view, hash.match(route[0]) || []);
    if (typeof stop === 'function') {
      stopCurrent = stop;
    }
  } catch (e) {
    view.append(errorBox(e));
  }
}

document.getElementById('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  const button = document.getElementById('sign-in-button');
  button.disabled = true;
  signIn({ accessKeyId: form.accessKeyId.value.trim(), secret: form.secret.value, region: form.region.value.trim() });
  try {
    await call('GET', '/restapis', { query: { limit: 1 } }); // proves the key and secret
    form.secret.value = '';
    await show();
    main.focus();
  } catch (e) {
    signOut();
    error.textContent = String(e);
  } finally {
    button.disabled = false;
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  location.hash = '#/apis';
  show();
});

window.addEventListener('hashchange', show);
show();
