"""keepalived -t on track_file, vrrp_track_process and the notify extras:
the same exit status and messages as Debian's keepalived 2.2.7, in a
namespace with the instance's interface. The track_file block is read
once for both children: a file used by FILE_CHECK and by an instance
is no error for either."""
import pytest

INSTANCE = ("vrrp_instance VI_1 {{\n    interface e0\n"
            "    virtual_router_id 51\n{extra}"
            "    virtual_ipaddress {{\n        10.9.1.100/24\n    }}\n}}\n")
TF = "track_file tf1 {\n    file /tmp/ka-tf-never-there\n    weight 2\n}\n"
TP = "vrrp_track_process tp1 {\n    process sleep\n    weight 5\n}\n"

CASES = {
    "shared_track_file": (
        TF + INSTANCE.format(extra="    track_file {\n        tf1 weight 3\n"
                             "    }\n") +
        "virtual_server 10.9.1.100 80 {\n    lb_algo rr\n    lb_kind NAT\n"
        "    protocol TCP\n    real_server 10.9.1.2 80 {\n"
        "        FILE_CHECK {\n            track_file tf1\n        }\n"
        "    }\n}\n", 0, []),
    "track_file_duplicate": (
        TF + INSTANCE.format(extra="    track_file {\n        tf1\n"
                             "        tf1\n    }\n"), 5,
        ["(VI_1) duplicate track_file tf1 - ignoring"]),
    "track_file_weight_range": (
        TF + INSTANCE.format(extra="    track_file {\n        tf1 weight 255"
                             "\n    }\n"), 5,
        ["(VI_1) weight for track file tf1 must be in [-254..254] "
         "inclusive. Ignoring..."]),
    "track_file_weight_option": (
        TF + INSTANCE.format(extra="    track_file {\n        tf1 weight 2 "
                             "foo\n    }\n"), 5,
        ["(VI_1) unknown track file tf1 weight option foo - ignoring"]),
    "track_process_ok": (
        TP + INSTANCE.format(extra="    track_process {\n        tp1 weight "
                             "254\n    }\n"), 0, []),
    "track_process_unknown": (
        TP + INSTANCE.format(extra="    track_process {\n        nope\n"
                             "    }\n"), 5,
        ["(VI_1) track process nope not found, ignoring..."]),
    "track_process_no_process": (
        "vrrp_track_process tp2 {\n    quorum 2\n}\n" +
        INSTANCE.format(extra="    track_process {\n        tp2\n    }\n"), 5,
        ["track process 'tp2' process name not specified",
         "(VI_1) track process tp2 not found, ignoring..."]),
    "notify_extras": (
        INSTANCE.format(extra="    notify_priority_changes\n"
                        "    notify_deleted\n    smtp_alert\n"), 0, []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_verdicts_match_debian(name, netns, veth, keepalived_bin,
                               keepalived_ref, tmp_path):
    a, b = netns("vtc"), netns("vtd")
    veth(a, b, "10.9.1.1/24", None, ifname_a="e0", ifname_b="e0")
    text, rc, messages = CASES[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    for binary in (keepalived_ref, keepalived_bin):
        res = a.run([binary, "-t", "-f", str(path)], timeout=20)
        said = res.stdout + res.stderr
        assert res.returncode == rc, (binary, said)
        for m in messages:
            assert m in said, (binary, said)


def test_unknown_track_file_is_reported(netns, veth, keepalived_bin,
                                        tmp_path):
    """Debian's 2.2.7 crashes on this one (SIGSEGV): ours reports it."""
    a, b = netns("vtc"), netns("vtd")
    veth(a, b, "10.9.1.1/24", None, ifname_a="e0", ifname_b="e0")
    path = tmp_path / "unknown.conf"
    path.write_text(INSTANCE.format(extra="    track_file {\n        nosuch"
                                    "\n    }\n"))
    res = a.run([keepalived_bin, "-t", "-f", str(path)], timeout=20)
    said = res.stdout + res.stderr
    assert res.returncode == 5, said
    assert f"({path}: Line 5) (VI_1) track file nosuch not found, " \
           "ignoring..." in said, said
