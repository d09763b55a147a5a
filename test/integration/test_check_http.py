"""HTTP_GET and SSL_GET against real web servers in network namespaces:
our daemon in a director namespace records the IPVS table it programs
(--ipvs-record), and the tests watch a real server go out of it when its
answers go wrong (status, digest, regex, silence, TLS) and come back when
they heal.

The web server (http_servers.py) answers as a control file says, read on
every request, so one server can turn sick and heal without a restart.
Checks start with alpha, so a real server is only in the table once a
check passed. Timers are short (delay_loop 1 s, connect_timeout 2 s,
retry 0); every wait has a generous time-out; nothing asserts on timing.
"""
import hashlib
import os

import pytest

from kalib import our_binary, run
import http_servers as hs

try:
    from checklib import (VIP, director_topology, read_table,
                          start_director, wait_dest)
except ImportError:			# the framework's helpers (wip-ckrun)
    pytestmark = pytest.mark.skip(
        reason="test/integration/checklib.py (the checker framework's "
               "test helpers) is not in this tree")



def _framework_missing():
    """Why our daemon cannot run these tests yet, or None."""
    res = run([our_binary(), "--ipvs-record=/dev/null", "-t", "-f",
               "/dev/null"], timeout=30)
    if "Unknown option --ipvs-record" in res.stdout + res.stderr:
        return ("our keepalived has no --ipvs-record yet: the checker "
                "child cannot record the IPVS table these tests read")
    # The checker child runs its checks through check_run_apply(); a
    # build without it parses HTTP_GET but never runs one.
    res = run(["nm", our_binary()], timeout=30)
    if res.returncode == 0 and "check_run_apply" not in res.stdout:
        return ("the checker child does not run the checker framework "
                "(check_run) yet: no check would ever run")
    return None


if os.access(our_binary(), os.X_OK):
    _MISSING = _framework_missing()
    if _MISSING:
        pytestmark = pytest.mark.skip(reason=_MISSING)

DIGEST_BODY = "<html>the page whose digest is configured</html>\n"
REGEX_BODY = "<html><p>status: healthy</p></html>\n"
REGEX = "status: (healthy|fine)"


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def healthy(control, **over):
    """Both urls answer as configured; over replaces settings of /d."""
    d = {"body": DIGEST_BODY}
    d.update(over)
    hs.write_control(control, status=200, body="",
                     paths={"/d": d, "/r": {"body": REGEX_BODY}})


def http_config(rs, port, kind="HTTP_GET", extra=""):
    return f"""
global_defs {{
    router_id httptest
}}
virtual_server {VIP} 80 {{
    delay_loop 1
    lvs_sched rr
    protocol TCP
    real_server {rs} {port} {{
        weight 1
        {kind} {{
            alpha
            connect_timeout 2
            retry 0
            delay_before_retry 1
            {extra}
            url {{
                path /d
                digest {md5(DIGEST_BODY)}
            }}
            url {{
                path /r
                regex "{REGEX}"
            }}
        }}
    }}
}}
"""


@pytest.fixture
def servers(wait_until):
    s = hs.Servers(wait_until)
    yield s
    s.stop()


def start_web_check(netns, bridge, daemon, servers, tmp_path, kind, port, tls=None,
          extra="", **first):
    """A director checking one web server, which first answers healthy
    with the settings "first" for /d."""
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    control = str(tmp_path / "control.json")
    healthy(control, **first)
    srv = servers.control_server(topo.servers[0], tmp_path, port, control,
                                 tls=tls, bind=rs)
    d, table = start_director(daemon, topo, tmp_path,
                              http_config(rs, port, kind, extra))
    return topo, rs, control, srv, d, table


def sick_then_healed(d, table, svc, dest, control, make_sick, why,
                     heal=None):
    """make_sick() takes dest out, with "why" in the failure line; heal()
    (by default, the healthy answers) puts it back."""
    mark = d.mark()
    make_sick()
    wait_dest(table, svc, dest, present=False)
    d.wait_for_log(why, since=mark, timeout=30)
    if heal:
        heal()
    else:
        healthy(control)
    wait_dest(table, svc, dest, weight=1)


def test_http_get_follows_status_digest_regex_and_silence(
        netns, bridge, daemon, servers, tmp_path):
    topo, rs, control, srv, d, table = start_web_check(netns, bridge, daemon, servers,
                                             tmp_path, "HTTP_GET", 8080)
    svc, dest = f"TCP {VIP}:80", f"{rs}:8080"
    failed = rf"HTTP_GET on service \[{rs}\]:tcp:8080 failed: "

    # alpha: it is in the table only because the checks passed.
    wait_dest(table, svc, dest, weight=1)
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, status=500),
                     failed + r"/d: HTTP status code 500")
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, body="changed\n"),
                     failed + r"/d: MD5 digest mismatch")
    sick_then_healed(d, table, svc, dest, control,
                     lambda: hs.write_control(
                         control, body=DIGEST_BODY,
                         paths={"/r": {"body": "status: sick"}}),
                     failed + r"/r: regex mismatch")
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, silent=True),
                     failed + r"/d: timeout")
    # A chunked body has the digest of the page, not of its framing.
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, status=500),
                     failed + r"/d: HTTP status code 500",
                     heal=lambda: healthy(control, transfer="chunked",
                                          chunk=5))
    # No server at all, then one again.
    sick_then_healed(d, table, svc, dest, control,
                     lambda: servers.kill(srv),
                     failed + r"/d: Connection refused",
                     heal=lambda: servers.control_server(
                         topo.servers[0], tmp_path, 8080, control,
                         bind=rs))
    assert d.running()


def test_http_get_status_code_set(netns, bridge, daemon, servers, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    control = str(tmp_path / "control.json")
    hs.write_control(control, status=404, body="gone")
    servers.control_server(topo.servers[0], tmp_path, 8080, control,
                           bind=rs)
    conf = f"""
virtual_server {VIP} 80 {{
    delay_loop 1
    lvs_sched rr
    protocol TCP
    real_server {rs} 8080 {{
        HTTP_GET {{
            alpha
            connect_timeout 2
            retry 0
            url {{
                path /
                status_code 404 500-503
            }}
        }}
    }}
}}
"""
    d, table = start_director(daemon, topo, tmp_path, conf)
    svc, dest = f"TCP {VIP}:80", f"{rs}:8080"
    wait_dest(table, svc, dest, weight=1)
    hs.write_control(control, status=200, body="ok")
    wait_dest(table, svc, dest, present=False)
    d.wait_for_log(r"HTTP status code 200")
    hs.write_control(control, status=502, body="bad gateway")
    wait_dest(table, svc, dest, weight=1)


def test_ssl_get_follows_tls_and_answers(netns, bridge, daemon, servers,
                                         tmp_path):
    cert_key = hs.make_cert(tmp_path, run)
    topo, rs, control, srv, d, table = start_web_check(
        netns, bridge, daemon, servers, tmp_path, "SSL_GET", 8443,
        tls=cert_key, extra="virtualhost www.example\n enable_sni")
    svc, dest = f"TCP {VIP}:80", f"{rs}:8443"
    failed = rf"SSL_GET on service \[{rs}\]:tcp:8443 failed: "

    wait_dest(table, svc, dest, weight=1)
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, status=503),
                     failed + r"/d: HTTP status code 503")
    sick_then_healed(d, table, svc, dest, control,
                     lambda: healthy(control, body="other\n"),
                     failed + r"/d: MD5 digest mismatch")

    # The same port served by plain HTTP: the handshake fails.
    mark = d.mark()
    servers.kill(srv)
    plain = servers.control_server(topo.servers[0], tmp_path, 8443,
                                   control, bind=rs)
    wait_dest(table, svc, dest, present=False)
    d.wait_for_log(failed + r"/d: TLS handshake failed", since=mark)
    servers.kill(plain)
    servers.control_server(topo.servers[0], tmp_path, 8443, control,
                           tls=cert_key, bind=rs)
    wait_dest(table, svc, dest, weight=1)
    assert d.running()


@pytest.mark.parametrize("compliant", [False, True])
def test_ssl_get_tls_compliant(netns, bridge, daemon, servers, tmp_path,
                               compliant):
    # Python's TLS server closes without close_notify; the body ends at
    # the close, so the check sees the missing alert.
    cert_key = hs.make_cert(tmp_path, run)
    topo, rs, control, srv, d, table = start_web_check(
        netns, bridge, daemon, servers, tmp_path, "SSL_GET", 8443,
        tls=cert_key, extra="tls_compliant" if compliant else "",
        transfer="close")
    svc, dest = f"TCP {VIP}:80", f"{rs}:8443"
    if not compliant:
        wait_dest(table, svc, dest, weight=1)
        return
    d.wait_for_log(rf"SSL_GET on service \[{rs}\]:tcp:8443 failed: "
                   r"/d: connection closed without TLS close_notify",
                   timeout=30)
    # alpha: never passed, never in.
    assert dest not in (read_table(table) or {}).get(svc, {})
