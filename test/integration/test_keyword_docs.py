"""keepalived.conf(5) documents exactly the keywords the parser knows.

test/tools/kwlist prints every keyword registered in the parser that the
daemon builds, with its path and flags. The page marks up its keywords
regularly, and this test reads that markup:

- A comment line '.\\" keywords: PATH [PATH...]' starts a region whose
  entries are keywords of every block listed (a path such as
  "virtual_server.real_server.HTTP_GET"; "-" is the top level). A region
  ends at the next such line or at the next .SH.
- In a region, every entry is a .TP whose tag line is .B, .BI or .BR with
  the keyword as its first word. One keyword per entry.
- A deprecated keyword's entry says "deprecated".
- A keyword this build does not implement yet (flagged unsupported) has
  its entry in the NOT SUPPORTED YET section, and only those are there.
"""
import os
import re
import shlex

import pytest

from kalib import REPO_ROOT, run

PAGE = os.path.join(REPO_ROOT, "doc", "man", "man5", "keepalived.conf.5")
KWLIST = os.path.join(REPO_ROOT, "test", "tools", "kwlist")
UNSUPPORTED_SECTION = "NOT SUPPORTED YET"

MARKER = re.compile(r'^\.\\"\s*keywords:\s*(.*)$')
TAG_MACROS = (".B", ".BI", ".BR")


def parser_keywords():
    """{path: set of flags} from kwlist."""
    if not os.access(KWLIST, os.X_OK):
        pytest.skip(f"{KWLIST} is not built (run make)")
    res = run([KWLIST], timeout=30)
    assert res.returncode == 0, f"kwlist failed: {res.stderr}"
    kws = {}
    for line in res.stdout.splitlines():
        path, flags = line.split("\t")
        kws[path] = set() if flags == "-" else set(flags.split(","))
    return kws


def tag_keyword(line):
    """The keyword a .TP tag line names, or None if it is no tag."""
    macro, _, rest = line.partition(" ")
    if macro not in TAG_MACROS or not rest.strip():
        return None
    return shlex.split(rest.replace("\\-", "-"))[0]


def join(block, name):
    return name if block == "-" else f"{block}.{name}"


def documented_entries():
    """[(path, section, body)] for every keyword entry of the page."""
    with open(PAGE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    entries = []
    blocks = None
    section = ""
    current = None
    for i, line in enumerate(lines):
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
            blocks = None
        m = MARKER.match(line)
        if m:
            blocks = m.group(1).split()
            assert blocks, f"line {i + 1}: a keywords marker names no block"
        if line.startswith((".TP", ".SH", ".SS", ".PP")) or m:
            current = None
        if blocks is None:
            continue
        if current is not None:
            current[2].append(line)
        if line == ".TP":
            assert i + 1 < len(lines), "a .TP ends the page"
            name = tag_keyword(lines[i + 1])
            assert name, (f"line {i + 2}: an entry in a keywords region "
                          f"does not start with .B/.BI/.BR KEYWORD: "
                          f"{lines[i + 1]!r}")
            current = (name, section, [])
            for block in blocks:
                entries.append((join(block, name), section, current[2]))
    return [(path, section, "\n".join(body))
            for path, section, body in entries]


@pytest.fixture(scope="module")
def keywords():
    return parser_keywords()


@pytest.fixture(scope="module")
def entries():
    return documented_entries()


def test_kwlist_lists_the_parser(keywords):
    # A sanity check that the list is the real parser's, not an empty one.
    assert "global_defs.router_id" in keywords
    assert "vrrp_instance.virtual_router_id" in keywords
    assert "virtual_server.real_server.HTTP_GET.url.path" in keywords
    assert "unsupported" in keywords["garp_group"]


def test_page_uses_the_markup(entries):
    assert len(entries) > 100, "the keyword markup was not found"


def test_no_keyword_documented_twice(entries):
    seen = {}
    for path, _, _ in entries:
        seen[path] = seen.get(path, 0) + 1
    twice = sorted(p for p, n in seen.items() if n > 1)
    assert not twice, f"documented more than once: {twice}"


def test_every_keyword_is_documented(keywords, entries):
    documented = {path for path, _, _ in entries}
    missing = sorted(set(keywords) - documented)
    assert not missing, (f"{len(missing)} keywords missing from "
                         f"keepalived.conf(5): {missing}")


def test_every_documented_keyword_is_known(keywords, entries):
    unknown = sorted({path for path, _, _ in entries} - set(keywords))
    assert not unknown, (f"keepalived.conf(5) documents keywords the "
                         f"parser does not know: {unknown}")


def test_unsupported_keywords_are_listed_as_such(keywords, entries):
    wrong = sorted(path for path, section, _ in entries
                   if path in keywords
                   and ("unsupported" in keywords[path])
                   != (section == UNSUPPORTED_SECTION))
    assert not wrong, (f"in the wrong list (unsupported ones belong in "
                       f"{UNSUPPORTED_SECTION}, only they): {wrong}")


def test_deprecated_keywords_say_so(keywords, entries):
    silent = sorted(path for path, _, body in entries
                    if "deprecated" in keywords.get(path, ())
                    and "deprecated" not in body.lower())
    assert not silent, f"deprecated but not documented as such: {silent}"
