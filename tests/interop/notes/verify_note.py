"""Verifies a C2SP signed note (signature type 0x02: ECDSA P-256, SHA-256, DER) with the Python
'cryptography' package, from a published JWK alone. Independent of the .NET code under test.

stdin: {"note": "<signed note>", "name": "<key name>", "jwk": {...EC P-256 public JWK...}}
stdout: {"verified": true|false, "key_id": "<8 hex digits>", "size": <tree size>, "root": "<base64>"}
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def main():
    request = json.load(sys.stdin)
    jwk = request["jwk"]
    numbers = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64url(jwk["x"]), "big"), int.from_bytes(b64url(jwk["y"]), "big"), ec.SECP256R1())
    key = numbers.public_key()
    spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    key_id = hashlib.sha256(spki).digest()[:4]

    note = request["note"]
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    verified = False
    for line in signatures.rstrip("\n").split("\n"):
        dash, name, encoded = line.split(" ")
        blob = base64.b64decode(encoded)
        if dash != "\u2014" or name != request["name"] or blob[:4] != key_id:
            continue
        try:
            key.verify(blob[4:], text.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
            verified = True
        except InvalidSignature:
            verified = False
            break

    origin, size, root = text.rstrip("\n").split("\n")[:3]
    json.dump({"verified": verified, "key_id": key_id.hex(), "size": int(size), "root": root}, sys.stdout)


main()
