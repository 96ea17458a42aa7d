"""Scoring the stages against gold data (kept out of the pipeline; run on demand and by the gate)."""
