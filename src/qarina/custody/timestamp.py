"""RFC 3161 time-stamp tokens: independent evidence of when a checkpoint existed.

A time-stamp authority (TSA) signs the digest of a signed checkpoint note; the token
proves the note, and so every custody event it commits to, existed at ``gen_time``.
Requests are built offline; the only network call is the POST to a *configured*
authority. Verification needs the authority's certificate chain (PEM: the TSA
certificate, intermediates, and a self-signed root) and nothing else.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from rfc3161_client import (
    HashAlgorithm,
    PKIStatus,
    TimestampRequestBuilder,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from qarina.core.errors import IntegrityError, StorageError, UsageError

CONTENT_TYPE_QUERY = "application/timestamp-query"
CONTENT_TYPE_REPLY = "application/timestamp-reply"
_ALGORITHMS = {
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}
MAX_REPLY_BYTES = 1 << 20


class TimestampError(IntegrityError):
    """A time-stamp token is malformed, not for this data, or not signed by the authority."""

    code = "qarina.integrity.timestamp"


@dataclass(frozen=True, slots=True)
class TimestampAuthority:
    """A configured authority: a name, its URL and its certificate chain (PEM)."""

    name: str
    url: str
    chain_pem: bytes


@dataclass(frozen=True, slots=True)
class TimestampInfo:
    """What a verified token says."""

    gen_time: datetime
    hash_algorithm: str
    serial_number: int
    policy: str
    tsa: str  # subject of the signing certificate, RFC 4514


def build_request(message: bytes) -> bytes:
    """A DER time-stamp request over SHA-256(``message``), with a nonce and cert request."""
    request = (
        TimestampRequestBuilder()
        .data(message)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    return bytes(request.as_bytes())


def request_token(authority: TimestampAuthority, message: bytes, timeout: float = 15.0) -> bytes:
    """Ask ``authority`` for a token over ``message``; return the DER time-stamp response.

    The reply is checked (status granted, signature, imprint) before it is returned.
    """
    if not authority.url.startswith(("http://", "https://")):
        raise UsageError(f"time-stamp authority {authority.name} has no http(s) URL")
    http = urllib.request.Request(
        authority.url,
        data=build_request(message),
        headers={"Content-Type": CONTENT_TYPE_QUERY, "Accept": CONTENT_TYPE_REPLY},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=timeout) as response:
            reply: bytes = response.read(MAX_REPLY_BYTES + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise StorageError(f"time-stamp authority {authority.name} did not answer: {exc}") from exc
    if len(reply) > MAX_REPLY_BYTES:
        raise TimestampError(f"time-stamp authority {authority.name} sent an oversized reply")
    verify_token(reply, message, authority.chain_pem)
    return reply


def _verifier_for(chain_pem: bytes) -> VerifierBuilder:
    try:
        certificates = x509.load_pem_x509_certificates(chain_pem)
    except ValueError as exc:
        raise TimestampError("the authority's certificate chain is not PEM") from exc
    builder = VerifierBuilder()
    roots = 0
    for cert in certificates:
        if cert.subject == cert.issuer:
            builder = builder.add_root_certificate(cert)
            roots += 1
        elif _is_tsa_certificate(cert):
            builder = builder.tsa_certificate(cert)
        else:
            builder = builder.add_intermediate_certificate(cert)
    if not roots:
        raise TimestampError("the authority's certificate chain has no self-signed root")
    return builder


def _is_tsa_certificate(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return ExtendedKeyUsageOID.TIME_STAMPING in usage


def verify_token(token: bytes, message: bytes, chain_pem: bytes) -> TimestampInfo:
    """Check that ``token`` time-stamps ``message`` and is signed under ``chain_pem``.

    Raises :class:`TimestampError` naming what failed.
    """
    try:
        response = decode_timestamp_response(token)
    except (ValueError, TypeError) as exc:
        raise TimestampError(f"not an RFC 3161 time-stamp response: {exc}") from exc
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        raise TimestampError(f"the authority did not grant the time-stamp ({response.status})")
    info = response.tst_info
    algorithm = _ALGORITHMS.get(info.message_imprint.hash_algorithm.dotted_string)
    if algorithm is None:
        raise TimestampError("the token uses a hash algorithm Qarina does not accept")
    expected = hashlib.new(algorithm, message).digest()
    if bytes(info.message_imprint.message) != expected:
        raise TimestampError("the token time-stamps other data (message imprint differs)")
    try:
        verified = _verifier_for(chain_pem).build().verify_message(response, message)
    except (VerificationError, ValueError) as exc:
        raise TimestampError(f"the token's signature does not verify: {exc}") from exc
    if not verified:
        raise TimestampError("the token's signature does not verify")
    return TimestampInfo(
        gen_time=info.gen_time.astimezone(UTC),
        hash_algorithm=algorithm,
        serial_number=int(info.serial_number),
        policy=info.policy.dotted_string if info.policy is not None else "",
        tsa=_tsa_name(response.signed_data.certificates),
    )


def _tsa_name(certificates: set[bytes]) -> str:
    """The signing certificate's subject when the token embeds it (else empty)."""
    for der in sorted(certificates):
        try:
            cert = x509.load_der_x509_certificate(bytes(der))
        except ValueError:
            continue
        if _is_tsa_certificate(cert):
            return str(cert.subject.rfc4514_string())
    return ""
