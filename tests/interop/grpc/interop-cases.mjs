// The 14 portable interop cases of grpc/grpc doc/interop-test-descriptions.md, on @grpc/grpc-js stubs of
// grpc.testing.TestService and grpc.testing.UnimplementedService. Each case throws on the first failed assertion.
import grpc from '@grpc/grpc-js';

const echoInitialKey = 'x-grpc-test-echo-initial';
const echoInitialValue = 'test_initial_metadata_value';
const echoTrailingKey = 'x-grpc-test-echo-trailing-bin';
const echoTrailingValue = Buffer.from([0xab, 0xab, 0xab]);
const specialMessage = '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1f608}\t\n';

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function zeros(size) {
  return { body: Buffer.alloc(size) };
}

function checkZeros(payload, size, what) {
  const body = payload?.body;
  check(body?.length === size, `${what}: payload of ${body?.length} bytes, expected ${size}`);
  check(body.every((b) => b === 0), `${what}: payload is not all zeros`);
}

function describe(status) {
  return `${grpc.status[status.code] ?? status.code} ${JSON.stringify(status.details)}`;
}

function checkStatus(status, code, what) {
  check(status.code === code, `${what}: status ${describe(status)}, expected ${grpc.status[code]}`);
}

// Runs a unary call; resolves with its response, response headers and final status (never rejects).
function unary(stub, method, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve) => {
    const result = {};
    const call = stub[method](request, metadata, options, (error, response) => {
      result.response = response;
    });
    call.on('metadata', (headers) => { result.headers = headers; });
    call.on('status', (status) => {
      result.status = status;
      resolve(result);
    });
  });
}

// Collects a streaming call's response headers, messages and final status.
function collect(call) {
  return new Promise((resolve) => {
    const result = { messages: [] };
    call.on('metadata', (headers) => { result.headers = headers; });
    call.on('data', (message) => result.messages.push(message));
    call.on('error', () => {});
    call.on('status', (status) => {
      result.status = status;
      resolve(result);
    });
  });
}

function echoMetadata() {
  const metadata = new grpc.Metadata();
  metadata.set(echoInitialKey, echoInitialValue);
  metadata.set(echoTrailingKey, echoTrailingValue);
  return metadata;
}

function checkEchoedMetadata({ headers, status }, what) {
  const initial = headers?.get(echoInitialKey) ?? [];
  check(initial.length === 1 && initial[0] === echoInitialValue, `${what}: initial metadata ${echoInitialKey} = ${JSON.stringify(initial)}`);
  const trailing = status.metadata.get(echoTrailingKey);
  check(trailing.length === 1 && Buffer.from(trailing[0]).equals(echoTrailingValue),
    `${what}: trailing metadata ${echoTrailingKey} = ${trailing.map((v) => Buffer.from(v).toString('hex'))}`);
}

const pingPongSizes = [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]];

export const cases = {
  async empty_unary({ test }) {
    const { response, status } = await unary(test, 'EmptyCall', {});
    checkStatus(status, grpc.status.OK, 'EmptyCall');
    check(response != null, 'EmptyCall: no response');
  },

  async large_unary({ test }) {
    const { response, status } = await unary(test, 'UnaryCall', { responseSize: 314159, payload: zeros(271828) });
    checkStatus(status, grpc.status.OK, 'UnaryCall');
    checkZeros(response.payload, 314159, 'UnaryCall');
  },

  async client_streaming({ test }) {
    const result = await new Promise((resolve) => {
      const outcome = {};
      const call = test.StreamingInputCall((error, response) => { outcome.response = response; });
      call.on('status', (status) => resolve({ ...outcome, status }));
      for (const size of [27182, 8, 1828, 45904]) {
        call.write({ payload: zeros(size) });
      }
      call.end();
    });
    checkStatus(result.status, grpc.status.OK, 'StreamingInputCall');
    check(result.response.aggregatedPayloadSize === 74922, `aggregated_payload_size ${result.response.aggregatedPayloadSize}, expected 74922`);
  },

  async server_streaming({ test }) {
    const sizes = [31415, 9, 2653, 58979];
    const { messages, status } = await collect(test.StreamingOutputCall({ responseParameters: sizes.map((size) => ({ size })) }));
    checkStatus(status, grpc.status.OK, 'StreamingOutputCall');
    check(messages.length === sizes.length, `${messages.length} responses, expected ${sizes.length}`);
    messages.forEach((message, i) => checkZeros(message.payload, sizes[i], `response ${i}`));
  },

  async ping_pong({ test }) {
    const call = test.FullDuplexCall();
    const done = collect(call);
    for (const [responseSize, requestSize] of pingPongSizes) {
      const reply = new Promise((resolve) => call.once('data', resolve));
      call.write({ responseParameters: [{ size: responseSize }], payload: zeros(requestSize) });
      checkZeros((await reply).payload, responseSize, `reply to the ${requestSize}-byte request`);
    }
    call.end();
    const { messages, status } = await done;
    checkStatus(status, grpc.status.OK, 'FullDuplexCall');
    check(messages.length === pingPongSizes.length, `${messages.length} responses, expected ${pingPongSizes.length}`);
  },

  async empty_stream({ test }) {
    const call = test.FullDuplexCall();
    const done = collect(call);
    call.end();
    const { messages, status } = await done;
    checkStatus(status, grpc.status.OK, 'FullDuplexCall');
    check(messages.length === 0, `${messages.length} responses, expected none`);
  },

  async cancel_after_begin({ test }) {
    const call = test.StreamingInputCall(() => {});
    const done = collect(call);
    call.cancel();
    checkStatus((await done).status, grpc.status.CANCELLED, 'StreamingInputCall');
  },

  async cancel_after_first_response({ test }) {
    const call = test.FullDuplexCall();
    const done = collect(call);
    const first = new Promise((resolve) => call.once('data', resolve));
    call.write({ responseParameters: [{ size: 31415 }], payload: zeros(27182) });
    checkZeros((await first).payload, 31415, 'first response');
    call.cancel();
    checkStatus((await done).status, grpc.status.CANCELLED, 'FullDuplexCall');
  },

  async timeout_on_sleeping_server({ test }) {
    const call = test.FullDuplexCall(new grpc.Metadata(), { deadline: Date.now() + 1 });
    const done = collect(call);
    call.write({ payload: zeros(27182) });
    checkStatus((await done).status, grpc.status.DEADLINE_EXCEEDED, 'FullDuplexCall');
  },

  async custom_metadata({ test }) {
    const unaryResult = await unary(test, 'UnaryCall', { responseSize: 314159, payload: zeros(271828) }, echoMetadata());
    checkStatus(unaryResult.status, grpc.status.OK, 'UnaryCall');
    checkZeros(unaryResult.response.payload, 314159, 'UnaryCall');
    checkEchoedMetadata(unaryResult, 'UnaryCall');

    const call = test.FullDuplexCall(echoMetadata());
    const done = collect(call);
    call.write({ responseParameters: [{ size: 314159 }], payload: zeros(271828) });
    call.end();
    const duplexResult = await done;
    checkStatus(duplexResult.status, grpc.status.OK, 'FullDuplexCall');
    check(duplexResult.messages.length === 1, `FullDuplexCall: ${duplexResult.messages.length} responses, expected 1`);
    checkZeros(duplexResult.messages[0].payload, 314159, 'FullDuplexCall');
    checkEchoedMetadata(duplexResult, 'FullDuplexCall');
  },

  async status_code_and_message({ test }) {
    const responseStatus = { code: 2, message: 'test status message' };
    const { status } = await unary(test, 'UnaryCall', { responseStatus });
    checkStatus(status, grpc.status.UNKNOWN, 'UnaryCall');
    check(status.details === responseStatus.message, `UnaryCall: message ${JSON.stringify(status.details)}`);

    const call = test.FullDuplexCall();
    const done = collect(call);
    call.write({ responseStatus });
    call.end();
    const duplex = (await done).status;
    checkStatus(duplex, grpc.status.UNKNOWN, 'FullDuplexCall');
    check(duplex.details === responseStatus.message, `FullDuplexCall: message ${JSON.stringify(duplex.details)}`);
  },

  async special_status_message({ test }) {
    const { status } = await unary(test, 'UnaryCall', { responseStatus: { code: 2, message: specialMessage } });
    checkStatus(status, grpc.status.UNKNOWN, 'UnaryCall');
    check(status.details === specialMessage, `message ${JSON.stringify(status.details)}, expected ${JSON.stringify(specialMessage)}`);
  },

  async unimplemented_method({ test }) {
    const { status } = await unary(test, 'UnimplementedCall', {});
    checkStatus(status, grpc.status.UNIMPLEMENTED, 'TestService/UnimplementedCall');
  },

  async unimplemented_service({ unimplemented }) {
    const { status } = await unary(unimplemented, 'UnimplementedCall', {});
    checkStatus(status, grpc.status.UNIMPLEMENTED, 'UnimplementedService/UnimplementedCall');
  },
};
