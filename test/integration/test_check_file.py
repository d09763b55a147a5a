"""FILE_CHECK: our daemon in a director namespace reads the number in a
track_file and records the IPVS table it programs (--ipvs-record); the
tests write numbers into the file and watch the real server go out of the
table and back (weight 0), and its weight follow the number (any other
weight: value times weight is added, as keepalived.conf(5) "Track files"
says; 2.2.7 has no "dynamic" keyword).

Timers are short (delay_loop 1 s); every wait has a generous time-out and
no test asserts on timing.
"""
import os

from checklib import VIP, director_topology, start_director, wait_dest
from kalib import wait_until

SVC = f"TCP {VIP}:80"
RS = "10.77.0.2"
DEST = f"{RS}:8080"


def file_config(path, rs_weight=1, file_opts="", track_opts=""):
    return f"""
global_defs {{
    router_id filetest
}}
track_file tf {{
    file "{path}"
    {track_opts}
}}
virtual_server {VIP} 80 {{
    delay_loop 1
    lvs_sched rr
    protocol TCP
    real_server {RS} 8080 {{
        weight {rs_weight}
        FILE_CHECK {{
            track_file tf
            {file_opts}
        }}
    }}
}}
"""


def write_value(path, value):
    # Renamed into place: the daemon never reads half a file.
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(f"{value}\n")
    os.replace(tmp, path)


def test_value_moves_the_real_server(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    val = tmp_path / "val"
    write_value(val, 0)
    d, table = start_director(daemon, topo, tmp_path,
                              file_config(val, rs_weight=4,
                                          file_opts="weight 0"))

    wait_dest(table, SVC, DEST, weight=4)
    write_value(val, 1)
    wait_dest(table, SVC, DEST, present=False)
    write_value(val, 0)
    wait_dest(table, SVC, DEST, weight=4)
    # Read as keepalived reads it: "0x0" and " 0 trailing" are 0, "-2"
    # is not.
    write_value(val, "-2")
    wait_dest(table, SVC, DEST, present=False)
    write_value(val, " 0x0 trailing")
    wait_dest(table, SVC, DEST, weight=4)
    # A missing file reads as 0 (keepalived does the same).
    write_value(val, 5)
    wait_dest(table, SVC, DEST, present=False)
    val.unlink()
    wait_dest(table, SVC, DEST, weight=4)
    assert d.running()


def test_dynamic_weight_follows_the_value(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    val = tmp_path / "val"
    write_value(val, 3)
    d, table = start_director(daemon, topo, tmp_path,
                              file_config(val, rs_weight=5,
                                          file_opts="weight 2"))

    # 5 + 3 * 2
    wait_dest(table, SVC, DEST, weight=11)
    write_value(val, -1)
    wait_dest(table, SVC, DEST, weight=3)
    write_value(val, 0)
    wait_dest(table, SVC, DEST, weight=5)
    # Down only when the product reaches -2147483648.
    write_value(val, -1073741824)
    wait_dest(table, SVC, DEST, present=False)
    write_value(val, 1)
    wait_dest(table, SVC, DEST, weight=7)
    assert d.running()


def test_reverse_negates_the_value(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    val = tmp_path / "val"
    write_value(val, 2)
    d, table = start_director(daemon, topo, tmp_path,
                              file_config(val, rs_weight=10,
                                          file_opts="weight 3 reverse"))

    # 10 - 2 * 3
    wait_dest(table, SVC, DEST, weight=4)
    write_value(val, -1)
    wait_dest(table, SVC, DEST, weight=13)
    assert d.running()


def test_init_file_creates_the_file(netns, bridge, daemon, tmp_path):
    """init_file writes its value into a missing file at start, and the
    check reads it; an existing file is left alone without overwrite."""
    topo = director_topology(netns, bridge, servers=0)
    val = tmp_path / "new"
    kept = tmp_path / "kept"
    write_value(kept, 9)
    conf = file_config(val, rs_weight=1, file_opts="weight 0",
                       track_opts="init_file 7")
    conf += f"""
track_file tf2 {{
    file "{kept}"
    init_file 0
}}
"""
    d, table = start_director(daemon, topo, tmp_path, conf)
    wait_until(val.exists, 20, what="init_file to create the file")
    assert val.read_text().strip() == "7"
    # 7 with weight 0: the real server is out once its check has run.
    d.wait_for_log(r"FILE_CHECK on service \[10\.77\.0\.2\]:tcp:8080 "
                   r"failed", timeout=20)
    wait_dest(table, SVC, DEST, present=False)
    assert kept.read_text().strip() == "9"
    write_value(val, 0)
    wait_dest(table, SVC, DEST, weight=1)
    assert d.running()
