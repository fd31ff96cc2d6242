// AWS Signature Version 4 for the management API, with WebCrypto (HMAC-SHA256, SHA-256).
const utf8 = new TextEncoder();

/** RFC 3986 encoding as AWS wants it (encodeURIComponent leaves !'()* alone). */
export function awsEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map(b => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

async function hmac(key, message) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? utf8.encode(key) : key,
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, utf8.encode(message));
}

/** The canonical query string: names and values encoded, sorted by name then value. */
export function canonicalQuery(params) {
  return params.map(([k, v]) => [awsEncode(k), awsEncode(String(v))])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => k + '=' + v).join('&');
}

/**
 * The headers that sign a request. {@code path} is sent exactly as given (already encoded), and so signed;
 * {@code query} is a list of [name, value] pairs, sent encoded as canonicalQuery does.
 */
export async function signedHeaders({ method, path, query = [], body = '', host, credentials, service = 'apigateway',
  now = new Date() }) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = await sha256Hex(body);
  const names = 'host;x-amz-content-sha256;x-amz-date';
  const canonical = [method, path, canonicalQuery(query),
    `host:${host}\nx-amz-content-sha256:${payloadHash}\nx-amz-date:${amzDate}\n`, names, payloadHash].join('\n');
  const scope = `${day}/${credentials.region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
  let key = await hmac('AWS4' + credentials.secret, day);
  key = await hmac(key, credentials.region);
  key = await hmac(key, service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, toSign));
  return {
    'Authorization': `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names}, `
      + `Signature=${signature}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Content-Sha256': payloadHash,
  };
}
