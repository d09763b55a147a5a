"""keepalived -t on hostile configuration files: an include loop, a line
over the 1 MB limit, blocks nested 10,000 deep, binary garbage, a missing
include, a file the user cannot read, a device and a FIFO named as
configuration. Each must end quickly (the run's time-out is a failure,
not a skip), without a crash (no signal, no sanitizer report), with the
verdict a keepalived user expects and a message naming the place.
"""
import os
import random
import re
import shutil
import stat
import subprocess
import tempfile

import pytest

from kalib import run

WHERE = re.compile(r"\(([^()]+?): Line (\d+)\)")
TIMEOUT_S = 60


def check(keepalived_bin, path, cwd, user=None):
    cmd = [keepalived_bin, "-t", "-f", path]
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}",
               "--clear-groups"] + cmd
    res = run(cmd, timeout=TIMEOUT_S, cwd=cwd, errors="replace")
    out = res.stdout + res.stderr
    assert res.returncode >= 0, f"killed by signal {-res.returncode}:\n{out}"
    assert res.returncode in (0, 5), f"exit {res.returncode}:\n{out[-3000:]}"
    assert "Sanitizer" not in out and "runtime error" not in out, out
    return res.returncode, out


def places(out):
    return {(os.path.basename(f), int(n)) for f, n in WHERE.findall(out)}


def write(path, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)
    return str(path)


def test_include_loop(keepalived_bin, tmp_path):
    write(tmp_path / "a.conf", "global_defs {\n router_id a\n}\n"
          "include b.conf\n")
    write(tmp_path / "b.conf", "include a.conf\n")
    rc, out = check(keepalived_bin, str(tmp_path / "a.conf"), tmp_path)
    assert rc == 5
    assert ("b.conf", 1) in places(out), out
    assert "cycle" in out.lower(), out


def test_line_over_one_megabyte(keepalived_bin, tmp_path):
    path = write(tmp_path / "long.conf", "global_defs {\n router_id " +
                 "x" * (2 * 1024 * 1024) + "\n}\n")
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 5
    assert ("long.conf", 2) in places(out), out[:2000]
    assert len(out) < 64 * 1024, "the long line is echoed back"


def test_blocks_nested_ten_thousand_deep(keepalived_bin, tmp_path):
    path = write(tmp_path / "deep.conf", "global_defs {\n" +
                 "x {\n" * 10000 + "}\n" * 10001)
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 5
    assert any(f == "deep.conf" for f, _ in places(out)), out[:2000]
    assert len(out.splitlines()) < 1000, "one report per nested line"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_garbage(keepalived_bin, tmp_path, seed):
    rnd = random.Random(seed)
    data = bytes(rnd.getrandbits(8) for _ in range(256 * 1024))
    path = write(tmp_path / "garbage.conf", data)
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 5
    assert places(out), out[:2000]


def test_missing_include(keepalived_bin, tmp_path):
    # As keepalived: a missing plain include is reported, not an error;
    # includea (every include check) makes it one.
    path = write(tmp_path / "m.conf", "include /nonexistent/x.conf\n")
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 0 and ("m.conf", 1) in places(out), out
    path = write(tmp_path / "mr.conf", "includea /nonexistent/x.conf\n")
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 5 and ("mr.conf", 1) in places(out), out


@pytest.fixture
def world_dir():
    """A folder every user may enter, holding a copy of our binary: the
    test's own tmp_path and the binaries' folder are root's only."""
    d = tempfile.mkdtemp(prefix="ka-hostile-")
    os.chmod(d, 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_unreadable_files(keepalived_bin, world_dir):
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    binary = os.path.join(world_dir, "keepalived")
    shutil.copy(keepalived_bin, binary)
    os.chmod(binary, 0o755)
    secret = write(os.path.join(world_dir, "secret.conf"),
                   "global_defs {\n}\n")
    os.chmod(secret, 0)
    main = write(os.path.join(world_dir, "main.conf"),
                 "includer secret.conf\n")
    os.chmod(main, 0o644)
    rc, out = check(binary, main, world_dir, user=65534)
    assert rc == 5, out
    assert ("main.conf", 1) in places(out) and "Permission denied" in out
    rc, out = check(binary, secret, world_dir, user=65534)
    assert rc == 5 and "Permission denied" in out, out


def test_devices_and_fifos(keepalived_bin, tmp_path):
    fifo = str(tmp_path / "fifo.conf")
    os.mkfifo(fifo)
    path = write(tmp_path / "dev.conf", "includer /dev/zero\n"
                 f"includer {fifo}\n")
    rc, out = check(keepalived_bin, path, tmp_path)
    assert rc == 5, out
    assert ("dev.conf", 1) in places(out) and "not a regular file" in out
    rc, out = check(keepalived_bin, "/dev/zero", tmp_path)
    assert rc == 5 and "not a regular file" in out, out
