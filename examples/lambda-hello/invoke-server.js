#!/usr/bin/env node
// Runs a Lambda handler locally behind the Lambda Invoke API, without Docker or AWS:
//   POST /2015-03-31/functions/{name}/invocations  (the event as JSON in, the handler's result as JSON out)
// which is what the gateway's GATEWAY_LAMBDA_ENDPOINT(S) calls. Every function name runs the one handler (as AWS's
// Runtime Interface Emulator does). For local development only: it does not check the caller's SigV4 signature.
//
//   node invoke-server.js [handler-file] [port]     defaults: ./index.js (exports.handler), 9001; binds 127.0.0.1
"use strict";
const http = require("http");
const path = require("path");

const handlerFile = path.resolve(process.argv[2] || path.join(__dirname, "index.js"));
const port = Number(process.argv[3] || process.env.PORT || 9001);
const handler = require(handlerFile).handler;
if (typeof handler !== "function") {
  console.error(`${handlerFile} exports no handler function`);
  process.exit(1);
}
const MAX_EVENT = 6 * 1024 * 1024; // Lambda's synchronous payload limit
const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

http.createServer((req, res) => {
  const match = req.method === "POST" && INVOKE.exec(req.url.split("?")[0]);
  if (!match) {
    send(res, 404, { Type: "User", message: `Unknown operation: ${req.method} ${req.url}` },
      { "x-amzn-ErrorType": "UnknownOperationException" });
    return;
  }
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > MAX_EVENT) {
      send(res, 413, { Type: "User", message: "Request must be smaller than 6291456 bytes for the InvokeFunction operation" },
        { "x-amzn-ErrorType": "RequestTooLargeException" });
      req.destroy();
    } else {
      chunks.push(chunk);
    }
  });
  req.on("end", async () => {
    if (res.writableEnded) return;
    let event;
    try {
      event = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    } catch (e) {
      send(res, 400, { Type: "User", message: `Could not parse request body into json: ${e.message}` },
        { "x-amzn-ErrorType": "InvalidRequestContentException" });
      return;
    }
    const context = { functionName: decodeURIComponent(match[1]), awsRequestId: req.headers["x-amzn-requestid"] || "" };
    try {
      const result = await handler(event, context);
      send(res, 200, result === undefined ? null : result, { "X-Amz-Executed-Version": "$LATEST" });
    } catch (e) {
      // Lambda's answer for a function that throws: 200 with X-Amz-Function-Error and the error as the payload.
      send(res, 200, { errorType: (e && e.name) || "Error", errorMessage: String(e && e.message) },
        { "X-Amz-Function-Error": "Unhandled", "X-Amz-Executed-Version": "$LATEST" });
    }
  });
}).listen(port, "127.0.0.1", () => console.log(`${path.basename(handlerFile)} served on http://127.0.0.1:${port}/2015-03-31/functions/{name}/invocations`));
