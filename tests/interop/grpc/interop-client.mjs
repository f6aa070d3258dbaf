// The gRPC interop client (grpc/grpc doc/interop-test-descriptions.md, "Client") on @grpc/grpc-js, with
// the official protos from /usr/share/grpc-proto. Runs the 14 portable cases against any TestService:
//   node interop-client.mjs --server_host=127.0.0.1 --server_port=50051 [--use_tls=true --ca_file=ca.crt]
//        [--server_host_override=localhost] [--test_case=all|<name>[,<name>...]]
//        [--client_cert_file=client.crt --client_key_file=client.key] [--bearer_token_file=token.txt]
// With a client certificate the TLS connection is mutual; with a bearer token every call carries the metadata
// "authorization: Bearer <token>" (as through an organization's gateway).
// Prints "ok <case>" or "FAIL <case>: <reason>" per case; exits 1 when any case failed, 2 on bad arguments.
import fs from 'node:fs';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { officialProtos, parseBoolean, parseFlags } from './interop-args.mjs';
import { cases } from './interop-cases.mjs';

let flags;
let useTls;
try {
  flags = parseFlags(process.argv.slice(2), {
    server_host: '127.0.0.1', server_port: '', server_host_override: '', use_tls: 'false', ca_file: '', test_case: 'all',
    client_cert_file: '', client_key_file: '', bearer_token_file: '',
  });
  useTls = parseBoolean('use_tls', flags.use_tls);
  if (!/^\d+$/.test(flags.server_port)) {
    throw new Error('--server_port is required (a number)');
  }
  if (useTls && !flags.ca_file) {
    throw new Error('--use_tls=true needs --ca_file (the CA that signed the server certificate)');
  }
  if (Boolean(flags.client_cert_file) !== Boolean(flags.client_key_file) || (flags.client_cert_file && !useTls)) {
    throw new Error('--client_cert_file and --client_key_file go together, with --use_tls=true');
  }
  if (flags.bearer_token_file && !useTls) {
    throw new Error('--bearer_token_file needs --use_tls=true (grpc-js sends call credentials over TLS only)');
  }
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const selected = flags.test_case === 'all' ? Object.keys(cases) : flags.test_case.split(',');
const unknown = selected.filter((name) => !(name in cases));
if (unknown.length > 0) {
  console.error(`unknown test case ${unknown.join(', ')}; known: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}

const definition = protoLoader.loadSync('grpc/testing/test.proto', { includeDirs: [officialProtos], defaults: true });
const { TestService, UnimplementedService } = grpc.loadPackageDefinition(definition).grpc.testing;
const channelCredentials = useTls
  ? grpc.credentials.createSsl(
    fs.readFileSync(flags.ca_file),
    flags.client_key_file ? fs.readFileSync(flags.client_key_file) : null,
    flags.client_cert_file ? fs.readFileSync(flags.client_cert_file) : null)
  : grpc.credentials.createInsecure();
const bearer = flags.bearer_token_file ? fs.readFileSync(flags.bearer_token_file, 'utf8').trim() : '';
const credentials = bearer
  ? grpc.credentials.combineChannelCredentials(channelCredentials, grpc.credentials.createFromMetadataGenerator((_, callback) => {
    const metadata = new grpc.Metadata();
    metadata.add('authorization', `Bearer ${bearer}`);
    callback(null, metadata);
  }))
  : channelCredentials;
const options = flags.server_host_override
  ? { 'grpc.ssl_target_name_override': flags.server_host_override, 'grpc.default_authority': flags.server_host_override }
  : {};
const target = `${flags.server_host}:${flags.server_port}`;
const stubs = {
  test: new TestService(target, credentials, options),
  unimplemented: new UnimplementedService(target, credentials, options),
};

// A case that neither passes nor fails within this time fails as hung.
const caseTimeoutMs = 20_000;

let failed = 0;
for (const name of selected) {
  let timer;
  try {
    const hung = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result within ${caseTimeoutMs} ms`)), caseTimeoutMs);
    });
    await Promise.race([cases[name](stubs), hung]);
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}: ${error.message}`);
  } finally {
    clearTimeout(timer);
  }
}

stubs.test.close();
stubs.unimplemented.close();
process.exit(failed === 0 ? 0 : 1);
