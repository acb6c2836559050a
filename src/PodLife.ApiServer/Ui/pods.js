// The pod list: the server's kubectl columns (Table form, so STATUS reads exactly as `kubectl get pods`),
// kept live by list + watch, filtered by namespace and label selector (server side) and status (client side).
import { h, replace } from './dom.js';
import { age } from './format.js';
import { Informer } from './informer.js';

const SHOWN = ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'Node'];

/** A kubectl-style table of pod rows ({ cells, object }) using the server's column definitions. */
export function kubectlTable(rows, columns, { namespaces }) {
  const index = Object.fromEntries(columns.map((c, i) => [c.name, i]));
  const shown = SHOWN.filter((name) => name in index);
  return h('table', { class: 'pods' },
    h('thead', {}, h('tr', {}, namespaces ? h('th', {}, 'NAMESPACE') : null, shown.map((c) => h('th', {}, c.toUpperCase())))),
    h('tbody', {}, rows.map((row) => {
      const { namespace, name, creationTimestamp } = row.object.metadata;
      const cell = (column) => {
        const value = row.cells[index[column]];
        switch (column) {
          case 'Name': return h('td', {}, h('a', { href: `#/pods/${namespace}/${name}` }, value));
          case 'Status': return h('td', { class: `status status-${statusClass(value)}` }, value);
          case 'Age': return h('td', { class: 'age', 'data-created': creationTimestamp }, age(creationTimestamp));
          default: return h('td', {}, value ?? '');
        }
      };
      return h('tr', { 'data-pod': `${namespace}/${name}` }, namespaces ? h('td', {}, namespace) : null, shown.map(cell));
    })));
}

/** The colour family of a STATUS cell. */
export function statusClass(status) {
  if (status === 'Running' || status === 'Completed') return status === 'Running' ? 'ok' : 'done';
  if (/^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+|Terminating)$/.test(status)) return 'pending';
  return 'failed';
}

export function podsView(main, { query, setQuery, failureSource }) {
  let rows = [];
  let columns = [];
  let informer = null;
  const namespace = h('select', { 'aria-label': 'Namespace', id: 'filter-namespace' }, h('option', { value: '' }, 'All namespaces'));
  const labels = h('input', { id: 'filter-labels', placeholder: 'label selector, e.g. app=web', value: query.labels ?? '', spellcheck: 'false' });
  const status = h('select', { 'aria-label': 'Status', id: 'filter-status' }, h('option', { value: '' }, 'Any status'));
  const summary = h('p', { class: 'summary muted' }, 'Loading…');
  const table = h('div', { class: 'table-wrap' });
  replace(main, h('div', { class: 'view pods-view' },
    h('h1', {}, 'Pods'),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
      h('label', {}, 'Namespace ', namespace), h('label', {}, 'Labels ', labels), h('label', {}, 'Status ', status),
      h('button', { type: 'submit' }, 'Apply')),
    summary, table));

  const render = () => {
    const wanted = status.value;
    const statusIndex = columns.findIndex((c) => c.name === 'Status');
    options(status, [...new Set(rows.map((r) => r.cells[statusIndex]))].sort(), 'Any status', query.status);
    const shown = rows.filter((r) => !wanted || r.cells[statusIndex] === wanted)
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const pods = (n) => (n === 1 ? '1 pod' : `${n} pods`);
    summary.textContent = shown.length === rows.length ? pods(rows.length) : `${shown.length} of ${pods(rows.length)}`;
    replace(table, shown.length ? kubectlTable(shown, columns, { namespaces: !namespace.value }) : h('p', { class: 'empty' }, 'No pods match.'));
  };

  const watchPods = () => {
    informer?.stop();
    const path = namespace.value ? `/api/v1/namespaces/${namespace.value}/pods` : '/api/v1/pods';
    informer = new Informer(path, {
      table: true,
      query: { labelSelector: labels.value.trim() },
      onChange: (r, c) => { rows = r; columns = c; render(); },
      ...failureSource(),
    }).start();
  };

  const apply = () => {
    query.status = status.value;
    const changed = query.namespace !== namespace.value || (query.labels ?? '') !== labels.value.trim();
    Object.assign(query, { namespace: namespace.value, labels: labels.value.trim() });
    setQuery(query);
    if (changed) watchPods(); else render();
  };
  namespace.addEventListener('change', apply);
  status.addEventListener('change', apply);

  const namespaces = new Informer('/api/v1/namespaces', {
    onChange: (items) => options(namespace, items.map((n) => n.metadata.name).sort(), 'All namespaces', query.namespace),
    ...failureSource(),
  }).start();
  options(namespace, query.namespace ? [query.namespace] : [], 'All namespaces', query.namespace);
  watchPods();
  const ticker = setInterval(() => table.querySelectorAll('td.age').forEach((td) => { td.textContent = age(td.dataset.created); }), 1000);
  return () => { clearInterval(ticker); informer?.stop(); namespaces.stop(); };
}

function keyOf(row) {
  return `${row.object.metadata.namespace}/${row.object.metadata.name}`;
}

// Refills a select, keeping the chosen value even while it has no matches.
function options(select, values, anyLabel, chosen = select.value) {
  const all = chosen && !values.includes(chosen) ? [...values, chosen] : values;
  replace(select, h('option', { value: '' }, anyLabel), all.map((v) => h('option', { value: v }, v)));
  select.value = chosen ?? '';
}
