"""A long-lived LibreOffice for PDF conversion: started on first use, kept, restarted if it dies.

A cold `soffice --convert-to` spends most of its 5–10 s starting LibreOffice. unoserver keeps
one LibreOffice listening and converts over XML-RPC in about a second. Its server needs
LibreOffice's Python bindings (Debian's python3-uno, for the system Python), which the
virtualenv's Python cannot import, so it runs under the system Python with only unoserver on
its path; this process talks to it with the standard library's xmlrpc client. Conversions
are serialised by a lock (one LibreOffice converts one document at a time) and the server
is shut down when the process exits.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from functools import cache
from pathlib import Path

from minsheng.reports import fontconfig

log = logging.getLogger(__name__)
SYSTEM_PYTHON = "/usr/bin/python3"
START_TIMEOUT = 60.0  # seconds for LibreOffice to start listening
PR_SET_PDEATHSIG = 1  # prctl(2)


class ConverterUnavailable(RuntimeError):
    """The fast path cannot run here (no python3-uno or unoserver); use the cold one."""


@cache
def available() -> bool:
    """python3-uno for the system Python, unoserver for this one, and soffice on PATH."""
    if shutil.which("soffice") is None or importlib.util.find_spec("unoserver") is None:
        return False
    if not Path(SYSTEM_PYTHON).is_file():
        return False
    probe = [SYSTEM_PYTHON, "-c", "import uno"]
    return subprocess.run(probe, capture_output=True, check=False, timeout=30).returncode == 0


class UnoConverter:
    """One unoserver process (and its LibreOffice) for this Python process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._port = 0

    def convert(self, docx: bytes) -> bytes:
        """The PDF of `docx`; one retry on a fresh server if the old one has died."""
        if not available():
            raise ConverterUnavailable("python3-uno or unoserver is not installed")
        with self._lock:
            try:
                return self._convert(docx)
            except (OSError, xmlrpc.client.Fault, xmlrpc.client.ProtocolError) as error:
                log.warning("LibreOffice server failed (%s); restarting it", error)
                self._stop()
                return self._convert(docx)

    def _convert(self, docx: bytes) -> bytes:
        if self._process is None or self._process.poll() is not None:
            self._start()
        with xmlrpc.client.ServerProxy(self._url(), allow_none=True) as proxy:
            result = proxy.convert(None, xmlrpc.client.Binary(docx), None, "pdf")
        return bytes(result.data)  # type: ignore[union-attr]

    def _url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def _start(self) -> None:
        self._stop()
        self._folder = tempfile.TemporaryDirectory(prefix="minsheng-unoserver-")
        folder = Path(self._folder.name)
        self._port, uno_port = _free_port(), _free_port()
        command = [
            SYSTEM_PYTHON, "-m", "unoserver.server", "--port", str(self._port),
            "--uno-port", str(uno_port), "--user-installation", str(folder / "profile"),
            "--executable", shutil.which("soffice") or "soffice", "--quiet",
        ]  # fmt: skip
        env = fontconfig.environment({**os.environ, "PYTHONPATH": str(_unoserver_path(folder))})
        self._process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, preexec_fn=_end_with_parent,  # noqa: PLW1509
        )  # fmt: skip
        self._wait_until_listening()
        log.info("LibreOffice server started (pid %s, port %s)", self._process.pid, self._port)

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                raise ConverterUnavailable("the LibreOffice server exited while starting")
            try:
                with xmlrpc.client.ServerProxy(self._url()) as proxy:
                    proxy.info()
                return
            except OSError:
                time.sleep(0.2)
        self._stop()
        raise ConverterUnavailable(f"the LibreOffice server did not start in {START_TIMEOUT} s")

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()  # unoserver ends its LibreOffice on SIGTERM
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def shut_down(self) -> None:
        """End the server and its LibreOffice (at exit, or in tests)."""
        with self._lock:
            self._stop()

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs (tests end it to check the restart)."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None


def _end_with_parent() -> None:
    """On Linux the server gets SIGTERM when this process dies, even when killed (no atexit
    then): unoserver ends its LibreOffice on SIGTERM, so none is left behind."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unoserver_path(folder: Path) -> Path:
    """A folder holding only unoserver (and its metadata) for the system Python's path."""
    spec = importlib.util.find_spec("unoserver")
    assert spec is not None and spec.origin is not None
    package = Path(spec.origin).parent
    shim = folder / "path"
    shim.mkdir()
    (shim / "unoserver").symlink_to(package)
    for info in package.parent.glob("unoserver-*.dist-info"):
        (shim / info.name).symlink_to(info)
    return shim


CONVERTER = UnoConverter()
atexit.register(CONVERTER.shut_down)
