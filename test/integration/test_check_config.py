"""LVS configurations (virtual_server_group, virtual_server, real_server,
checkers, SSL, track_file): our -t verdict against Debian's keepalived.

Each configuration is checked by both binaries. The exit statuses must be
the same (0 good, 5 configuration error, 6 script security), and where ours
fails it must name the place of the problem as "(FILE: Line N)"; every
line ours prints must name its place. The corpus is built here (CORPUS)
and, for includes and a large real-world file, read from configs/check/.
"""
import os
import re

import pytest

from kalib import run

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "configs", "check")
WHERE = re.compile(r"\(([^()]+?): Line (\d+)\)")

# Lines 1-4; the body starts on line 5.
VS_HEAD = ("virtual_server 10.0.0.1 80 {\n protocol TCP\n lb_algo rr\n"
           " lb_kind NAT\n")
RS_OK = " real_server 10.0.0.2 80 {\n }\n"


def vs(body="", rs=RS_OK, head=VS_HEAD):
    return head + body + rs + "}\n"


def rs(body):
    """The real server's body starts on line 6."""
    return VS_HEAD + " real_server 10.0.0.2 80 {\n" + body + " }\n}\n"


def url(body):
    """The url's body starts on line 9."""
    return rs("  HTTP_GET {\n   url {\n    path /\n" + body + "   }\n  }\n")


def group(entries, head_rest=" protocol TCP\n lb_algo rr\n lb_kind NAT\n"):
    text = "virtual_server_group g {\n" + entries + "}\n"
    return text + "virtual_server group g {\n" + head_rest + RS_OK + "}\n"


TF = "track_file tf {\n file /nonexistent/tf\n}\n"
SECURE = "global_defs {\n enable_script_security\n}\n"
DIGEST = "9b3a0c85a887a256d6939da88aabd8cd"

OK, ERR, SEC = 0, 5, 6
# Debian's keepalived reports the problem, then dies of SIGSEGV: ours must
# report it and exit with the configuration error status.
CRASH = -11

# name -> (configuration, Debian's exit status, the line ours must name
# when it fails)
CORPUS = {
    # good ones
    "minimal": (vs(), OK, None),
    "lvs_names": (vs(rs=RS_OK, head="virtual_server 10.0.0.1 80 {\n"
                     " protocol udp\n lvs_sched wlc\n lvs_method DR\n"),
                  OK, None),
    "every_vs_keyword": (vs(
        " lvs_sched sh\n sh-port\n sh-fallback\n flag-3\n"
        " lvs_method TUN type gue port 6080 csum\n"
        " persistence_timeout 600\n persistence_granularity 255.255.255.0\n"
        " persistence_engine sip\n ha_suspend\n smtp_alert yes\n"
        " virtualhost www.example\n snmp_name web\n alpha\n omega\n"
        " quorum 1\n hysteresis 0\n"
        " sorry_server 10.0.0.9 80\n sorry_server_inhibit\n"
        " sorry_server_lvs_method DR\n connect_timeout 3\n retry 2\n"
        " delay_before_retry 1.5\n warmup 0\n delay_loop 2\n"
        " inhibit_on_failure\n"), OK, None),
    "every_rs_keyword": (rs(
        "  weight 5\n  lvs_method TUN type gre nocsum\n  uthreshold 100\n"
        "  lthreshold 10\n  smtp_alert no\n  virtualhost rs.example\n"
        "  snmp_name rs1\n  alpha on\n  connect_timeout 2\n  retry 3\n"
        "  delay_before_retry 2\n  warmup 1\n  delay_loop 3\n"
        "  inhibit_on_failure off\n"), OK, None),
    "every_checker": (TF + rs(
        "  TCP_CHECK {\n   connect_ip 10.0.0.3\n   connect_port 81\n"
        "   bindto 10.0.0.1\n   bind_port 4000\n   bind_if lo\n"
        "   fwmark 3\n   alpha yes\n   connect_timeout 1\n   retry 1\n"
        "   delay_before_retry 1\n   warmup 1\n   delay_loop 1\n"
        "   log_all_failures on\n  }\n"
        "  HTTP_GET {\n   http_protocol 1.0C\n   fast_recovery\n"
        "   virtualhost a.example\n   url {\n    path /index.html\n"
        f"    digest {DIGEST}\n    status_code 200-299 301 404\n"
        "    virtualhost b.example\n    regex \"^OK\"\n    regex_no_match\n"
        "    regex_options caseless multiline\n    regex_stack 1000 2000\n"
        "    regex_min_offset 1\n    regex_max_offset 100\n   }\n  }\n"
        "  SSL_GET {\n   enable_sni\n   http_protocol 1.1\n   url {\n"
        "    path /\n   }\n  }\n"
        "  SMTP_CHECK {\n   helo_name \"mail.example\"\n  }\n"
        "  DNS_CHECK {\n   type AAAA\n   name www.example.\n  }\n"
        "  DNS_CHECK {\n   type RRSIG\n  }\n"
        "  PING_CHECK {\n  }\n"
        "  UDP_CHECK {\n   payload Ab12f 3 456 546443123\n"
        "   require_reply 12Xx\n   min_reply_length 2\n"
        "   max_reply_length 100\n  }\n"
        "  FILE_CHECK {\n   track_file tf\n   weight -5 reverse\n  }\n"),
        OK, None),
    "fwmark": (vs(rs=" real_server 10.0.0.2 {\n }\n",
                  head="virtual_server fwmark 7 {\n lb_algo rr\n"
                  " lb_kind DR\n"), OK, None),
    "ipv6": (vs(rs=" real_server fd00::2 80 {\n }\n",
                head="virtual_server fd00::1 80 {\n protocol TCP\n"
                " lb_algo rr\n lb_kind NAT\n"), OK, None),
    "port_from_vs": (vs(rs=" real_server 10.0.0.2 {\n }\n"), OK, None),
    "persistent_no_port": (vs(" persistence_timeout\n",
                              rs=" real_server 10.0.0.2 {\n }\n", head=(
        "virtual_server 10.0.0.1 {\n protocol TCP\n lb_algo rr\n"
        " lb_kind DR\n")), OK, None),
    "tunnel_other_family": (vs(rs=" real_server fd00::2 80 {\n"
                               "  lvs_method TUN\n }\n"), OK, None),
    "group": (group(" 10.0.0.1-30 80\n 10.0.1.0/29 81\n fwmark 7\n"),
              OK, None),
    "group_missing": (vs(head="virtual_server group nope {\n protocol TCP\n"
                         " lb_algo rr\n lb_kind NAT\n"), OK, None),
    "smtp_host_block": (rs("  SMTP_CHECK {\n   host {\n"
                           "    connect_ip 10.0.0.5\n   }\n  }\n"), OK, None),
    "ssl_block": ("SSL {\n password x\n ca /nonexistent/ca\n"
                  " certificate /nonexistent/c\n key /nonexistent/k\n}\n"
                  + vs(), OK, None),
    "track_file_block": ("track_file t {\n file /nonexistent/t\n"
                         " weight 3 reverse\n init_file 5 overwrite\n}\n"
                         + vs(), OK, None),
    "vrrp_track_file": ("vrrp_track_file t {\n file /nonexistent/t\n}\n"
                        + vs(), OK, None),
    "missing_script": (rs("  notify_up /nonexistent/up\n"), OK, None),
    "regex_parameters_alone": (url("    regex_min_offset 3\n"), OK, None),
    "lenient_values": (url("    regex a\n    regex_max_offset 0\n"
                           "    status_code\n")
                       .replace("  HTTP_GET {\n",
                                "  MISC_CHECK {\n   misc_path /nonexistent/m\n"
                                "   misc_dynamic x\n   misc_timeout 0\n  }\n"
                                "  HTTP_GET {\n")
                       .replace(" lb_kind NAT\n", " lb_kind NAT\n"
                                " sorry_server 10.0.0.9 80\n"
                                " sorry_server_inhibit on\n inhibit_on_failure"
                                " x\n alpha x\n"), OK, None),
    "tls_compliant": (rs("  HTTP_GET {\n   tls_compliant\n   url {\n"
                         "    path /\n   }\n  }\n"), ERR, 7),
    "ip_family_conflict": (vs(" ip_family inet6\n"), ERR, 5),
    "persistence_engine_long": (vs(" persistence_engine " + "a" * 40 + "\n"),
                                ERR, 5),
    "snmp_name_extra": (vs(" snmp_name a b\n"), ERR, 5),
    "ssl_twice": ("SSL {\n password x\n}\nSSL {\n password y\n}\n", ERR,
                  4),
    "ssl_password_twice": ("SSL {\n password x\n password y\n}\n", ERR, 3),
    "misc_unknown_user": (rs("  MISC_CHECK {\n   misc_path /nonexistent/m\n"
                             "   user nosuchuser\n  }\n"), ERR, 7),
    "group_fwmark_zero": ("virtual_server_group g {\n fwmark 0\n}\n", OK,
                          None),
    "group_twice": ("virtual_server_group g {\n 10.0.0.1 80\n}\n"
                    "virtual_server_group g {\n 10.0.0.2 80\n}\n", OK, None),
    # the virtual server
    "no_protocol": (vs(head="virtual_server 10.0.0.1 80 {\n lb_algo rr\n"
                       " lb_kind NAT\n"), ERR, 1),
    "no_scheduler": (vs(head="virtual_server 10.0.0.1 80 {\n protocol TCP\n"
                        " lb_kind NAT\n"), ERR, 1),
    "no_method": (vs(head="virtual_server 10.0.0.1 80 {\n protocol TCP\n"
                     " lb_algo rr\n"), ERR, 1),
    "fwmark_protocol": (vs(head="virtual_server fwmark 1 {\n protocol TCP\n"
                           " lb_algo rr\n lb_kind NAT\n"), ERR, 1),
    "zero_port": (vs(head="virtual_server 10.0.0.1 {\n protocol TCP\n"
                     " lb_algo rr\n lb_kind NAT\n"), ERR, 1),
    "no_real_server": (VS_HEAD + "}\n", ERR, 1),
    "bad_scheduler": (vs(" lb_algo RR\n"), ERR, 5),
    "lower_case_method": (vs(" lb_kind nat\n"), ERR, 5),
    "gue_without_port": (vs(" lvs_method TUN type gue\n"), ERR, 5),
    "ipip_checksum": (vs(" lvs_method TUN type ipip csum\n"), ERR, 5),
    "gre_remcsum": (vs(" lvs_method TUN type gre remcsum\n"), ERR, 5),
    "ops_on_tcp": (vs(" ops\n"), ERR, 1),
    "sh_port_without_sh": (vs(" sh-port\n"), ERR, 5),
    "quorum_zero": (vs(" quorum 0\n"), ERR, 5),
    "quorum_above_weight": (vs(" quorum 3\n"), ERR, 1),
    "hysteresis": (vs(" hysteresis 1\n"), ERR, 1),
    "persistence_timeout_zero": (vs(" persistence_timeout 0\n"), ERR, 5),
    "sorry_inhibit_first": (vs(" sorry_server_inhibit\n"
                               " sorry_server 10.0.0.9 80\n"), ERR, 5),
    "sorry_method_alone": (vs(" sorry_server_lvs_method DR\n"), ERR, 5),
    "sorry_family": (vs(" sorry_server fd00::9 80\n"), ERR, 5),
    "delay_loop_zero": (vs(" delay_loop 0\n"), ERR, 5),
    "connect_timeout_big": (vs(" connect_timeout 5000\n"), ERR, 5),
    "retry_negative": (vs(" retry -1\n"), ERR, 5),
    # real servers
    "rs_port_direct_routing": (vs(" lb_kind DR\n",
                                  rs=" real_server 10.0.0.2 81 {\n }\n"),
                               ERR, 6),
    "rs_port_nat": (vs(rs=" real_server 10.0.0.2 81 {\n }\n"), OK, None),
    "rs_port_fwmark_dr": (vs(head="virtual_server fwmark 1 {\n lb_algo rr\n"
                             " lb_kind DR\n"), ERR, 4),
    "sorry_port_tunnel": (vs(" sorry_server 10.0.0.9 8080\n"
                             " sorry_server_lvs_method TUN\n"), ERR, 5),
    "group_port_direct_routing": (
        "virtual_server_group g {\n 10.0.0.1 80\n}\n"
        + vs(rs=" real_server 10.0.0.2 81 {\n }\n",
             head="virtual_server group g {\n protocol TCP\n lb_algo rr\n"
             " lb_kind DR\n"), ERR, 8),
    "rs_family": (vs(rs=" real_server fd00::2 80 {\n }\n"), ERR, 5),
    "rs_duplicate": (vs(rs=RS_OK + RS_OK), ERR, 7),
    "rs_weight": (rs("  weight -1\n"), ERR, 6),
    "rs_alpha": (rs("  alpha maybe\n"), ERR, 6),
    "rs_inhibit": (rs("  inhibit_on_failure maybe\n"), ERR, 6),
    # checkers
    "url_without_path": (rs("  HTTP_GET {\n   url {\n   }\n  }\n"),
                         CRASH, 7),
    "no_urls": (rs("  HTTP_GET {\n  }\n"), CRASH, 6),
    "digest_length": (url("    digest 123\n"), ERR, 9),
    "digest_not_hex": (url(f"    digest {DIGEST[:-1]}z\n"), ERR, 9),
    "digest_twice": (url(f"    digest {DIGEST}\n    digest {DIGEST}\n"),
                     ERR, 10),
    "status_reversed": (url("    status_code 200-100\n"), ERR, 9),
    "status_too_low": (url("    status_code 99\n"), ERR, 9),
    "status_too_high": (url("    status_code 600\n"), ERR, 9),
    "http_protocol": (rs("  HTTP_GET {\n   http_protocol 2.0\n   url {\n"
                         "    path /\n   }\n  }\n"), ERR, 7),
    "nb_get_retry": (rs("  HTTP_GET {\n   nb_get_retry 3\n   url {\n"
                        "    path /\n   }\n  }\n"), ERR, 7),
    "misc_without_path": (rs("  MISC_CHECK {\n  }\n"), ERR, 6),
    "misc_timeout_fraction": (rs("  MISC_CHECK {\n"
                                 "   misc_path /nonexistent/x\n"
                                 "   misc_timeout 1.5\n  }\n"), ERR, 8),
    "file_without_track": (rs("  FILE_CHECK {\n  }\n"), ERR, 6),
    "file_unknown_track": (rs("  FILE_CHECK {\n   track_file x\n  }\n"),
                           ERR, 6),
    "file_dynamic": (TF + rs("  FILE_CHECK {\n   track_file tf\n"
                             "   dynamic\n  }\n"), ERR, 11),
    "udp_lengths": (rs("  UDP_CHECK {\n   min_reply_length 10\n"
                       "   max_reply_length 5\n  }\n"), ERR, 6),
    "udp_bad_hex": (rs("  UDP_CHECK {\n   payload zz\n  }\n"), ERR, 7),
    "udp_wildcard_payload": (rs("  UDP_CHECK {\n   payload 1x\n  }\n"),
                             ERR, 7),
    "udp_empty_payload": (rs("  UDP_CHECK {\n   payload\n  }\n"), ERR, 7),
    "bindto_family": (rs("  TCP_CHECK {\n   bindto fd00::1\n  }\n"), ERR, 6),
    "bind_port_zero": (rs("  TCP_CHECK {\n   bind_port 0\n  }\n"), ERR, 7),
    "connect_port_big": (rs("  TCP_CHECK {\n   connect_port 65536\n  }\n"),
                         ERR, 7),
    "bind_if_long": (rs("  TCP_CHECK {\n   bind_if abcdefghijklmnopq\n"
                        "  }\n"), ERR, 7),
    "checker_unknown_keyword": (rs("  TCP_CHECK {\n   frobnicate 1\n  }\n"),
                                ERR, 7),
    "dns_type": (rs("  DNS_CHECK {\n   type FOO\n  }\n"), ERR, 7),
    "dns_empty_label": (rs("  DNS_CHECK {\n   name a..b\n  }\n"), ERR, 7),
    "smtp_helo_missing": (rs("  SMTP_CHECK {\n   helo_name\n  }\n"), ERR, 7),
    # groups, track files
    "group_empty": ("virtual_server_group g {\n}\n", ERR, 1),
    "group_mixed": (group(" 10.0.0.1 80\n fd00::1 80\n fwmark 1\n"), ERR, 1),
    "group_bad_range": (group(" 10.0.0.1-300 80\n"), ERR, 2),
    "group_no_port": (group(" 10.0.0.1\n"), ERR, 4),
    "track_file_without_file": ("track_file t {\n}\n" + vs(), ERR, 1),
    # scripts
    "notify_as_root": (rs("  notify_up /bin/true\n"), SEC, 6),
    "notify_quoted": (rs("  notify_down \"/bin/true a b\"\n"), SEC, 6),
    "quorum_up_as_root": (vs(" quorum_up /bin/true\n"), SEC, 5),
    "misc_as_root": (rs("  MISC_CHECK {\n   misc_path /bin/true\n  }\n"),
                     SEC, 7),
}


def config_test(binary, path, cwd):
    return run([binary, "-t", "-f", str(path)], timeout=20, cwd=cwd)


def check_places(said, path, line):
    """Every line names its place; a failure names the expected one."""
    places = []
    for text in said.splitlines():
        if not text.strip():
            continue
        m = WHERE.search(text)
        assert m, f"diagnostic without (FILE: Line N): {text!r}"
        places.append((m.group(1), int(m.group(2))))
    if line is not None:
        assert (str(path), line) in places, \
            f"expected a diagnostic at {path}:{line}, got:\n{said}"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_verdict_matches_debian(name, keepalived_bin, keepalived_ref,
                                tmp_path):
    text, status, line = CORPUS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    ref = config_test(keepalived_ref, path, tmp_path)
    assert ref.returncode == status, \
        f"Debian's verdict is not the one recorded: {ref}"
    ours = config_test(keepalived_bin, path, tmp_path)
    said = ours.stdout + ours.stderr
    expected = ERR if status == CRASH else ref.returncode
    assert ours.returncode == expected, \
        f"ours exited {ours.returncode}, Debian's {ref.returncode}\n{said}"
    check_places(said, path, line if status != OK else None)


# (file in configs/check, Debian's exit status, file:line ours must name)
FILE_CASES = [
    ("check_sample.conf", OK, None),
    ("check_include.conf", ERR, ("check_include_part.conf", 4)),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c[0][:-5])
def test_files_match_debian(case, keepalived_bin, keepalived_ref, tmp_path):
    name, status, where = case
    path = os.path.join(FILES, name)
    ref = config_test(keepalived_ref, path, tmp_path)
    assert ref.returncode == status, f"Debian's verdict changed: {ref}"
    ours = config_test(keepalived_bin, path, tmp_path)
    said = ours.stdout + ours.stderr
    assert ours.returncode == ref.returncode, said
    if where:
        check_places(said, os.path.join(FILES, where[0]), where[1])


def test_bad_regex_is_an_error(keepalived_bin, keepalived_ref, tmp_path):
    """Deliberately stricter than keepalived 2.2.7, which passes a regex
    that cannot compile and only fails when the checker runs: ours
    compiles it while checking the configuration."""
    path = tmp_path / "regex.conf"
    path.write_text(url("    regex \"a(b\"\n"))
    assert config_test(keepalived_ref, path, tmp_path).returncode == OK
    ours = config_test(keepalived_bin, path, tmp_path)
    said = ours.stdout + ours.stderr
    assert ours.returncode == ERR
    assert "Invalid regex" in said
    check_places(said, path, 7)


def test_track_file_read_by_the_checker(keepalived_bin, tmp_path):
    """track_file is read by the LVS tables even with VRRP present (the
    VRRP tables do not yet support it): no 'not supported' line."""
    path = tmp_path / "tf.conf"
    path.write_text(TF + vs())
    ours = config_test(keepalived_bin, path, tmp_path)
    said = ours.stdout + ours.stderr
    assert ours.returncode == OK, said
    assert "not supported" not in said


DEBIAN_SAMPLES = "/usr/share/doc/keepalived/samples"


def lvs_samples():
    """Debian's LVS-only sample configurations (no VRRP part)."""
    if not os.path.isdir(DEBIAN_SAMPLES):
        return []
    found = []
    for name in sorted(os.listdir(DEBIAN_SAMPLES)):
        path = os.path.join(DEBIAN_SAMPLES, name)
        if not name.startswith("keepalived.conf.") or name.endswith(".gz"):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "virtual_server" in text and not re.search(r"vrrp_|track_",
                                                      text):
            found.append(name)
    return found


@pytest.mark.parametrize("name", lvs_samples() or ["none"])
def test_debian_samples(name, keepalived_bin, keepalived_ref, tmp_path):
    """keepalived's own LVS samples get the same verdict from ours."""
    if name == "none":
        pytest.skip(f"no LVS samples in {DEBIAN_SAMPLES}")
    path = os.path.join(DEBIAN_SAMPLES, name)
    ref = config_test(keepalived_ref, path, tmp_path)
    ours = config_test(keepalived_bin, path, tmp_path)
    said = ours.stdout + ours.stderr
    assert ours.returncode == ref.returncode, \
        f"ours exited {ours.returncode}, Debian's {ref.returncode}\n{said}"
    check_places(said, path, None)
