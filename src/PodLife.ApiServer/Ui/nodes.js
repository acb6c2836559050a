// The nodes: each node's kubectl row, its conditions (Ready, MemoryPressure, ...) and the pods bound to it.
import { h, replace } from './dom.js';
import { age } from './format.js';
import { Informer } from './informer.js';
import { kubectlTable } from './pods.js';

// For Ready, True is healthy; for the pressure and NetworkUnavailable conditions, False is.
const healthy = (c) => (c.type === 'Ready' ? c.status === 'True' : c.status === 'False');

export function nodesView(main, { failureSource }) {
  let nodes = [];
  let nodeColumns = [];
  let pods = [];
  let podColumns = [];
  const list = h('div', { class: 'nodes' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('div', { class: 'view nodes-view' }, h('h1', {}, 'Nodes'), list));

  const render = () => {
    const byNode = Map.groupBy(pods, (p) => p.object.spec?.nodeName ?? '');
    const column = (row, name) => row.cells[nodeColumns.findIndex((c) => c.name === name)] ?? '';
    const sorted = [...nodes].sort((a, b) => a.object.metadata.name.localeCompare(b.object.metadata.name));
    replace(list,
      sorted.length ? null : h('p', { class: 'empty' }, 'No nodes have registered.'),
      sorted.map((row) => {
        const node = row.object;
        const mine = byNode.get(node.metadata.name) ?? [];
        return h('section', { class: 'node', 'data-node': node.metadata.name },
          h('h2', {}, node.metadata.name, ' ',
            h('span', { class: `status status-${column(row, 'Status') === 'Ready' ? 'ok' : 'failed'}` }, column(row, 'Status')),
            h('span', { class: 'muted' }, ` · ${column(row, 'Version')} · age ${age(node.metadata.creationTimestamp)}`)),
          h('ul', { class: 'conditions' }, (node.status?.conditions ?? []).map((c) => h('li', {
            class: `condition ${healthy(c) ? 'good' : 'bad'}`,
            'data-condition': c.type,
            title: `${c.reason ?? ''}: ${c.message ?? ''}`,
          }, `${c.type}: ${c.status}`))),
          mine.length ? kubectlTable(mine, podColumns, { namespaces: true }) : h('p', { class: 'empty' }, 'No pods on this node.'));
      }),
      byNode.has('') ? h('section', { class: 'node', 'data-node': '' }, h('h2', {}, 'Not scheduled'), kubectlTable(byNode.get(''), podColumns, { namespaces: true })) : null);
  };

  const informers = [
    new Informer('/api/v1/nodes', { table: true, onChange: (r, c) => { nodes = r; nodeColumns = c; render(); }, ...failureSource() }).start(),
    new Informer('/api/v1/pods', { table: true, onChange: (r, c) => { pods = r; podColumns = c; render(); }, ...failureSource() }).start(),
  ];
  return () => informers.forEach((i) => i.stop());
}
