"""The vendored front-end files: where the pages expect them, and the step that puts them there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backchannel.errors import ConfigError
from backchannel.web import vendor

WEB = Path(vendor.__file__).resolve().parent


def test_web_vendor_templates_load_exactly_the_vendored_files() -> None:
    html = (WEB / "templates" / "timeline.html").read_text(encoding="utf-8")
    loaded = set(re.findall(r'/static/vendor/([^"]+)"', html))
    assert loaded == {t for t in vendor.FILES.values() if not t.endswith((".md", ".txt"))}


def test_web_vendor_lock_pins_what_package_json_asks_for() -> None:
    wanted = json.loads((WEB / "package.json").read_text())["dependencies"]
    lock = json.loads((WEB / "package-lock.json").read_text())
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        assert lock["packages"][f"node_modules/{name}"]["integrity"].startswith("sha512-")


def test_web_vendor_output_is_ignored_by_git() -> None:
    ignore = (WEB / "static" / "vendor" / ".gitignore").read_text().split()
    assert "*" in ignore and "!.gitignore" in ignore


def test_web_vendor_without_npm_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vendor.shutil, "which", lambda name: None)
    with pytest.raises(ConfigError, match="npm not found"):
        vendor.vendor(force=True)


def test_web_vendor_up_to_date_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (vendor.vendored() and vendor.STAMP.is_file()):
        pytest.skip("vis-timeline is not vendored here (python -m backchannel.web.vendor)")
    monkeypatch.setattr(vendor.shutil, "which", lambda name: None)  # would fail if it ran npm
    assert vendor.vendor() == []
