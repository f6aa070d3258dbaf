// Generates an ES256 client key with jose and signs an RFC 7523 private_key_jwt client assertion with it.
// stdin: { "clientId": "...", "audience": "<the authority's issuer>" }
// stdout: { "jwk": { public JWK with kid = RFC 7638 thumbprint, alg, use }, "assertion": "..." }
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import { randomUUID } from "node:crypto";
import { readJsonFromStdin } from "./read-stdin.mjs";

const input = await readJsonFromStdin();
const { publicKey, privateKey } = await generateKeyPair("ES256");
const jwk = await exportJWK(publicKey);
const kid = await calculateJwkThumbprint(jwk);
const assertion = await new SignJWT({})
  .setProtectedHeader({ alg: "ES256", kid, typ: "client-authentication+jwt" })
  .setIssuer(input.clientId)
  .setSubject(input.clientId)
  .setAudience(input.audience)
  .setJti(randomUUID())
  .setIssuedAt()
  .setExpirationTime("2m")
  .sign(privateKey);
process.stdout.write(JSON.stringify({ jwk: { ...jwk, kid, alg: "ES256", use: "sig" }, assertion }));
