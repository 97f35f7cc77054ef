"""The verification guide shipped in every bundle: how to check it without Qarina."""

from __future__ import annotations

GUIDE = """\
# How to verify this case file

This bundle can be checked with nothing but its own content. Qarina does it in one step
(`qarina verify-bundle FILE.zip --key VERIFIER_KEY`); the steps below do the same with
common tools, so that nobody has to trust Qarina.

## 1. Every file is the file that was listed

`manifest.json` lists every file with its SHA-256 digest and size. `SHA256SUMS` holds the
same digests (and the manifest's own) in the format of `sha256sum`:

    unzip FILE.zip -d bundle && cd bundle
    sha256sum -c SHA256SUMS          # every line must say OK

Protected originals (items that identify protected persons) are not in the bundle; the
manifest lists their digests under `withheld`, and a redacted copy is in `redacted/`. The
redaction itself is a custody event (kind `redacted`) naming both digests.

## 2. The custody events are in the signed log

`custody/events.jsonl` holds the custody events about this case and its items, one per
line, exactly as they were hashed into the log (RFC 8785 canonical JSON). Each event's
leaf hash is SHA-256(0x00 || line bytes). `custody/proofs.json` gives, for every event,
its RFC 6962 inclusion proof in the tree of `size` leaves whose root the checkpoint
`custody/checkpoint.note` states. In Python (standard library only):

    import base64, hashlib, json
    sha = lambda b: hashlib.sha256(b).digest()
    note = open("custody/checkpoint.note", encoding="utf-8").read()
    origin, size, root = note.split("\\n")[:3]
    root = base64.b64decode(root)
    proofs = {p["index"]: p for p in json.load(open("custody/proofs.json"))["proofs"]}
    for line in open("custody/events.jsonl", "rb").read().splitlines():
        event = json.loads(line)
        p = proofs[event["index"]]
        fn, sn, r = event["index"], int(size) - 1, sha(b"\\x00" + line)
        for h in map(bytes.fromhex, p["hashes"]):          # RFC 9162 section 2.1.3.2
            if fn & 1 or fn == sn:
                r = sha(b"\\x01" + h + r)
                while not fn & 1 and fn:
                    fn, sn = fn >> 1, sn >> 1
            else:
                r = sha(b"\\x01" + r + h)
            fn, sn = fn >> 1, sn >> 1
        assert sn == 0 and r == root, event["index"]

## 3. The checkpoint is signed by the workspace key

`custody/checkpoint.note` is a C2SP signed note: the text (origin, size, base64 root),
a blank line, then `— NAME base64(4-byte key id || Ed25519 signature)`. The public key is
in `custody/verifier.key` (`NAME+HEXID+base64(0x01 || key)`, the format of Go's
`golang.org/x/mod/sumdb/note`). Compare that key with the one the workspace owner
published *through another channel*: a bundle that carries its own key only proves it
is internally consistent. With Python's `cryptography` package:

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    name, key_id, key = open("custody/verifier.key").read().strip().split("+", 2)
    text, sigs = note.split("\\n\\n")
    blob = base64.b64decode(sigs.split(" ")[-1])
    Ed25519PublicKey.from_public_bytes(base64.b64decode(key)[1:]).verify(
        blob[4:], (text + "\\n").encode())

## 4. Independent time (optional)

`custody/timestamps/*.tsr` are RFC 3161 time-stamp responses over the exact bytes of
`custody/checkpoint.note`, with the authority's certificate chain next to each (`.pem`):

    openssl ts -verify -data custody/checkpoint.note -in custody/timestamps/01-NAME.tsr \\
        -CAfile custody/timestamps/01-NAME.pem -untrusted custody/timestamps/01-NAME.pem

## 5. The report points at these files

Every link in `report/report.html` to a file of the bundle carries the file's digest in
a `data-sha256` attribute; the evidence index (`data/evidence_index.csv`) gives the same
digests. They must equal the digests in `manifest.json`.
"""
