"""The fuzz suite: builds the libFuzzer targets ("make fuzz", with clang),
replays every saved input of each target (its seed corpus and the inputs
that once crashed it, in regress/), then fuzzes each target for a short
time (KA_FUZZ_SECONDS, 60 by default).

A crash, a leak, a sanitizer report or an input slower than the time-out
fails the target's test; the input is saved under test-results/fuzz/ with
the command that replays it. Once fixed, the input goes into
test/fuzz/regress/TARGET/ so that it is replayed on every run.
"""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "test", "fuzz", "out")
RESULTS = os.path.join(ROOT, "test-results", "fuzz")
TARGETS = ["vrrp", "http", "dns", "smtp", "netlink", "conf"]
SECONDS = int(os.environ.get("KA_FUZZ_SECONDS", "60"))
INPUT_TIMEOUT_S = 20      # one input taking longer is a finding
RSS_LIMIT_MB = 2048


def _why_not_buildable():
    if shutil.which("clang") is None:
        return "clang is not installed (tools/install-deps installs it)"
    if not os.path.exists(os.path.join(ROOT, "Makefile")):
        return "the tree is not configured"
    return None


@pytest.fixture(scope="session")
def built():
    why = _why_not_buildable()
    if why:
        pytest.skip(why)
    os.makedirs(RESULTS, exist_ok=True)
    log = os.path.join(RESULTS, "build.log")
    with open(log, "w") as f:
        rc = subprocess.run(["make", "-j2", "fuzz"], cwd=ROOT, stdout=f,
                            stderr=subprocess.STDOUT, timeout=1200).returncode
    if rc != 0:
        with open(log) as f:
            text = f.read()
        if "fuzzer" in text and ("cannot find" in text or
                                 "No such file" in text):
            pytest.skip("clang has no libFuzzer here (install "
                        "libclang-rt-dev)")
        pytest.fail(f"make fuzz failed (log: {log}):\n{text[-3000:]}")
    return OUT


def _inputs(target):
    files = []
    for sub in ("corpus", "regress"):
        d = os.path.join(HERE, sub, target)
        if os.path.isdir(d):
            files += [os.path.join(d, f) for f in sorted(os.listdir(d))
                      if not f.startswith(".")]
    return files


def _report(target, what, proc_out, artifacts):
    saved = []
    for a in artifacts:
        dst = os.path.join(RESULTS, os.path.basename(a))
        shutil.copy(a, dst)
        saved.append(dst)
    tail = "\n".join(proc_out.splitlines()[-60:])
    replay = "\n".join(f"  {os.path.join(OUT, 'fuzz_' + target)} {s}"
                       for s in saved)
    return (f"fuzz_{target}: {what}\n{tail}\n"
            f"saved input(s), replay with:\n{replay}")


@pytest.mark.parametrize("target", TARGETS)
def test_replay_saved_inputs(built, target):
    """Every seed and every input that once failed runs clean."""
    files = _inputs(target)
    assert files, f"no seed inputs for {target}: run test/fuzz/make-seeds"
    prog = os.path.join(built, f"fuzz_{target}")
    # In batches: the argument list of thousands of files is long.
    for i in range(0, len(files), 200):
        p = subprocess.run([prog, f"-timeout={INPUT_TIMEOUT_S}",
                            f"-rss_limit_mb={RSS_LIMIT_MB}"] +
                           files[i:i + 200], capture_output=True, text=True,
                           errors="replace", timeout=600)
        assert p.returncode == 0, _report(target, "a saved input fails",
                                          p.stderr, [])


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz(built, target):
    """SECONDS of coverage-guided fuzzing find nothing."""
    prog = os.path.join(built, f"fuzz_{target}")
    seeds = os.path.join(HERE, "corpus", target)
    work = tempfile.mkdtemp(prefix=f"ka-fuzz-{target}-")
    prefix = os.path.join(work, "finding-")
    os.makedirs(os.path.join(work, "corpus"))
    try:
        p = subprocess.run(
            [prog, f"-max_total_time={SECONDS}",
             f"-timeout={INPUT_TIMEOUT_S}", f"-rss_limit_mb={RSS_LIMIT_MB}",
             f"-artifact_prefix={prefix}", "-print_final_stats=1",
             os.path.join(work, "corpus"), seeds],
            capture_output=True, text=True, errors="replace",
            timeout=SECONDS + 300)
        artifacts = [os.path.join(work, f) for f in os.listdir(work)
                     if f.startswith("finding-")]
        runs = re.search(r"stat::number_of_executed_units:\s+(\d+)",
                         p.stderr)
        assert p.returncode == 0 and not artifacts, _report(
            target, f"exit {p.returncode}", p.stderr, artifacts)
        assert runs and int(runs.group(1)) > 0, \
            f"fuzz_{target} ran no input:\n{p.stderr[-2000:]}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
