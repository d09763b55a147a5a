"""Where the binaries under test are."""
import os

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__),
                                         "..", "..", ".."))
REFERENCE_KEEPALIVED = "/usr/sbin/keepalived"


def our_binary(name="keepalived"):
    """Path of our built program `name`.

    tools/run-tests sets KA_BIN_DIR to a private copy of bin/ so that a
    rebuild running at the same time cannot swap the file under a test.
    """
    bindir = os.environ.get("KA_BIN_DIR") or os.path.join(REPO_ROOT, "bin")
    return os.path.join(bindir, name)


def reference_binary():
    """Debian's keepalived, or None when it is not installed."""
    path = REFERENCE_KEEPALIVED
    return path if os.access(path, os.X_OK) else None
