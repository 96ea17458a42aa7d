"""`backchannel kb ...` in process: each command prints an answer, or one error line and exit 1."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from backchannel.kb import default_kb
from backchannel.kb.commands import kb_app

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
runner = CliRunner()


@pytest.fixture(autouse=True)
def shipped_kb_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKCHANNEL_KB_PATH", raising=False)
    default_kb.cache_clear()


def test_kb_commands_show_person_with_fuzzy_spelling() -> None:
    result = runner.invoke(kb_app, ["show", "Zaluzhniy"])
    assert result.exit_code == 0
    assert "person valerii-zaluzhnyi: Valerii Zaluzhnyi" in result.output
    assert "2021-07-27" in result.output


def test_kb_commands_show_unknown_name() -> None:
    result = runner.invoke(kb_app, ["show", "qqqq zzzz xxxx"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: nothing in the knowledge base is called 'qqqq zzzz xxxx'"


def test_kb_commands_who_function_phrase() -> None:
    result = runner.invoke(kb_app, ["who", "defence minister", "--country", "Russia", "--on", "2021-09-22"])
    assert result.exit_code == 0
    assert (
        result.output.strip()
        == "Minister of Defence of Russia [RUS, rus-defence-minister]: Sergei Shoigu (2012-11-06 to 2024-05-14)"
    )


def test_kb_commands_who_role_id_on_boundary() -> None:
    result = runner.invoke(kb_app, ["who", "usa-cjcs", "--on", "2023-10-01"])
    assert "Charles Q. Brown Jr. (2023-10-01 to 2025-02-21)" in result.output
    assert "Milley" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["who", "usa-cjcs", "--on", "2023-13-01"],
            "error: cannot read date '2023-13-01': use YYYY-MM-DD, YYYY-MM or YYYY",
        ),
        (["who", "usa-cjcs", "--country", "Atlantis"], "error: unknown country 'Atlantis'"),
        (["who", "qqqq zzzz xxxx"], "error: no office matches 'qqqq zzzz xxxx'"),
    ],
)
def test_kb_commands_who_errors_are_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(kb_app, args)
    assert result.exit_code == 1
    assert result.output.strip().startswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_kb_commands_check_passes_on_shipped_data() -> None:
    result = runner.invoke(kb_app, ["check"])
    assert result.exit_code == 0
    assert ": 0 errors," in result.output


def test_kb_commands_check_fails_on_bad_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "bad.yaml").write_text(
        "- {id: x, name: X Y, roles: [{role: usa-cjcs, start: 2020-01-01}]}\n"
    )
    monkeypatch.setenv("BACKCHANNEL_KB_PATH", str(tmp_path))
    default_kb.cache_clear()
    result = runner.invoke(kb_app, ["check"])
    assert result.exit_code == 1
    assert "error: usa-cjcs: mark-milley (2019-10-01..2023-09-30) overlaps x" in result.output


def test_kb_commands_broken_extension_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "people.yaml").write_text("- {id: x}\n")
    monkeypatch.setenv("BACKCHANNEL_KB_PATH", str(tmp_path))
    default_kb.cache_clear()
    result = runner.invoke(kb_app, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "bad people entry" in result.output
    assert "Traceback" not in result.output


def test_kb_commands_import_wikidata(tmp_path: Path) -> None:
    result = runner.invoke(
        kb_app, ["import-wikidata", str(FIXTURES / "entitydata.json"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "imported 1 people and 0 new roles" in result.output
    assert "name: Jimmy Carter" in (tmp_path / "people" / "wikidata.yaml").read_text()


def test_kb_commands_import_wikidata_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(kb_app, ["import-wikidata", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert "cannot read Wikidata file" in result.output


def test_kb_commands_coverage_table() -> None:
    result = runner.invoke(kb_app, ["coverage", "-c", "RUS", "-c", "Turkey", "--until", "2026-11-23"])
    assert result.exit_code == 0
    assert result.output.startswith("| country | head_of_state | head_of_government |")
    # Putin; Medvedev and Mishustin; Lavrov; Shoigu and Belousov; Gerasimov
    assert "| RUS | 1 | 2 | 1 | 2 | 1 |" in result.output
    # Turkey's prime ministers until 2018, then the president heads the government: no gap
    assert "| TUR |" in result.output and "gap" not in result.output
    assert "2 of 2 countries have every office covered on every day" in result.output


def test_kb_commands_coverage_lists_gaps() -> None:
    # our records of Russia's offices begin long after 1990: the years before are a gap
    result = runner.invoke(
        kb_app, ["coverage", "-c", "RUS", "--since", "1990-01-01", "--gaps", "--until", "2026-11-23"]
    )
    assert result.exit_code == 0
    assert "0 of 1 countries have every office covered on every day" in result.output
    assert "RUS chief_of_defence: no holder 1990-01-01.." in result.output


def test_kb_commands_coverage_unknown_country() -> None:
    result = runner.invoke(kb_app, ["coverage", "-c", "Atlantis"])
    assert result.exit_code == 1
    assert "unknown country 'Atlantis'" in result.output
