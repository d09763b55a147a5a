"""Tests of tools/: how run-tests counts results, and quickstart's usage."""
import importlib.machinery
import importlib.util
import os

import pytest

from kalib import REPO_ROOT, run


def load_run_tests():
    path = os.path.join(REPO_ROOT, "tools", "run-tests")
    loader = importlib.machinery.SourceFileLoader("run_tests", path)
    spec = importlib.util.spec_from_loader("run_tests", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


rt = load_run_tests()

GROUP_OK = """\
[==========] Running 3 test(s).
[ RUN      ] a
[       OK ] a
[ RUN      ] b
[  FAILED  ] b
[ RUN      ] c
[  SKIPPED ] c
[==========] 3 test(s) run.
[  ERROR   ] --- 0x1 != 0x2
[  PASSED  ] 1 test(s).
[  SKIPPED ] 1 test(s), listed below:
[  SKIPPED ] c

 1 SKIPPED TEST(S)
[  FAILED  ] 1 test(s), listed below:
[  FAILED  ] b

 1 FAILED TEST(S)
"""

GROUP_PASS = """\
[==========] Running 2 test(s).
[ RUN      ] x
[       OK ] x
[ RUN      ] y
[       OK ] y
[==========] 2 test(s) run.
[  PASSED  ] 2 test(s).
"""

CRASHED = """\
[==========] Running 4 test(s).
[ RUN      ] p
[       OK ] p
[ RUN      ] q
==1234==ERROR: AddressSanitizer: heap-use-after-free
"""


def test_cmocka_counts_each_outcome():
    assert rt.count_cmocka(GROUP_OK, "FAIL") == (1, 1, 1)


def test_cmocka_sums_groups():
    assert rt.count_cmocka(GROUP_OK + GROUP_PASS, "FAIL") == (3, 1, 1)


def test_cmocka_crash_counts_unfinished_tests_as_failed():
    # p passed; q crashed and r, s never ran: three failures.
    assert rt.count_cmocka(GROUP_PASS + CRASHED, "FAIL") == (3, 3, 0)


def test_cmocka_failure_after_summary_is_not_lost():
    # All cases passed, then the program failed (a leak report at exit).
    assert rt.count_cmocka(GROUP_PASS + "==1==ERROR: LeakSanitizer\n",
                           "FAIL") == (2, 1, 0)


@pytest.mark.parametrize("result, counts", [
    ("PASS", (1, 0, 0)), ("SKIP", (0, 0, 1)), ("FAIL", (0, 1, 0)),
    ("ERROR", (0, 1, 0)), ("XPASS", (0, 1, 0))])
def test_program_without_cmocka_output_counts_once(result, counts):
    assert rt.count_cmocka("some other output\n", result) == counts


def test_harness_summary_lines():
    out = ("# TOTAL: 4\n# PASS:  2\n# SKIP:  1\n# XFAIL: 0\n# FAIL:  1\n"
           "# XPASS: 0\n# ERROR: 0\n")
    assert rt.harness_summary(out) == {"TOTAL": 4, "PASS": 2, "SKIP": 1,
                                       "XFAIL": 0, "FAIL": 1, "XPASS": 0,
                                       "ERROR": 0}
    assert rt.harness_summary("make: *** [x] Error 1\n") is None


def test_junit_counts(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text('<?xml version="1.0"?><testsuites><testsuite name="p" '
                   'errors="1" failures="2" skipped="3" tests="10" />'
                   '</testsuites>')
    assert rt.junit_counts(str(xml)) == (10, 3, 3)


def test_quickstart_usage():
    for args in ([], ["bogus"], ["test", "extra"]):
        res = run([os.path.join(REPO_ROOT, "tools", "quickstart")] + args,
                  timeout=10)
        assert res.returncode == 2
        assert "usage: tools/quickstart demo|test" in res.stderr


def test_run_tests_usage():
    res = run([os.path.join(REPO_ROOT, "tools", "run-tests"), "bogus"],
              timeout=10)
    assert res.returncode == 2
    assert "Usage" in res.stderr
