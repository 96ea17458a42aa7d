"""Every gold set side by side: ``python -m backchannel.evaluate``.

    seeds, examples, dev, test   contacts and other events, scored by ../shared/eval/score.py;
                                 "dates" is the share of contacts found with the right people that
                                 also have the right date
    PLOVER gold records          event-type accuracy (python -m backchannel.evaluate.plover)
    TempEval-3, MEANTIME         date value accuracy (python -m backchannel.evaluate.dates)

``dev`` and ``test`` are our gold over ``../shared/corpora`` (``evaluate.corpus``): tune on dev,
only report test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backchannel.evaluate import dates, events, plover
from backchannel.pipeline import Pipeline


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m backchannel.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=events.SHARED)
    ap.add_argument("--sets", default="", help="comma-separated event gold sets to score (default: all)")
    ap.add_argument("--no-plover", action="store_true", help="leave out the PLOVER gold records")
    ap.add_argument("--no-dates", action="store_true", help="leave out TempEval-3 and MEANTIME")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"no scorer at {args.shared / 'eval' / 'score.py'}", file=sys.stderr)
        return 2
    wanted = {s for s in args.sets.split(",") if s}
    pipeline = Pipeline()
    print(
        f"{'set':9} {'contacts P':>10} {'R':>6} {'F1':>6} {'dates':>6} {'other P':>8} {'R':>6} {'F1':>6}  counts"
    )
    for gold_set in events.gold_sets(args.shared):
        if wanted and gold_set.name not in wanted:
            continue
        r = events.score(gold_set, pipeline, args.shared)
        c, o, d = r["contacts"], r["other"], events.right_dates(r)
        print(
            f"{gold_set.name:9} {c['precision']:10.3f} {c['recall']:6.3f} {c['f1']:6.3f} "
            f"{'-' if d is None else f'{d:.3f}':>6} {o['precision']:8.3f} {o['recall']:6.3f} {o['f1']:6.3f}  "
            f"contacts tp {c['tp']} fp {c['fp']} fn {c['fn']}; other tp {o['tp']} fp {o['fp']} fn {o['fn']}"
        )
    if not args.no_plover and (args.shared / "eval" / "plover").is_dir():
        fig = plover.evaluate(args.shared)
        print(f"PLOVER gold records: type accuracy {fig.accuracy:.3f} ({fig.correct}/{fig.total})")
    if not args.no_dates:
        for name, figures in dates.evaluate(args.shared).items():
            print(f"{name}: date value accuracy {figures.accuracy:.3f} over {len(figures.outcomes)} TIMEX3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
