// grpc.testing.TestService on @grpc/grpc-js with the official protos from /usr/share/grpc-proto: the
// independent server the project's own interop client runs against (grpc/grpc doc/interop-test-descriptions.md,
// "Server": EmptyCall, UnaryCall, StreamingOutputCall, StreamingInputCall, FullDuplexCall, HalfDuplexCall,
// Echo Status, Echo Metadata, interval_us). UnimplementedCall and UnimplementedService are left out on purpose.
//   node interop-server.mjs --port=0 [--use_tls=true --cert_file=server.crt --key_file=server.key]
// Prints "listening on http(s)://127.0.0.1:<port>" once serving; exits when stdin closes (its test ended).
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { officialProtos, parseBoolean, parseFlags } from './interop-args.mjs';

const echoInitialKey = 'x-grpc-test-echo-initial';
const echoTrailingKey = 'x-grpc-test-echo-trailing-bin';

let flags;
let useTls;
try {
  flags = parseFlags(process.argv.slice(2), { port: '0', use_tls: 'false', cert_file: '', key_file: '' });
  useTls = parseBoolean('use_tls', flags.use_tls);
  if (!/^\d+$/.test(flags.port)) {
    throw new Error(`--port must be a number, not '${flags.port}'`);
  }
  if (useTls && !(flags.cert_file && flags.key_file)) {
    throw new Error('--use_tls=true needs --cert_file and --key_file (PEM)');
  }
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const definition = protoLoader.loadSync('grpc/testing/test.proto', { includeDirs: [officialProtos], defaults: true });
const { TestService } = grpc.loadPackageDefinition(definition).grpc.testing;

// Echo Metadata: the initial key goes back in the response headers now; returns the trailers to end the call with.
function echoMetadata(call) {
  const initial = call.metadata.get(echoInitialKey);
  if (initial.length > 0) {
    const headers = new grpc.Metadata();
    headers.set(echoInitialKey, initial[0]);
    call.sendMetadata(headers);
  }
  const trailers = new grpc.Metadata();
  for (const value of call.metadata.get(echoTrailingKey)) {
    trailers.add(echoTrailingKey, value);
  }
  return trailers;
}

// Echo Status: the error to end the call with when the request asks for a non-OK status.
function requestedStatus(request, trailers) {
  const status = request.responseStatus;
  return status && status.code !== 0 ? { code: status.code, details: status.message, metadata: trailers } : null;
}

function zeros(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

// One response per ResponseParameters, each after its interval_us; false when the call was cancelled meanwhile.
async function respond(call, request) {
  for (const { size, intervalUs } of request.responseParameters) {
    if (intervalUs > 0) {
      await sleep(intervalUs / 1000);
    }
    if (call.cancelled) {
      return false;
    }
    call.write({ payload: zeros(size) });
  }
  return true;
}

// The request stream; iterating it must not destroy the call, whose response is still to be sent.
function readRequests(call) {
  return call.iterator({ destroyOnReturn: false });
}

// Answers the requests of a streaming call in order; ends with the first requested status, or OK after half-close.
async function respondToAll(call, requests, trailers) {
  try {
    for await (const request of requests) {
      const failure = requestedStatus(request, trailers);
      if (failure) {
        call.emit('error', failure);
        return;
      }
      if (!(await respond(call, request))) {
        return;
      }
    }
    call.end(trailers);
  } catch {
    // The client went away (cancelled, deadline): nothing left to answer.
  }
}

const testService = {
  EmptyCall(call, callback) {
    callback(null, {}, echoMetadata(call));
  },

  UnaryCall(call, callback) {
    const trailers = echoMetadata(call);
    const failure = requestedStatus(call.request, trailers);
    if (failure) {
      callback(failure);
      return;
    }
    callback(null, { payload: zeros(call.request.responseSize) }, trailers);
  },

  StreamingOutputCall(call) {
    respondToAll(call, [call.request], echoMetadata(call));
  },

  StreamingInputCall(call, callback) {
    const trailers = echoMetadata(call);
    let total = 0;
    call.on('data', (request) => { total += request.payload?.body.length ?? 0; });
    call.on('end', () => callback(null, { aggregatedPayloadSize: total }, trailers));
    call.on('error', () => {});
  },

  FullDuplexCall(call) {
    respondToAll(call, readRequests(call), echoMetadata(call));
  },

  async HalfDuplexCall(call) {
    const trailers = echoMetadata(call);
    const requests = [];
    try {
      for await (const request of readRequests(call)) {
        requests.push(request);
      }
    } catch {
      return;
    }
    respondToAll(call, requests, trailers);
  },
};

const server = new grpc.Server();
server.addService(TestService.service, testService);
const credentials = useTls
  ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: fs.readFileSync(flags.cert_file), private_key: fs.readFileSync(flags.key_file) }])
  : grpc.ServerCredentials.createInsecure();
server.bindAsync(`127.0.0.1:${flags.port}`, credentials, (error, port) => {
  if (error) {
    console.error(`cannot listen on 127.0.0.1:${flags.port}: ${error.message}`);
    process.exit(1);
  }
  console.log(`listening on ${useTls ? 'https' : 'http'}://127.0.0.1:${port}`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
