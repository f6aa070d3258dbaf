// Generates a key pair with jose and signs a JWT with it.
// stdin: { "alg": "ES256" | "PS256" | "RS256", "typ": "at+jwt", "claims": {...} }
// stdout: { "jwks": { "keys": [public JWK with kid = RFC 7638 thumbprint, alg, use] }, "token": "..." }
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { readJsonFromStdin } from "./read-stdin.mjs";

const input = await readJsonFromStdin();
const { publicKey, privateKey } = await generateKeyPair(input.alg, { modulusLength: 2048 });
const jwk = await exportJWK(publicKey);
const kid = await calculateJwkThumbprint(jwk);
const token = await new SignJWT(input.claims)
  .setProtectedHeader({ alg: input.alg, kid, typ: input.typ })
  .sign(privateKey);
process.stdout.write(JSON.stringify({ jwks: { keys: [{ ...jwk, kid, alg: input.alg, use: "sig" }] }, token }));
