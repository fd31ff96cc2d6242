// The API Gateway tutorial's "Hello, world" function, as you would deploy it to AWS Lambda (Node.js runtime).
exports.handler = async (event) => ({ statusCode: 200, body: "Hello from Lambda!" });
