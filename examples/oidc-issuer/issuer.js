// A development OpenID Connect issuer for trying JWT authorizers locally: Node.js only, no packages.
// Serves {issuer}/.well-known/openid-configuration and its JWKS, and hands out RS256 tokens:
//   node examples/oidc-issuer/issuer.js                      # issuer http://127.0.0.1:8092 (PORT to change)
//   curl -s 'http://127.0.0.1:8092/token?aud=my-api&scope=read&sub=alice'
// The key pair lives in memory: a restart makes earlier tokens invalid. Not for production.
const http = require("http");
const crypto = require("crypto");

const port = Number(process.env.PORT || 8092);
const issuer = `http://127.0.0.1:${port}`;
const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = crypto.randomBytes(8).toString("hex");
const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };

const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function token(query) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    sub: query.get("sub") || "developer",
    aud: query.get("aud") || "my-api",
    scope: query.get("scope") || "",
    iat: now,
    exp: now + Number(query.get("ttl") || 3600),
  };
  const unsigned = `${b64url({ alg: "RS256", typ: "JWT", kid })}.${b64url(claims)}`;
  return `${unsigned}.${crypto.sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, issuer);
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      send(200, "application/json", JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    } else if (url.pathname === "/jwks.json") {
      send(200, "application/json", JSON.stringify({ keys: [jwk] }));
    } else if (url.pathname === "/token") {
      send(200, "text/plain", token(url.searchParams));
    } else {
      send(404, "application/json", JSON.stringify({ message: "Not Found" }));
    }
  })
  .listen(port, "127.0.0.1", () => console.log(`OIDC issuer ${issuer} (GET /token?aud=..&scope=..)`));
