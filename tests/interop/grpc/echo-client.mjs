// Drives federatedagents.testing.Echo (protos/federatedagents/testing/echo.proto) with @grpc/grpc-js,
// an independent gRPC implementation: every call shape plus status, metadata, compression, deadline
// and cancellation. Usage: node echo-client.mjs <host:port>
// Prints "ok <case>" or "FAIL <case>: <reason>" per case and exits 1 when any case failed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const definition = protoLoader.loadSync('federatedagents/testing/echo.proto', {
  includeDirs: [path.resolve(here, '../../../protos')],
  defaults: true,
});
const { Echo } = grpc.loadPackageDefinition(definition).federatedagents.testing;
const target = process.argv[2];
const client = new Echo(target, grpc.credentials.createInsecure());
const gzipClient = new Echo(target, grpc.credentials.createInsecure(), {
  'grpc.default_compression_algorithm': 2,
});

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function unary(stub, method, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve) => {
    const result = {};
    const call = stub[method](request, metadata, options, (error, response) => {
      Object.assign(result, { error, response });
    });
    call.on('metadata', (headers) => { result.headers = headers; });
    call.on('status', (status) => { result.status = status; resolve(result); });
  });
}

function collect(call) {
  return new Promise((resolve) => {
    const messages = [];
    call.on('data', (message) => messages.push(message));
    call.on('error', () => {});
    call.on('status', (status) => resolve({ messages, status }));
  });
}

const cases = {
  async unary() {
    const metadata = new grpc.Metadata();
    metadata.set('x-echo-text', 'from node');
    metadata.set('x-echo-bin', Buffer.from([0, 1, 2, 255]));
    const { error, response, headers, status } = await unary(client, 'unary', { message: 'hello' }, metadata);
    check(!error, `error ${error?.code}: ${error?.details}`);
    check(response.message === 'hello', `message ${response.message}`);
    check(headers.get('x-echo-text')[0] === 'from node', 'text header not echoed');
    check(Buffer.from(headers.get('x-echo-bin')[0]).equals(Buffer.from([0, 1, 2, 255])), 'binary header not echoed');
    check(status.metadata.get('x-echo-text')[0] === 'from node', 'text trailer not echoed');
  },

  async server_streaming() {
    const { messages, status } = await collect(client.serverStream({ message: 's', responseCount: 3 }));
    check(status.code === grpc.status.OK, `status ${status.code}: ${status.details}`);
    check(messages.map((m) => m.index).join() === '0,1,2', `indexes ${messages.map((m) => m.index)}`);
  },

  async empty_stream() {
    const { messages, status } = await collect(client.serverStream({ message: 'none' }));
    check(status.code === grpc.status.OK, `status ${status.code}: ${status.details}`);
    check(messages.length === 0, `${messages.length} messages`);
  },

  async client_streaming() {
    const response = await new Promise((resolve, reject) => {
      const call = client.clientStream((error, reply) => (error ? reject(error) : resolve(reply)));
      for (const message of ['a', 'b', 'c']) {
        call.write({ message });
      }
      call.end();
    });
    check(response.message === 'a,b,c' && response.received === 3, `reply ${JSON.stringify(response)}`);
  },

  async bidi_ping_pong() {
    const call = client.duplex();
    const done = collect(call);
    for (const ping of ['one', 'two', 'three']) {
      const reply = new Promise((resolve) => call.once('data', resolve));
      call.write({ message: ping });
      const pong = await reply;
      check(pong.message === ping, `pong ${pong.message} for ${ping}`);
    }
    call.end();
    const { status } = await done;
    check(status.code === grpc.status.OK, `status ${status.code}: ${status.details}`);
  },

  async status_and_message() {
    const details = 'not here ✓ 100%\ttab';
    const { error } = await unary(client, 'unary', { statusCode: 5, statusMessage: details });
    check(error?.code === grpc.status.NOT_FOUND, `code ${error?.code}`);
    check(error.details === details, `details ${JSON.stringify(error.details)}`);
  },

  async unimplemented_method() {
    const { error } = await unary(client, 'unimplemented', {});
    check(error?.code === grpc.status.UNIMPLEMENTED, `code ${error?.code}`);
  },

  async gzip() {
    const { error, response } = await unary(gzipClient, 'unary', { message: 'zip', responseSize: 2048 });
    check(!error, `error ${error?.code}: ${error?.details}`);
    check(response.message === 'zip' && response.payload.length === 2048, 'wrong reply');
  },

  async deadline() {
    const options = { deadline: new Date(Date.now() + 300) };
    const { error } = await unary(client, 'unary', { message: 'node-deadline', waitForCancellation: true }, new grpc.Metadata(), options);
    check(error?.code === grpc.status.DEADLINE_EXCEEDED, `code ${error?.code}: ${error?.details}`);
  },

  async cancel() {
    const error = await new Promise((resolve) => {
      const call = client.unary({ message: 'node-cancel', waitForCancellation: true }, (e) => resolve(e));
      setTimeout(() => call.cancel(), 300);
    });
    check(error?.code === grpc.status.CANCELLED, `code ${error?.code}`);
  },
};

let failed = 0;
for (const [name, run] of Object.entries(cases)) {
  try {
    await run();
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

client.close();
gzipClient.close();
process.exit(failed === 0 ? 0 : 1);
