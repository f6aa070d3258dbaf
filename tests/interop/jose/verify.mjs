// Verifies a JWT with jose using only a published JWKS.
// stdin: { "jwks": {...}, "token": "...", "issuer": "...", "audience": "...", "typ": "...", "algorithms": ["ES256"] }
// stdout: { "header": {...}, "payload": {...} }; exit code 1 with the jose error on stderr when it does not verify.
import { createLocalJWKSet, jwtVerify } from "jose";
import { readJsonFromStdin } from "./read-stdin.mjs";

const input = await readJsonFromStdin();
try {
  const { payload, protectedHeader } = await jwtVerify(input.token, createLocalJWKSet(input.jwks), {
    issuer: input.issuer,
    audience: input.audience,
    typ: input.typ,
    algorithms: input.algorithms,
  });
  process.stdout.write(JSON.stringify({ header: protectedHeader, payload }));
} catch (error) {
  process.stderr.write(`${error.code ?? error.name}: ${error.message}\n`);
  process.exit(1);
}
