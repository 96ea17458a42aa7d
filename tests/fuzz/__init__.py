"""Hostile inputs for the readers: hypothesis strategies (``hostile``, ``markup``, ``archives``), the
checks every read must pass (``check``), and atheris harnesses (``atheris_readers.py``)."""
