"""vis-timeline, installed from npm and served by the app itself (no CDN at run time).

    python -m backchannel.web.vendor [--force]      what ``./dev setup`` runs

1. ``npm ci`` from ``package.json`` and ``package-lock.json`` (beside this module), in a
   temporary folder so that the source tree gets no ``node_modules``;
2. the built files listed in ``FILES`` are copied into ``static/vendor/`` (build output,
   ignored by git), with a stamp of the lock file, so a second run with the same lock does nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from backchannel.errors import ConfigError

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "static" / "vendor"
LOCK = HERE / "package-lock.json"
STAMP = VENDOR / ".lock-sha256"

# node_modules path -> path under static/vendor/ (the names the templates use).
FILES = {
    "vis-timeline/dist/vis-timeline-graph2d.min.js": "vis-timeline/vis-timeline-graph2d.min.js",
    "vis-timeline/dist/vis-timeline-graph2d.min.css": "vis-timeline/vis-timeline-graph2d.min.css",
    "vis-timeline/LICENSE.md": "vis-timeline/LICENSE.md",
    "vis-timeline/LICENSE.MIT.txt": "vis-timeline/LICENSE.MIT.txt",
    "vis-timeline/LICENSE.Apache-2.0.txt": "vis-timeline/LICENSE.Apache-2.0.txt",
}


def _lock_digest() -> str:
    return hashlib.sha256(LOCK.read_bytes()).hexdigest()


def vendored() -> bool:
    """Whether the vendored files are in place (the timeline page says so when they are not)."""
    return all((VENDOR / target).is_file() for target in FILES.values())


def vendor(force: bool = False) -> list[Path]:
    """Install and copy the front-end files; returns the files written (none when up to date)."""
    if not force and vendored() and STAMP.is_file() and STAMP.read_text().strip() == _lock_digest():
        return []
    npm = shutil.which("npm")
    if npm is None:
        raise ConfigError(
            "npm not found; install Node.js and npm, then run: python -m backchannel.web.vendor"
        )
    with tempfile.TemporaryDirectory(prefix="backchannel-npm-") as tmp:
        for name in ("package.json", "package-lock.json", ".npmrc"):
            shutil.copy2(HERE / name, Path(tmp) / name)
        _npm_ci(npm, Path(tmp))
        written = [
            _copy(Path(tmp) / "node_modules" / source, VENDOR / target) for source, target in FILES.items()
        ]
    STAMP.write_text(_lock_digest() + "\n")
    return written


def _npm_ci(npm: str, folder: Path) -> None:
    # --ignore-scripts: nothing from the registry runs here; the files we need are built already.
    args = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--legacy-peer-deps"]
    done = subprocess.run(args, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
        raise ConfigError(f"npm ci failed ({lines[-1]}); check the network to the npm registry and retry")


def _copy(source: Path, target: Path) -> Path:
    if not source.is_file():
        raise ConfigError(f"the npm package has no {source.name}; update FILES in {__file__} for its layout")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        written = vendor(force="--force" in args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"vendored {len(written)} files into {VENDOR}" if written else f"{VENDOR} is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
