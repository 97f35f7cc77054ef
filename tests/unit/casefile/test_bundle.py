"""Bundle round trip, determinism, and adversarial tampering: each names its finding."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qarina.casefile import layout
from qarina.casefile.archive import build_zip, read_zip
from qarina.casefile.bundle import build_bundle, bundle_files, sha256sums
from qarina.casefile.verify import verify_bundle
from qarina.core.errors import InputError, IntegrityError
from qarina.custody.keys import Signer, verifier_key_string
from tests.unit.casefile.builders import PUBLIC, REDACTED, SIGNER, WITNESS, ref, sample_input

KEY = verifier_key_string(SIGNER)


@pytest.fixture(scope="module")
def bundle() -> bytes:
    return build_bundle(sample_input())


def test_round_trip_verifies_with_pinned_key(bundle: bytes) -> None:
    report = verify_bundle(bundle, KEY)
    assert report.ok, report.failures
    assert {
        "file.hash",
        "custody.proof",
        "checkpoint.signature",
        "key.pinned",
        "report.references",
        "index.hash",
        "custody.coverage",
    } <= set(report.checks)


def test_same_input_gives_same_bytes(bundle: bytes) -> None:
    assert build_bundle(sample_input()) == bundle


def test_protected_original_is_withheld_and_redaction_shipped(bundle: bytes) -> None:
    files = read_zip(bundle)
    assert not any(WITNESS in content for content in files.values())
    assert files[layout.redacted_path(ref(WITNESS))] == REDACTED
    manifest = json.loads(files[layout.MANIFEST])
    assert manifest["withheld"][0]["sha256"] == ref(WITNESS)
    assert PUBLIC in files.values()


def _digests(files: dict[str, bytes]) -> dict[str, tuple[str, int]]:
    return {p: ("sha256:" + hashlib.sha256(c).hexdigest(), len(c)) for p, c in files.items()}


def _rezip(
    bundle: bytes, change: Callable[[dict[str, bytes]], None], reseal: bool = False
) -> bytes:
    files = read_zip(bundle)
    change(files)
    if reseal:  # an attacker who also rewrites the manifest and the sums
        manifest = json.loads(files[layout.MANIFEST])
        for entry in manifest["files"]:
            if entry["path"] in files:
                content = files[entry["path"]]
                entry["sha256"] = "sha256:" + hashlib.sha256(content).hexdigest()
                entry["size"] = len(content)
        files[layout.MANIFEST] = json.dumps(manifest).encode()
        del files[layout.SUMS]
        files[layout.SUMS] = sha256sums(_digests(files))
    return build_zip(files)


def _flip(path: str) -> Callable[[dict[str, bytes]], None]:
    def change(files: dict[str, bytes]) -> None:
        data = bytearray(files[path])
        data[len(data) // 2] ^= 0x01
        files[path] = bytes(data)

    return change


def _original(files: dict[str, bytes]) -> str:
    return next(p for p in files if p.startswith("originals/"))


def _swap_proofs(files: dict[str, bytes]) -> None:
    proofs = json.loads(files[layout.PROOFS])
    first, second = proofs["proofs"][0], proofs["proofs"][1]
    first["hashes"], second["hashes"] = second["hashes"], first["hashes"]
    files[layout.PROOFS] = json.dumps(proofs).encode()


def _edit_event(files: dict[str, bytes]) -> None:
    files[layout.EVENTS] = files[layout.EVENTS].replace(b'"tester"', b'"mallory"', 1)


def _respace_event(files: dict[str, bytes]) -> None:
    files[layout.EVENTS] = files[layout.EVENTS].replace(b'{"actor"', b'{ "actor"', 1)


def _edit_derivative(files: dict[str, bytes]) -> None:
    path = next(p for p in files if p.startswith("derivatives/") and p.endswith(".json"))
    files[path] = files[path].replace(b'"pages": 1', b'"pages": 2')


def _retarget_report(files: dict[str, bytes]) -> None:
    html = files[layout.REPORT_HTML].decode()
    files[layout.REPORT_HTML] = html.replace(
        'data-sha256="sha256:', 'data-sha256="sha256:0', 1
    ).encode()


@pytest.mark.parametrize(
    ("name", "change", "reseal", "finding"),
    [
        ("changed original byte", lambda f: _flip(_original(f))(f), False, "file.hash"),
        ("changed report byte", _flip(layout.REPORT_PDF), False, "file.hash"),
        ("missing file", lambda f: f.pop(layout.TIMELINE), False, "file.missing"),
        ("extra file", lambda f: f.update({"originals/extra.txt": b"x"}), False, "file.unlisted"),
        ("swapped proofs", _swap_proofs, True, "custody.proof"),
        ("edited event", _edit_event, True, "custody.proof"),
        ("non-canonical event", _respace_event, True, "custody.event"),
        ("forged checkpoint", _flip(layout.CHECKPOINT), True, "checkpoint.signature"),
        ("swapped original", lambda f: f.update({_original(f): WITNESS}), True, "custody.coverage"),
        ("report points elsewhere", _retarget_report, True, "report.references"),
        ("missing sums", lambda f: f.pop(layout.SUMS), False, "sums.match"),
        ("edited derivative", _edit_derivative, True, "custody.coverage"),
    ],
)
def test_tampering_fails_with_the_finding_named(
    bundle: bytes,
    name: str,
    change: Callable[[dict[str, bytes]], None],
    reseal: bool,
    finding: str,
) -> None:
    report = verify_bundle(_rezip(bundle, change, reseal), KEY)
    assert not report.ok, name
    assert finding in {f.check for f in report.failures}, (name, report.failures)


def test_edited_event_with_recomputed_leaf_fails_the_proof(bundle: bytes) -> None:
    def change(files: dict[str, bytes]) -> None:
        lines = files[layout.EVENTS].splitlines()
        event = json.loads(lines[0])
        event["actor"] = "mallory"
        lines[0] = json.dumps(event, separators=(",", ":"), sort_keys=True).encode()
        files[layout.EVENTS] = b"".join(line + b"\n" for line in lines)

    report = verify_bundle(_rezip(bundle, change, reseal=True), KEY)
    assert "custody.proof" in {f.check for f in report.failures}


def test_a_resigned_bundle_fails_against_the_pinned_key(bundle: bytes) -> None:
    forger = Signer(SIGNER.name, bytes(32))

    def change(files: dict[str, bytes]) -> None:
        text = files[layout.CHECKPOINT].decode().split("\n\n")[0] + "\n"
        from qarina.custody.note import sign_note

        files[layout.CHECKPOINT] = sign_note(text, [forger]).encode()
        files[layout.VERIFIER_KEY] = (verifier_key_string(forger) + "\n").encode()

    forged = _rezip(bundle, change, reseal=True)
    manifest_fix = read_zip(forged)
    manifest = json.loads(manifest_fix[layout.MANIFEST])
    manifest["checkpoint"]["note_sha256"] = (
        "sha256:" + hashlib.sha256(manifest_fix[layout.CHECKPOINT]).hexdigest()
    )
    manifest_fix[layout.MANIFEST] = json.dumps(manifest).encode()
    del manifest_fix[layout.SUMS]
    manifest_fix[layout.SUMS] = sha256sums(_digests(manifest_fix))
    forged = build_zip(manifest_fix)
    assert verify_bundle(forged).ok  # consistent in itself...
    report = verify_bundle(forged, KEY)  # ...but not signed by the key the reader trusts
    assert {"key.pinned", "checkpoint.signature"} <= {f.check for f in report.failures}


def test_bad_pinned_key_and_garbage_are_findings_not_crashes(bundle: bytes) -> None:
    assert "key.pinned" in {f.check for f in verify_bundle(bundle, "nonsense").failures}
    assert [f.check for f in verify_bundle(b"not a zip").failures] == ["bundle.archive"]
    assert "bundle.manifest" in {
        f.check for f in verify_bundle(build_zip({"a.txt": b"x"})).failures
    }


def test_unsafe_names_and_bombs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qarina.casefile.archive.BOMB_MIN", 1 << 20)
    with pytest.raises(InputError, match="unsafe"):
        build_zip({"../evil": b"x"})
    bomb = build_zip({"zeros.bin": bytes(20 << 20)})
    with pytest.raises(InputError, match="ZIP bomb"):
        read_zip(bomb)
    assert [f.check for f in verify_bundle(bomb).failures] == ["bundle.archive"]


def test_every_file_is_in_manifest_and_sums() -> None:
    files = bundle_files(sample_input())
    manifest = json.loads(files[layout.MANIFEST])
    listed = {entry["path"] for entry in manifest["files"]}
    assert listed == set(files) - layout.UNLISTED
    sums = files[layout.SUMS].decode().splitlines()
    assert len(sums) == len(files) - 1


def _guide_code(guide: str) -> str:
    """The indented Python blocks of the guide, in order, as one program."""
    blocks, current = [], []
    for line in guide.splitlines():
        if line.startswith("    "):
            current.append(line[4:])
        elif current and line.strip():
            blocks.append("\n".join(current))
            current = []
    python = [b for b in blocks if "import" in b or "Ed25519PublicKey" in b]
    return "\n".join(python)


def test_the_guide_verifies_the_bundle_without_qarina(bundle: bytes, tmp_path: Path) -> None:
    files = read_zip(bundle)
    for path, content in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    code = _guide_code(files[layout.GUIDE].decode())
    assert "hashlib" in code and "Ed25519PublicKey" in code
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True)
    assert sums.returncode == 0
    ok = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    events = tmp_path / layout.EVENTS
    events.write_bytes(events.read_bytes().replace(b"tester", b"mallory", 1))
    bad = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode != 0 and "AssertionError" in bad.stderr


def test_export_refuses_originals_that_no_longer_match(bundle: bytes) -> None:
    corrupted = {ref(PUBLIC): PUBLIC + b"!", ref(WITNESS): WITNESS, ref(REDACTED): REDACTED}
    data = sample_input(open_blob=lambda sha: io.BytesIO(corrupted[sha]))
    with pytest.raises(IntegrityError, match="do not match"):
        build_bundle(data)


def test_verify_streams_from_a_file(bundle: bytes, tmp_path: Path) -> None:
    path = tmp_path / "case.zip"
    path.write_bytes(bundle)
    with path.open("rb") as stream:
        assert verify_bundle(stream, KEY).ok


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_changed_byte_fails(bundle: bytes, data: st.DataObject) -> None:
    central = zipfile.ZipFile(io.BytesIO(bundle)).start_dir
    position = data.draw(
        st.one_of(st.integers(0, len(bundle) - 1), st.integers(central, len(bundle) - 1))
    )
    mask = data.draw(st.integers(1, 255))
    changed = bytearray(bundle)
    changed[position] ^= mask
    assert not verify_bundle(bytes(changed), KEY).ok


def test_container_changes_are_named(bundle: bytes) -> None:
    for changed in (b"x" + bundle, bundle + b"x"):
        assert "bundle.container" in {f.check for f in verify_bundle(changed, KEY).failures}


def test_covering_checkpoint_prefers_the_oldest_time_stamped_one() -> None:
    from datetime import UTC, datetime

    from qarina.casefile.gather import covering_checkpoint
    from qarina.core.clock import FixedClock
    from qarina.core.model import CustodyEvent
    from qarina.custody.log import CustodyLog
    from qarina.custody.memory_store import MemoryLogStore

    at = datetime(2026, 1, 1, tzinfo=UTC)
    log = CustodyLog(MemoryLogStore(), clock=FixedClock(at))
    for _ in range(3):
        log.append([CustodyEvent("viewed", "t", at, "x", {}) for _ in range(2)])
        log.checkpoint(SIGNER, at)
    assert [c.size for c in log.store.checkpoints()] == [2, 4, 6]
    assert covering_checkpoint(log, 2) is not None
    assert covering_checkpoint(log, 2)[1] == 4  # type: ignore[index]
    assert covering_checkpoint(log, 2, frozenset({6}))[1] == 6  # type: ignore[index]
    assert covering_checkpoint(log, 2, frozenset({2}))[1] == 4  # type: ignore[index]
    assert covering_checkpoint(log, 6) is None
