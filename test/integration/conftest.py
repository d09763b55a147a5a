"""Fixtures of the integration tests.

netns       factory: netns("tag") -> kalib.Netns, deleted at teardown
veth        veth(ns_a, ns_b, "addr_a/len", "addr_b/len") -> kalib Veth
bridge      bridge([(ns, "addr/len"), ...], hub=None) -> kalib Bridge
daemon      daemon(ns, config_text, args=("-n","-l","-G"), binary=None)
            -> started kalib.Daemon, killed (by pid) at teardown
wait_until  kalib.wait_until(predicate, timeout, interval, what=None)
keepalived_bin   path of our bin/keepalived (fails if not built)
keepalived_ref   path of Debian's /usr/sbin/keepalived (skips if absent)

Tests that need namespaces skip, with the reason, when not root or when
'ip netns' does not work. Traffic stays inside namespaces the tests made.
"""
import os
import sys

import pytest

import kalib


@pytest.fixture(scope="session")
def netns_ok():
    reason = kalib.netns_unavailable_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def netns_pool(netns_ok):
    pool = kalib.NetnsPool()
    yield pool
    pool.close()


@pytest.fixture
def netns(netns_pool):
    return netns_pool.create


@pytest.fixture
def veth(netns_pool):
    return netns_pool.veth


@pytest.fixture
def bridge(netns_pool):
    return netns_pool.bridge


@pytest.fixture
def daemon(netns_pool, tmp_path):
    # Depends on netns_pool so that daemons die before their namespaces go.
    pool = kalib.DaemonPool(str(tmp_path))
    yield pool.start
    pool.close()


@pytest.fixture
def wait_until():
    return kalib.wait_until


@pytest.fixture(scope="session")
def keepalived_bin():
    path = kalib.our_binary()
    if not os.access(path, os.X_OK):
        pytest.fail(f"our keepalived is not built: {path} is missing "
                    "(run tools/quickstart test, or make)")
    return path


@pytest.fixture(scope="session")
def keepalived_ref():
    path = kalib.reference_binary()
    if path is None:
        pytest.skip("Debian's keepalived is not installed "
                    "(/usr/sbin/keepalived; tools/install-deps installs it)")
    return path


@pytest.fixture(autouse=True)
def _stop_check_servers():
    """Stops the real servers (checklib.TcpServer) a test started, whether
    or not its module imported checklib's own fixture."""
    yield
    checklib = sys.modules.get("checklib")
    if checklib is not None:
        while checklib._running:
            checklib._running.pop().stop()
