"""Every environment variable the code reads is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
READS = re.compile(r"""(?:environ(?:\.get)?\(|environ\[|getenv\(|envvar=)["'](BACKCHANNEL_[A-Z_]+)["']""")


def test_docs_settings_every_variable_is_documented() -> None:
    read = {
        m for path in (REPO / "src").rglob("*.py") for m in READS.findall(path.read_text(encoding="utf-8"))
    }
    read |= {
        m for path in (REPO / "tests").rglob("*.py") for m in READS.findall(path.read_text(encoding="utf-8"))
    }
    assert read, "the scan found no settings at all: the pattern is broken"
    documented = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = sorted(v for v in read if f"`{v}`" not in documented)
    assert not missing, f"docs/settings.md does not describe {missing}"
