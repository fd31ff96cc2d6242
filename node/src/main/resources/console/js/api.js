// Signed calls to the management API (same origin). The credentials live in sessionStorage only.
import { awsEncode, canonicalQuery, signedHeaders } from './sigv4.js';

const KEY = 'apigw-console-credentials';

export function credentials() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

export function signIn(c) {
  sessionStorage.setItem(KEY, JSON.stringify(c));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** An error answered by the API, with AWS's type and message. */
export class ApiError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
  toString() {
    return (this.type ? this.type + ': ' : '') + this.message + (this.status ? ` (HTTP ${this.status})` : '');
  }
}

/** One path segment, encoded. */
export const seg = value => awsEncode(value);

/**
 * Calls the management API. {@code path} must be encoded already (use seg for ids); answers parsed JSON, or the text
 * when {@code text} is set; throws ApiError with the API's message otherwise.
 */
export async function call(method, path, { query = {}, body, contentType = 'application/json', accept, text } = {}) {
  const c = credentials();
  if (!c) {
    throw new ApiError(0, 'NotSignedIn', 'Sign in first');
  }
  const params = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '');
  const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = await signedHeaders({ method, path, query: params, body: payload, host: location.host, credentials: c });
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  if (accept) {
    headers['Accept'] = accept;
  }
  const qs = canonicalQuery(params);
  let response;
  try {
    response = await fetch(path + (qs ? '?' + qs : ''), {
      method, headers, body: body === undefined ? undefined : payload, credentials: 'omit', cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'NetworkError', 'The gateway did not answer: ' + e.message);
  }
  const answer = await response.text();
  if (!response.ok) {
    let message = answer;
    try {
      const json = JSON.parse(answer);
      message = json.message ?? json.Message ?? answer;
    } catch (ignored) {
      // not JSON: show it as it came
    }
    throw new ApiError(response.status, response.headers.get('x-amzn-ErrorType') || '', message || response.statusText);
  }
  if (text) {
    return answer;
  }
  return answer ? JSON.parse(answer) : null;
}
