"""The date evaluation reads TimeML and MEANTIME files and scores values; checked on tiny documents
written here (not taken from the gold corpora)."""

from __future__ import annotations

from pathlib import Path

from backchannel.evaluate.dates import evaluate, main, meantime_documents, score, te3_documents

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
The <EVENT eid="e1">talks</EVENT> ended <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>; they resume <TIMEX3 tid="t3" type="DATE" value="2013-W13">next week</TIMEX3>,
and <TIMEX3 tid="t4" type="DATE" value="2013-W99">last week</TIMEX3> was quiet.
</TEXT>
</TimeML>
"""

CAT = """<?xml version="1.0" ?>
<Document doc_id="1" doc_name="toy" lang="en">
<token number="0" sentence="0" t_id="1">Markets</token>
<token number="1" sentence="0" t_id="2">fall</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">12</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">Stocks</token>
<token number="7" sentence="2" t_id="8">fell</token>
<token number="8" sentence="2" t_id="9">on</token>
<token number="9" sentence="2" t_id="10">Wednesday</token>
<token number="10" sentence="2" t_id="11">.</token>
<Markables>
<TIMEX3 m_id="20" type="DATE" value="2009-03-12" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 m_id="21" type="DATE" value="2009-03-11" functionInDocument="NONE"><token_anchor t_id="10"/></TIMEX3>
<TIMEX3 m_id="22" type="DATE" value="2058" functionInDocument="NONE"/>
</Markables>
</Document>
"""


def test_dates_evaluate_reads_timeml(tmp_path: Path) -> None:
    (tmp_path / "toy.tml").write_text(TML, encoding="utf-8")
    (doc,) = te3_documents(tmp_path)
    assert doc.dct.start is not None and doc.dct.start.isoformat() == "2013-03-22"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Thursday",
        "three days",
        "next week",
        "last week",
    ]
    figures = score("toy", [doc])
    # 2013-03-22 is a Friday: Thursday is the 21st; "resume next week" is week 13. The last value
    # in the file is deliberately wrong (week 11 is right), so three of four agree.
    assert [o.ours for o in figures.outcomes] == ["2013-03-21", "P3D", "2013-W13", "2013-W11"]
    assert figures.accuracy == 0.75
    assert figures.by_type() == {"DATE": (2 / 3, 3), "DURATION": (1.0, 1)}
    assert len(figures.errors()) == 1


def test_dates_evaluate_reads_meantime(tmp_path: Path) -> None:
    folder = tmp_path / "corpus_toy"
    folder.mkdir()
    (folder / "toy.xml").write_text(CAT, encoding="utf-8")
    (doc,) = meantime_documents(tmp_path)
    # The DCT is left out, and so is the TIMEX3 without tokens; 2009-03-12 is a Thursday.
    assert doc.text.split("\n")[1] == "March 12, 2009"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["Wednesday"]
    figures = score("toy", [doc])
    assert figures.accuracy == 1.0 and figures.detection == 1.0


def test_dates_evaluate_missing_folder(tmp_path: Path) -> None:
    assert evaluate(tmp_path) == {}
    assert main(["--shared", str(tmp_path)]) == 1
