"""A local RFC 3161 time-stamp authority run with ``openssl ts`` (CA, TSA key, config)."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONFIG = """\
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

TSA_EXT = """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
"""


def _run(*args: str, cwd: Path, data: bytes | None = None) -> bytes:
    done = subprocess.run(args, cwd=cwd, input=data, capture_output=True, check=True)
    return done.stdout


@dataclass
class LocalTSA:
    """Keys, certificates and config of a throw-away authority in ``folder``."""

    folder: Path

    @property
    def chain_pem(self) -> bytes:
        return (self.folder / "tsa.crt").read_bytes() + (self.folder / "ca.crt").read_bytes()

    def reply(self, request: bytes) -> bytes:
        """``openssl ts -reply`` for a DER request: the DER time-stamp response."""
        (self.folder / "req.tsq").write_bytes(request)
        _run(
            "openssl",
            "ts",
            "-reply",
            "-config",
            "tsa.cnf",
            "-queryfile",
            "req.tsq",
            "-out",
            "resp.tsr",
            cwd=self.folder,
        )
        return (self.folder / "resp.tsr").read_bytes()


def make_tsa(folder: Path) -> LocalTSA:
    """Create a CA, a TSA certificate it issued (EKU timeStamping) and the ts config."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tsa.cnf").write_text(CONFIG.format(dir=folder))
    (folder / "tsa_ext.cnf").write_text(TSA_EXT)
    (folder / "serial").write_text("01\n")
    _run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "30",
        "-subj",
        "/CN=Qarina Test Root",
        cwd=folder,
    )
    _run(
        "openssl",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "tsa.key",
        "-out",
        "tsa.csr",
        "-subj",
        "/CN=Qarina Test TSA",
        cwd=folder,
    )
    _run(
        "openssl",
        "x509",
        "-req",
        "-in",
        "tsa.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "tsa.crt",
        "-days",
        "30",
        "-extfile",
        "tsa_ext.cnf",
        cwd=folder,
    )
    return LocalTSA(folder)


@contextmanager
def serve_tsa(tsa: LocalTSA) -> Iterator[str]:
    """Serve ``tsa`` over HTTP on 127.0.0.1; yield its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            reply = tsa.reply(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
