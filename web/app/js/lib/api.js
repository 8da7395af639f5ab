// Calls to the gateway: the access token on every call, problem JSON (RFC 9457) turned into ApiError, ETag kept
// for If-Match.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code ?? null;
  }
}

export function createApi(getToken, base = '') {
  async function call(method, path, { body, headers = {}, auth = true } = {}) {
    const h = { Accept: 'application/json, application/problem+json', ...headers };
    if (auth) h.Authorization = `Bearer ${await getToken()}`;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, { code: 'network' });
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return { status: response.status, body: json, etag: response.headers.get('ETag') };
  }
  return {
    get: (path, options) => call('GET', path, options),
    post: (path, body, options = {}) => call('POST', path, { ...options, body }),
    patch: (path, body, options = {}) => call('PATCH', path, { ...options, body }),
    del: (path, options) => call('DELETE', path, options),
    /** The bytes of a document as a Blob (for the sandboxed PDF frame and downloads). */
    async blob(path) {
      const response = await fetch(base + path, { headers: { Authorization: `Bearer ${await getToken()}` } });
      if (!response.ok) throw new ApiError(response.status, null);
      return response.blob();
    },
  };
}

/** Query string of the set filters only. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A fresh key for Idempotency-Key: a retried create must not create twice. */
export function idempotencyKey() {
  return crypto.randomUUID();
}
