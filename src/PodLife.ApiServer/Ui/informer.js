// List, then watch from the list's resourceVersion, like client-go's reflector: re-list on 410 Gone,
// re-watch when the server ends a stream, and report other failures while retrying (and the recovery).
import { ApiError, get, url, watch } from './api.js';

const RETRY_MS = 2000;

/**
 * Keeps the objects at `path` (a collection URL) current and calls onChange(items, columns) after every change.
 * With table: true the items are Table rows ({ cells, object }) and columns the server's columnDefinitions.
 * onError(error) gets each failure; onRecover() is called once it lists again, and when it stops.
 */
export class Informer {
  constructor(path, { query = {}, table = false, onChange, onError = () => {}, onRecover = () => {} }) {
    Object.assign(this, { path, query, table, onChange, onError, onRecover });
    this.items = new Map();
    this.columns = [];
    this.controller = new AbortController();
  }

  start() {
    this.run();
    return this;
  }

  /** Stops for good; a failure it reported is no longer its view's concern. */
  stop() {
    this.controller.abort();
    this.onRecover();
  }

  get stopped() {
    return this.controller.signal.aborted;
  }

  async run() {
    while (!this.stopped) {
      try {
        let version = await this.list();
        this.onRecover();
        for (;;) version = await this.watchFrom(version);
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof ApiError && error.code === 410) continue; // history compacted: list again
        this.onError(error);
        // A request the server refuses (bad token, forbidden, bad selector) will not succeed by retrying.
        if (error instanceof ApiError && error.code >= 400 && error.code < 500 && error.code !== 429) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async list() {
    const query = this.table ? { ...this.query, includeObject: 'Object' } : this.query;
    const list = await get(url(this.path, query), { table: this.table, signal: this.controller.signal });
    this.items = new Map();
    for (const item of this.unpack(list)) this.items.set(keyOf(item, this.table), item);
    this.emit();
    return list.metadata?.resourceVersion ?? '';
  }

  // Returns the resourceVersion to continue from when the server ends the stream.
  async watchFrom(version) {
    const query = { ...this.query, watch: '1', resourceVersion: version, allowWatchBookmarks: 'true' };
    if (this.table) query.includeObject = 'Object';
    await watch(url(this.path, query), {
      table: this.table,
      signal: this.controller.signal,
      onEvent: ({ type, object }) => {
        if (type === 'ERROR') throw new ApiError(object.code, object.reason, object.message);
        version = object.metadata?.resourceVersion ?? version;
        if (type === 'BOOKMARK') return;
        for (const item of this.unpack(object)) {
          if (type === 'DELETED') this.items.delete(keyOf(item, this.table));
          else this.items.set(keyOf(item, this.table), item);
        }
        this.emit();
      },
    });
    return version;
  }

  unpack(body) {
    if (!this.table) return body.kind?.endsWith('List') ? body.items ?? [] : [body];
    if (body.columnDefinitions?.length) this.columns = body.columnDefinitions;
    return body.rows ?? [];
  }

  emit() {
    this.onChange([...this.items.values()], this.columns);
  }
}

function keyOf(item, table) {
  const meta = (table ? item.object : item).metadata;
  return `${meta.namespace ?? ''}/${meta.name}`;
}
