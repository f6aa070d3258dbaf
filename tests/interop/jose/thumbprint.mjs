// Computes RFC 7638 SHA-256 thumbprints with jose.
// stdin: { "keys": [JWK, ...] }; stdout: [ "thumbprint", ... ] in the same order.
import { calculateJwkThumbprint } from "jose";
import { readJsonFromStdin } from "./read-stdin.mjs";

const input = await readJsonFromStdin();
const thumbprints = await Promise.all(input.keys.map((jwk) => calculateJwkThumbprint(jwk, "sha256")));
process.stdout.write(JSON.stringify(thumbprints));
