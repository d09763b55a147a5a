"""Helpers for the integration tests: network namespaces, daemons, waits.

The pytest fixtures in ../conftest.py are thin wrappers around these
classes, so that a test (or the harness's own tests) can also use them
directly as context managers.
"""
from .wait import WaitTimeout, wait_until
from .run import run
from .paths import REPO_ROOT, our_binary, reference_binary
from .netns import Netns, NetnsPool, netns_unavailable_reason
from .daemon import Daemon, DaemonPool

__all__ = [
    "WaitTimeout", "wait_until", "run", "REPO_ROOT", "our_binary",
    "reference_binary", "Netns", "NetnsPool", "netns_unavailable_reason",
    "Daemon", "DaemonPool",
]
