// The Kubernetes REST API as the page sees it: every request carries the user's bearer token.

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';
const TOKEN_KEY = 'podlife.token';

/** An API failure with the metav1.Status the server answered (code, reason, message). */
export class ApiError extends Error {
  constructor(code, reason, message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A path with query parameters; empty values are left out. */
export function url(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function headers(table) {
  return { Authorization: `Bearer ${token.get()}`, Accept: table ? TABLE : 'application/json' };
}

async function failure(response) {
  let status = null;
  try { status = await response.json(); } catch { /* not a Status: keep the HTTP line */ }
  return new ApiError(response.status, status?.reason ?? response.statusText, status?.message ?? `${response.status} ${response.statusText}`);
}

/** GET one object or list; table asks for the server's kubectl columns (meta.k8s.io Table). */
export async function get(path, { table = false, signal } = {}) {
  const response = await fetch(path, { headers: headers(table), cache: 'no-store', signal });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * Streams a watch (one JSON event per line) into onEvent until the server ends it or signal aborts.
 * An exception thrown by onEvent ends the watch and propagates.
 */
export async function watch(path, { table = false, signal, onEvent }) {
  const response = await fetch(path, { headers: headers(table), cache: 'no-store', signal });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) onEvent(JSON.parse(line));
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
