"""A parser call with a hard deadline: it runs in a worker process, which is killed when it overruns.

    call_with_deadline(fn, *args, seconds=, source=)   fn(*args), or UnreadableInput at the deadline

Why a process and not a timer: a timer that raises an exception into the parsing thread can be
swallowed by a library's broad ``except`` (trafilatura has many), and it can land after the work
has returned, somewhere unrelated. A process that is killed cannot catch anything, and once it is
gone nothing of it is left to fire.

How:

1. One worker per parent process (started on first use; it runs ``serve`` with the parent's
   ``sys.path``). It imports the parsers once, says it is ready, then serves
   calls one at a time: a request is ``(module, name, args)``, an answer ``("ok", value)`` or
   ``("error", reason)``. Messages are length-prefixed pickles on the worker's stdin and on a
   copy of its stdout (its own stdout goes to stderr, so a library that prints cannot corrupt
   an answer).
2. The deadline starts when a request has been sent, not while the worker starts, so a slow
   start on a busy machine costs no document its time.
3. At the deadline the parent kills the worker (SIGKILL), reaps it, and raises
   ``UnreadableInput`` naming ``Limits.max_document_seconds``. The next call starts a new one.
4. The worker leaves when its stdin closes, so it never outlives its parent.

Calls are serialised by a lock: a worker serves one parser call at a time.
"""

from __future__ import annotations

import atexit
import importlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any, TypeVar

from backchannel.errors import InputError, UnreadableInput

T = TypeVar("T")

_HEADER = struct.Struct("!Q")
_READY = "ready"
# How long a new worker may take to import the parsers before the call is refused: generous,
# because a busy machine is slow to start Python; it is not the document's time limit.
START_SECONDS = 300.0
# Modules the worker imports before it says it is ready, so that no call pays for them.
PRELOAD = ("backchannel.read._html", "backchannel.read._feed")


class WorkerError(Exception):
    """The worker died, or answered something that is not an answer."""


def call_with_deadline(fn: Callable[..., T], *args: Any, seconds: float, source: str) -> T:
    """``fn(*args)`` in the worker; ``UnreadableInput`` naming ``source`` when it takes longer than
    ``seconds`` or when the worker dies. An ``InputError`` raised by ``fn`` comes back as an
    ``UnreadableInput`` with the same reason. ``fn`` must be a module-level function."""
    with _LOCK:
        worker = _WORKER.get()
        try:
            status, value = worker.call(fn, args, seconds)
        except TimeoutError:
            _WORKER.discard()
            reason = (
                f"took longer than {seconds:g} s to parse (Limits.max_document_seconds); raise it to read it"
            )
            raise UnreadableInput(source, reason) from None
        except WorkerError as error:
            _WORKER.discard()
            raise UnreadableInput(source, f"the parser process failed ({error})") from None
    if status == "error":
        raise UnreadableInput(source, value)
    return value


def worker_pid() -> int | None:
    """The running worker's process id, or None: for tests and diagnostics."""
    with _LOCK:
        return _WORKER.pid()


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from backchannel.read._deadline import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout = self.proc.stdout.fileno()
        status, _ = self._receive(time.monotonic() + START_SECONDS, starting=True)
        if status != _READY:
            raise WorkerError(f"the worker did not start (said {status!r})")

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> tuple[str, Any]:
        request = pickle.dumps((fn.__module__, fn.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.stdin.write(_HEADER.pack(len(request)) + request)
            self.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise WorkerError(f"cannot send the document: {error}") from None
        return self._receive(time.monotonic() + seconds)

    def _receive(self, deadline: float, starting: bool = False) -> tuple[str, Any]:
        (size,) = _HEADER.unpack(self._read(_HEADER.size, deadline, starting))
        try:
            answer = pickle.loads(self._read(size, deadline, starting))
        except Exception as error:
            raise WorkerError(f"unreadable answer: {error}") from None
        if not (isinstance(answer, tuple) and len(answer) == 2):
            raise WorkerError("unreadable answer")
        return answer

    def _read(self, size: int, deadline: float, starting: bool) -> bytes:
        chunks, missing = [], size
        while missing:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.stdout], [], [], left)[0]:
                if starting:
                    raise WorkerError(f"the worker did not start within {START_SECONDS:g} s")
                raise TimeoutError
            chunk = os.read(self.stdout, min(missing, 1 << 20))
            if not chunk:
                code = self.proc.poll()
                raise WorkerError("the worker exited" + (f" with code {code}" if code is not None else ""))
            chunks.append(chunk)
            missing -= len(chunk)
        return b"".join(chunks)

    def stop(self) -> None:
        """Kill and reap: nothing of the worker is left running."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


class _Slot:
    """The parent's one worker, started on first use and replaced after a kill."""

    def __init__(self) -> None:
        self.worker: _Worker | None = None
        self.owner = os.getpid()

    def get(self) -> _Worker:
        if self.owner != os.getpid():  # a forked child must not share its parent's worker
            self.worker, self.owner = None, os.getpid()
        if self.worker is None or self.worker.proc.poll() is not None:
            self.worker = _Worker()
        return self.worker

    def pid(self) -> int | None:
        worker = self.worker if self.owner == os.getpid() else None
        return worker.proc.pid if worker is not None and worker.proc.poll() is None else None

    def discard(self) -> None:
        if self.worker is not None and self.owner == os.getpid():
            self.worker.stop()
        self.worker = None


_LOCK = threading.Lock()
_WORKER = _Slot()
atexit.register(_WORKER.discard)


def serve() -> None:
    """The worker's loop: what the worker process runs."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into an answer
    inp = sys.stdin.buffer

    def answer(status: str, value: Any) -> None:
        try:
            data = pickle.dumps((status, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an unpicklable result is a failed parse, not a dead worker
            data = pickle.dumps(("error", f"cannot return the result ({type(error).__name__})"))
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()

    for name in PRELOAD:
        importlib.import_module(name)
    answer(_READY, None)
    while True:
        header = inp.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return  # the parent closed our stdin, or is gone
        module, qualname, args = pickle.loads(inp.read(_HEADER.unpack(header)[0]))
        try:
            fn: Any = importlib.import_module(module)
            for part in qualname.split("."):
                fn = getattr(fn, part)
            answer("ok", fn(*args))
        except InputError as error:
            answer("error", error.reason)
        except Exception as error:
            answer("error", f"cannot parse it ({type(error).__name__}: {str(error)[:200]})")
