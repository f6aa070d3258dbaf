// Verifies a JWT with jose knowing only the issuer: RFC 8414 metadata, then its jwks_uri.
// stdin: { "issuer": "https://...", "token": "...", "audience": "...", "typ": "at+jwt" }
// Trust a private CA with NODE_EXTRA_CA_CERTS.
// stdout: { "header": {...}, "payload": {...}, "jwks_uri": "..." }; exit code 1 with the error on stderr otherwise.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { readJsonFromStdin } from "./read-stdin.mjs";

const input = await readJsonFromStdin();
try {
  const issuer = new URL(input.issuer);
  const wellKnown = new URL(`/.well-known/oauth-authorization-server${issuer.pathname.replace(/\/$/, "")}`, issuer);
  const response = await fetch(wellKnown);
  if (!response.ok) {
    throw new Error(`GET ${wellKnown} answered ${response.status}`);
  }
  const metadata = await response.json();
  if (metadata.issuer !== input.issuer) {
    throw new Error(`metadata names issuer ${metadata.issuer}, not ${input.issuer}`);
  }
  const { payload, protectedHeader } = await jwtVerify(input.token, createRemoteJWKSet(new URL(metadata.jwks_uri)), {
    issuer: input.issuer,
    audience: input.audience,
    typ: input.typ,
    algorithms: ["ES256"],
  });
  process.stdout.write(JSON.stringify({ header: protectedHeader, payload, jwks_uri: metadata.jwks_uri }));
} catch (error) {
  process.stderr.write(`${error.code ?? error.name}: ${error.message}\n`);
  process.exit(1);
}
