// An independent gRPC server (grpc-js) for the .NET client tests: federatedagents.testing.Echo and
// grpc.health.v1.Health on two ports, the second limited to one concurrent stream per connection.
// Prints {"port":N,"limitedPort":M} once listening; exits when stdin closes (the test process ended).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const protos = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../protos');
const definition = protoLoader.loadSync(
  ['federatedagents/testing/echo.proto', 'grpc/health/v1/health.proto'],
  { includeDirs: [protos], defaults: true },
);
const loaded = grpc.loadPackageDefinition(definition);

// Request message -> "cancelled" | "completed", for the Outcome method.
const outcomes = new Map();

function track(call, id) {
  call.on('cancelled', () => outcomes.set(id, 'cancelled'));
}

// Request metadata x-echo-* comes back in the response headers, x-trailer-* in the trailers.
function echoedMetadata(call, prefix) {
  const echoed = new grpc.Metadata();
  for (const [key, value] of Object.entries(call.metadata.getMap())) {
    if (key.startsWith(prefix)) {
      echoed.set(key, value);
    }
  }
  return echoed;
}

async function wait(call, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && !call.cancelled) {
    await sleep(Math.min(20, until - Date.now()));
  }
  return !call.cancelled;
}

function failure(call, request) {
  return {
    code: request.statusCode,
    details: request.statusMessage,
    metadata: echoedMetadata(call, 'x-trailer-'),
  };
}

const echo = {
  async Unary(call, callback) {
    const request = call.request;
    track(call, request.message);
    if (!(await wait(call, request.sleepMs))) {
      return;
    }
    outcomes.set(request.message, 'completed');
    call.sendMetadata(echoedMetadata(call, 'x-echo-'));
    if (request.statusCode !== 0) {
      callback(failure(call, request));
      return;
    }
    const response = { message: request.message, payload: request.payload, peer: call.getPeer() };
    callback(null, response, echoedMetadata(call, 'x-trailer-'));
  },

  async ServerStream(call) {
    const request = call.request;
    track(call, request.message);
    call.sendMetadata(echoedMetadata(call, 'x-echo-'));
    for (let i = 0; i < request.responseCount; i++) {
      if (!(await wait(call, request.sleepMs))) {
        return;
      }
      call.write({ message: `${request.message}:${i}`, index: i, peer: call.getPeer() });
    }
    outcomes.set(request.message, 'completed');
    if (request.statusCode !== 0) {
      call.emit('error', failure(call, request));
      return;
    }
    call.end(echoedMetadata(call, 'x-trailer-'));
  },

  ClientStream(call, callback) {
    const messages = [];
    call.on('data', (request) => messages.push(request.message));
    call.on('end', () => callback(null, { message: messages.join(','), peer: call.getPeer() }));
  },

  Duplex(call) {
    let index = 0;
    call.on('data', (request) => call.write({ message: request.message, index: index++, peer: call.getPeer() }));
    call.on('end', () => call.end());
  },

  Outcome(call, callback) {
    callback(null, { message: outcomes.get(call.request.message) ?? 'unknown' });
  },
};

const SERVING = 'SERVING';
const health = {
  Check(call, callback) {
    const service = call.request.service;
    if (service === '' || service === 'federatedagents.testing.Echo') {
      callback(null, { status: SERVING });
    } else {
      callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${service}` });
    }
  },

  Watch(call) {
    call.write({ status: SERVING });
  },
};

async function listen(options) {
  const server = new grpc.Server(options);
  server.addService(loaded.federatedagents.testing.Echo.service, echo);
  server.addService(loaded.grpc.health.v1.Health.service, health);
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        reject(error);
      } else {
        resolve(port);
      }
    });
  });
}

const port = await listen({});
const limitedPort = await listen({ 'grpc.max_concurrent_streams': 1 });
process.stdout.write(`${JSON.stringify({ port, limitedPort })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
