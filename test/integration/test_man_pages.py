"""The man pages in doc/man: lint-clean, and in step with the binary."""
import glob
import os
import re
import shutil

import pytest

from kalib import REPO_ROOT, run

MAN = os.path.join(REPO_ROOT, "doc", "man")
PAGES = sorted(glob.glob(os.path.join(MAN, "man[1-8]", "*.[1-8]")))
KEEPALIVED_8 = os.path.join(MAN, "man8", "keepalived.8")


def page_id(path):
    return os.path.relpath(path, MAN)


@pytest.fixture(scope="module")
def mandoc():
    path = shutil.which("mandoc")
    if path is None:
        pytest.skip("mandoc is not installed (tools/install-deps installs it)")
    return path


@pytest.mark.parametrize("page", PAGES or [None], ids=page_id if PAGES
                         else ["none"])
def test_page_is_lint_clean(mandoc, page):
    if page is None:
        pytest.skip("no man pages in doc/man yet")
    res = run([mandoc, "-T", "lint", "-W", "warning", page], timeout=30)
    assert res.returncode == 0 and not res.stdout.strip(), \
        f"mandoc -T lint:\n{res.stdout}{res.stderr}"


def test_keepalived_8_documents_every_long_option(keepalived_bin):
    if not os.path.exists(KEEPALIVED_8):
        pytest.skip("doc/man/man8/keepalived.8 is not written yet")
    with open(KEEPALIVED_8, encoding="utf-8") as f:
        text = f.read().replace("\\-", "-")
    res = run([keepalived_bin, "--help"], timeout=10)
    options = set(re.findall(r"--([a-z][a-z0-9_-]*)", res.stdout + res.stderr))
    assert options, "no long option found in our --help"
    missing = sorted(o for o in options
                     if not re.search(rf"--{re.escape(o)}\b", text))
    assert not missing, f"options missing from keepalived(8): {missing}"
