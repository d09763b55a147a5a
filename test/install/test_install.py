"""make install, make uninstall and make distcheck, on a private copy.

The copy (the files git knows, plus new ones not ignored) is built in a
temporary folder, so that the checkout the other suites build and test is
never touched. It is configured with a prefix inside that folder:
"make install DESTDIR=..." shows what a package would contain, and a plain
"make install" gives a unit whose ExecStart names a real file, for
systemd-analyze.

As root, every make runs as "nobody": distcheck makes the unpacked source
read-only to catch a rule that writes into $(srcdir), and that only works
for a user whom permissions stop.
"""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENCE_KEEPALIVED = "/usr/sbin/keepalived"
BUILD_TIMEOUT_S = 20 * 60
DISTCHECK_TIMEOUT_S = 45 * 60
# configure alone took over 5 min on this machine with six builds beside it
STEP_TIMEOUT_S = 15 * 60
UNPRIVILEGED = "nobody"

# What "make install" must put under the prefix, besides the samples and
# MIBs, which are listed from the source.
FIXED_FILES = [
    "sbin/keepalived",
    "bin/genhash",
    "share/man/man8/keepalived.8",
    "share/man/man5/keepalived.conf.5",
    "share/man/man1/genhash.1",
    "etc/keepalived/keepalived.conf.sample",
    "etc/default/keepalived",
    "lib/systemd/system/keepalived.service",
]
MAN_PAGES = [f for f in FIXED_FILES if f.startswith("share/man/")]


def run(cmd, timeout, **kwargs):
    """Runs cmd (a list) with text output; killed (by pid) on time-out."""
    return subprocess.run(cmd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout, **kwargs)


def show(res):
    return f"$ {' '.join(res.args)}  (exit {res.returncode})\n" + \
        "\n".join(res.stdout.splitlines()[-60:])


class Tree:
    """The private copy: its source, its prefix, and make run as the
    unprivileged user when we are root."""

    def __init__(self, top):
        self.top = top
        self.src = os.path.join(top, "src")
        self.prefix = os.path.join(top, "prefix")
        self.user = None
        if os.geteuid() == 0 and shutil.which("setpriv"):
            self.user = pwd.getpwnam(UNPRIVILEGED)

    def as_builder(self, cmd):
        if self.user is None:
            return cmd
        return ["setpriv", f"--reuid={self.user.pw_uid}",
                f"--regid={self.user.pw_gid}", "--clear-groups"] + cmd

    def env(self):
        return {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
                "HOME": self.top, "LC_ALL": "C", "TMPDIR": self.top}

    def make(self, *args, timeout=STEP_TIMEOUT_S):
        return run(self.as_builder(["make", "-j2", *args]), timeout,
                   cwd=self.src, env=self.env())

    def sh(self, cmd, timeout=STEP_TIMEOUT_S):
        return run(self.as_builder(cmd), timeout, cwd=self.src,
                   env=self.env())

    def give(self, path):
        """Hands path, and all below it, to the user make runs as."""
        if self.user is None:
            return
        ids = (self.user.pw_uid, self.user.pw_gid)
        os.lchown(path, *ids)
        for d, dirs, names in os.walk(path):
            for n in dirs + names:
                os.lchown(os.path.join(d, n), *ids)

    def destdir(self, name):
        path = os.path.join(self.top, name)
        os.mkdir(path)
        self.give(path)
        return path


def source_files():
    """The checkout's files as git sees them (tracked, and untracked but
    not ignored), or None outside a git checkout."""
    if shutil.which("git") is None:
        return None
    res = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "-c", "-o",
                          "--exclude-standard"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, timeout=60)
    if res.returncode != 0:
        return None
    return [f for f in res.stdout.decode().split("\0")
            if f and os.path.isfile(os.path.join(ROOT, f))]


def copy_tree(files, dst):
    for rel in files:
        target = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), target)


@pytest.fixture(scope="module")
def tree():
    files = source_files()
    if files is None:
        pytest.skip("not a git checkout: the install tests copy the files "
                    "git lists (from a tarball, run make distcheck)")
    top = tempfile.mkdtemp(prefix="ka-install-")
    try:
        t = Tree(top)
        copy_tree(files, t.src)
        t.give(top)
        for step in (["./autogen.sh"],
                     ["./configure", "-q", f"--prefix={t.prefix}"]):
            res = t.sh(step)
            assert res.returncode == 0, show(res)
        res = t.make(timeout=BUILD_TIMEOUT_S)
        assert res.returncode == 0, show(res)
        assert "warning:" not in res.stdout, show(res)
        yield t
    finally:
        shutil.rmtree(top, ignore_errors=True)


def files_under(path):
    found = set()
    for d, _, names in os.walk(path):
        for n in names:
            found.add(os.path.relpath(os.path.join(d, n), path))
    return found


def expected_files(src):
    want = set(FIXED_FILES)
    for f in glob.glob(os.path.join(src, "doc", "samples", "*.conf")):
        want.add("share/doc/keepalived/samples/" + os.path.basename(f))
    for f in glob.glob(os.path.join(src, "doc", "mibs", "*.txt")):
        want.add("share/snmp/mibs/" + os.path.basename(f))
    return want


@pytest.fixture(scope="module")
def staged(tree):
    """make install DESTDIR=...: the installed prefix inside it."""
    dest = tree.destdir("stage")
    res = tree.make("install", f"DESTDIR={dest}")
    assert res.returncode == 0, show(res)
    return dest + tree.prefix


@pytest.fixture(scope="module")
def installed(tree):
    """make install into the configured prefix itself."""
    res = tree.make("install")
    assert res.returncode == 0, show(res)
    return tree.prefix


def test_install_puts_exactly_the_expected_files(tree, staged):
    assert files_under(staged) == expected_files(tree.src)


def test_installed_keepalived_runs(staged):
    res = run([os.path.join(staged, "sbin", "keepalived"), "-v"], 10)
    assert res.returncode == 0 and "Keepalived v" in res.stdout, show(res)


def test_installed_genhash_runs(staged):
    res = run([os.path.join(staged, "bin", "genhash"), "--help"], 10)
    assert res.returncode == 0 and "genhash" in res.stdout, show(res)


def installed_samples(staged):
    return sorted(glob.glob(os.path.join(
        staged, "share", "doc", "keepalived", "samples", "*.conf"))) + \
        [os.path.join(staged, "etc", "keepalived", "keepalived.conf.sample")]


@pytest.fixture
def sample_host():
    """A network namespace with the interfaces the samples name (eth0,
    eth1, eth2, as veth ends), removed afterwards; None where namespaces
    cannot be made (not root): the samples are then judged here."""
    name = f"ka-inst-{os.getpid()}"
    if run(["ip", "netns", "add", name], 10).returncode != 0:
        yield None
        return
    try:
        for ifname in ("eth0", "eth1", "eth2"):
            run(["ip", "-n", name, "link", "add", ifname, "type", "veth",
                 "peer", "name", f"{ifname}p"], 10)
            run(["ip", "-n", name, "link", "set", ifname, "up"], 10)
        yield name
    finally:
        run(["ip", "netns", "del", name], 10)


def test_installed_samples_pass_config_test(staged, tmp_path, sample_host):
    samples = installed_samples(staged)
    assert len(samples) > 1
    keepalived = os.path.join(staged, "sbin", "keepalived")
    prefix = ["ip", "netns", "exec", sample_host] if sample_host else []
    for path in samples:
        res = run(prefix + [keepalived, "-t", "-f", path], 10, cwd=tmp_path)
        assert res.returncode == 0, show(res)


def test_sysconf_sample_accepted_by_debian_keepalived(staged, tmp_path):
    if not os.access(REFERENCE_KEEPALIVED, os.X_OK):
        pytest.skip("Debian's keepalived is not installed "
                    "(tools/install-deps installs it)")
    path = os.path.join(staged, "etc", "keepalived", "keepalived.conf.sample")
    res = run([REFERENCE_KEEPALIVED, "-t", "-f", path], 10, cwd=tmp_path)
    assert res.returncode == 0, show(res)


def unit_keys(path):
    keys = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                keys.setdefault(k, []).append(v)
    return keys


def test_unit_names_the_installed_files(tree, staged):
    path = os.path.join(staged, "lib", "systemd", "system",
                        "keepalived.service")
    with open(path, encoding="utf-8") as f:
        assert "@" not in f.read(), "a template placeholder is left"
    keys = unit_keys(path)
    assert keys["ExecStart"][0].split()[0] == \
        os.path.join(tree.prefix, "sbin", "keepalived")
    assert keys["EnvironmentFile"] == [
        "-" + os.path.join(tree.prefix, "etc", "default", "keepalived")]
    assert keys["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert "$KEEPALIVED_OPTIONS" in keys["ExecStart"][0]


def test_default_file_sets_keepalived_options(staged):
    path = os.path.join(staged, "etc", "default", "keepalived")
    with open(path, encoding="utf-8") as f:
        settings = [ln.strip() for ln in f
                    if ln.strip() and not ln.startswith("#")]
    assert settings == ['KEEPALIVED_OPTIONS=""']


def test_unit_passes_systemd_analyze_verify(installed, tmp_path):
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    unit = os.path.join(installed, "lib", "systemd", "system",
                        "keepalived.service")
    # A probe first: where systemd-analyze cannot run at all (no /proc,
    # seccomp...), even a trivial unit fails, and that is a skip.
    probe = tmp_path / "ka-probe.service"
    probe.write_text("[Service]\nType=oneshot\nExecStart=/bin/true\n")
    res = run([tool, "verify", str(probe)], 60)
    if res.returncode != 0:
        pytest.skip(f"systemd-analyze verify cannot run here: {show(res)}")
    res = run([tool, "verify", unit], 60)
    assert res.returncode == 0 and not res.stdout.strip(), show(res)


@pytest.mark.parametrize("page", MAN_PAGES, ids=os.path.basename)
def test_installed_man_page_is_clean(staged, page):
    path = os.path.join(staged, page)
    # (command, whether its standard output is the page rather than a
    # diagnostic); every diagnostic fails the test.
    checks = [(["mandoc", "-T", "lint", "-W", "warning", path], False),
              (["groff", "-ww", "-t", "-man", "-z", path], False),
              (["man", "--warnings", "-l", path], True)]
    checks = [c for c in checks if shutil.which(c[0][0])]
    if not checks:
        pytest.skip("none of mandoc, groff and man is installed")
    env = dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat")
    for cmd, renders in checks:
        res = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, timeout=60, env=env)
        said = res.stderr + ("" if renders else res.stdout)
        assert res.returncode == 0 and not said.strip(), \
            f"{' '.join(cmd)} (exit {res.returncode}):\n{said}"
        if renders:
            assert "NAME" in res.stdout, f"{' '.join(cmd)} rendered nothing"


def test_existing_default_file_is_kept(tree):
    dest = tree.destdir("keep")
    path = dest + os.path.join(tree.prefix, "etc", "default", "keepalived")
    os.makedirs(os.path.dirname(path))
    mine = 'KEEPALIVED_OPTIONS="-D"\n'
    with open(path, "w", encoding="utf-8") as f:
        f.write(mine)
    tree.give(dest)
    res = tree.make("install", f"DESTDIR={dest}")
    assert res.returncode == 0, show(res)
    with open(path, encoding="utf-8") as f:
        assert f.read() == mine
    res = tree.make("uninstall", f"DESTDIR={dest}")
    assert res.returncode == 0, show(res)
    assert files_under(dest) == {os.path.relpath(path, dest)}


def test_mib_files_are_installed_and_removed(tree):
    mib = os.path.join(tree.src, "doc", "mibs", "KA-TEST-MIB.txt")
    dest = tree.destdir("mibs")
    with open(mib, "w", encoding="utf-8") as f:
        f.write("KA-TEST-MIB DEFINITIONS ::= BEGIN\nEND\n")
    try:
        res = tree.make("install", f"DESTDIR={dest}")
        assert res.returncode == 0, show(res)
        prefix = dest + tree.prefix
        assert os.path.isfile(os.path.join(prefix, "share", "snmp", "mibs",
                                           "KA-TEST-MIB.txt"))
        assert files_under(prefix) == expected_files(tree.src)
        res = tree.make("uninstall", f"DESTDIR={dest}")
        assert res.returncode == 0, show(res)
        assert files_under(dest) == set()
    finally:
        os.unlink(mib)


def test_uninstall_leaves_no_file(tree, staged, installed):
    dest = staged[:-len(tree.prefix)]
    for args in (["uninstall", f"DESTDIR={dest}"], ["uninstall"]):
        res = tree.make(*args)
        assert res.returncode == 0, show(res)
    assert files_under(dest) == set()
    assert files_under(tree.prefix) == set()


def failed_test_logs(top):
    """The harness summary and failed tests' logs that a failed distcheck
    left in its build folder."""
    text = ""
    for log in glob.glob(os.path.join(top, "*", "_build", "sub",
                                      "test-suite.log")):
        with open(log, encoding="utf-8", errors="replace") as f:
            text += f"--- {log}:\n" + "\n".join(f.read().splitlines()[:300])
    return text


def test_distcheck(tree):
    res = tree.make("distcheck", timeout=DISTCHECK_TIMEOUT_S)
    assert res.returncode == 0, show(res) + "\n" + failed_test_logs(tree.src)
    assert "archives ready for distribution" in res.stdout, show(res)
