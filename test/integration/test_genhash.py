"""genhash: the digest it prints is the MD5 of the page's body, over
HTTP and over TLS, as curl | md5sum sees it and as Debian's genhash
prints it; its request, its errors and its time limit; keepalived -T.

Every server runs inside a namespace the test made, on its loopback.
"""
import hashlib
import os
import sys

import pytest

from kalib import our_binary, run
import http_servers as hs

DEBIAN_GENHASH = "/usr/bin/genhash"
PAGE = "<html><body>genhash test page: %s</body></html>\n"


@pytest.fixture(scope="module")
def genhash_bin():
    path = our_binary("genhash")
    if not os.access(path, os.X_OK):
        pytest.fail(f"our genhash is not built: {path} is missing")
    return path


@pytest.fixture
def servers(wait_until):
    s = hs.Servers(wait_until)
    yield s
    s.stop()


@pytest.fixture
def site(tmp_path):
    """A directory with a small page and a big one (many TLS records)."""
    d = tmp_path / "www"
    d.mkdir()
    (d / "index.html").write_text(PAGE % os.urandom(8).hex())
    (d / "big.bin").write_bytes(os.urandom(300 * 1024))
    return d


def md5_of(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


def genhash(ns, binary, *args, timeout=30):
    return ns.run([binary] + list(args), timeout=timeout)


def curl_md5(ns, url):
    res = ns.run(["sh", "-c", f"curl -sk --max-time 20 '{url}' | md5sum"],
                 timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout.split()[0]


def file_server(servers, ns, site, tmp_path, port):
    """Debian's python3 http.server serving site on 127.0.0.1:port."""
    argv = [sys.executable, "-m", "http.server", str(port), "--bind",
            "127.0.0.1", "--directory", str(site)]
    return servers.start(ns, argv, "127.0.0.1", port,
                         str(tmp_path / "http.server.log"))


def tls_file_server(servers, ns, site, tmp_path, port):
    """openssl s_server -WWW: files over TLS, the body ends at the
    close."""
    cert, key = hs.make_cert(tmp_path, run)
    argv = ["openssl", "s_server", "-accept", f"127.0.0.1:{port}",
            "-cert", cert, "-key", key, "-WWW", "-quiet"]
    out = open(tmp_path / "s_server.log", "ab")
    proc = ns.popen(argv, stdout=out, stderr=out, cwd=str(site))
    out.close()
    servers.procs.append(proc)
    servers.wait_until(lambda: proc.poll() is not None
                       or hs.port_open(ns, "127.0.0.1", port), timeout=20,
                       what="openssl s_server")
    assert proc.poll() is None
    return proc


def test_http_digest_matches_curl_and_debian(netns, servers, site, tmp_path,
                                             genhash_bin):
    ns = netns("gh")
    file_server(servers, ns, site, tmp_path, 8080)
    for page in ("index.html", "big.bin"):
        want = md5_of(site / page)
        assert curl_md5(ns, f"http://127.0.0.1:8080/{page}") == want
        res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                      "-u", f"/{page}")
        assert res.returncode == 0, res.stderr
        assert res.stdout == want + "\n"
        if os.access(DEBIAN_GENHASH, os.X_OK):
            ref = genhash(ns, DEBIAN_GENHASH, "-s", "127.0.0.1", "-p",
                          "8080", "-u", f"/{page}")
            assert ref.stdout == res.stdout


def test_https_digest_matches_curl_and_debian(netns, servers, site,
                                              tmp_path, genhash_bin):
    ns = netns("ghs")
    tls_file_server(servers, ns, site, tmp_path, 8443)
    for page in ("index.html", "big.bin"):
        want = md5_of(site / page)
        assert curl_md5(ns, f"https://127.0.0.1:8443/{page}") == want
        res = genhash(ns, genhash_bin, "-S", "-s", "127.0.0.1", "-p",
                      "8443", "-u", f"/{page}")
        assert res.returncode == 0, res.stderr
        assert res.stdout == want + "\n"
        if os.access(DEBIAN_GENHASH, os.X_OK):
            ref = genhash(ns, DEBIAN_GENHASH, "-S", "-s", "127.0.0.1",
                          "-p", "8443", "-u", f"/{page}")
            assert ref.stdout == res.stdout


def test_https_python_server_with_sni(netns, servers, tmp_path,
                                      genhash_bin):
    ns = netns("ghp")
    control = str(tmp_path / "control.json")
    body = "tls page " + os.urandom(4).hex()
    hs.write_control(control, status=200, body=body)
    cert_key = hs.make_cert(tmp_path, run)
    servers.control_server(ns, tmp_path, 8443, control, tls=cert_key)
    res = genhash(ns, genhash_bin, "-S", "-I", "-V", "www.example",
                  "-s", "127.0.0.1", "-p", "8443", "-u", "/")
    assert res.returncode == 0, res.stderr
    assert res.stdout == hashlib.md5(body.encode()).hexdigest() + "\n"
    assert curl_md5(ns, "https://127.0.0.1:8443/") == res.stdout.strip()


def test_chunked_body_is_digested_without_framing(netns, servers, tmp_path,
                                                  genhash_bin):
    ns = netns("ghc")
    control = str(tmp_path / "control.json")
    body = "chunked page " + os.urandom(20).hex()
    hs.write_control(control, status=200, body=body, transfer="chunked",
                     chunk=5)
    servers.control_server(ns, tmp_path, 8080, control)
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/", "-P", "1.1")
    assert res.returncode == 0, res.stderr
    assert res.stdout == hashlib.md5(body.encode()).hexdigest() + "\n"
    assert curl_md5(ns, "http://127.0.0.1:8080/") == res.stdout.strip()


def test_request_host_and_protocol(netns, servers, tmp_path, genhash_bin):
    ns = netns("ghr")
    control, log = str(tmp_path / "control.json"), tmp_path / "req.log"
    hs.write_control(control, status=404, body="not here")
    servers.control_server(ns, tmp_path, 8080, control, log=str(log))
    # A 404 page has a digest too, as with keepalived's genhash.
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/a")
    assert res.returncode == 0, res.stderr
    assert res.stdout == hashlib.md5(b"not here").hexdigest() + "\n"
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/b", "-P", "1.1", "-V", "www.example")
    assert res.returncode == 0, res.stderr
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/c", "-P", "1.0c")
    assert res.returncode == 0, res.stderr
    heads = log.read_bytes().decode().split("GET ")[1:]
    assert heads[0].startswith("/a HTTP/1.0\r\n")
    assert "Host: 127.0.0.1:8080" in heads[0]
    assert "Connection" not in heads[0]
    assert heads[1].startswith("/b HTTP/1.1\r\n")
    assert "Host: www.example" in heads[1]
    assert "Connection: close" in heads[1]
    assert heads[2].startswith("/c HTTP/1.0\r\n")
    assert "Connection: close" in heads[2]


def test_verbose_shows_header_body_and_digest(netns, servers, site,
                                              tmp_path, genhash_bin):
    ns = netns("ghv")
    file_server(servers, ns, site, tmp_path, 8080)
    res = genhash(ns, genhash_bin, "-v", "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/index.html")
    assert res.returncode == 0, res.stderr
    assert "HTTP/1.0 200 OK" in res.stdout
    # The body's first 16 bytes in the text column of the hex dump.
    assert "|<html><body>genh|" in res.stdout
    assert md5_of(site / "index.html") in res.stdout


def test_failures(netns, servers, tmp_path, genhash_bin):
    ns = netns("ghf")
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/")
    assert res.returncode == 1
    assert res.stdout == ""
    assert "connection failed" in res.stderr
    assert "refused" in res.stderr

    # A server that accepts and never answers: the time limit ends it.
    control = str(tmp_path / "control.json")
    hs.write_control(control, silent=True)
    servers.control_server(ns, tmp_path, 8080, control)
    res = genhash(ns, genhash_bin, "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/", "-t", "1", timeout=30)
    assert res.returncode == 1
    assert "no complete response in time" in res.stderr

    # TLS to a plain HTTP server.
    hs.write_control(control, body="plain")
    res = genhash(ns, genhash_bin, "-S", "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/")
    assert res.returncode == 1
    assert "TLS handshake failed" in res.stderr


def test_usage_errors(genhash_bin):
    for args in ([], ["-s", "127.0.0.1", "-p", "80"],
                 ["-s", "localhost", "-p", "80", "-u", "/"],
                 ["-s", "127.0.0.1", "-p", "0", "-u", "/"],
                 ["-s", "127.0.0.1", "-p", "80", "-u", "/", "-P", "2"],
                 ["--bogus"]):
        res = run([genhash_bin] + args, timeout=30)
        assert res.returncode == 2, args
        assert "Usage:" in res.stderr
    res = run([genhash_bin, "-h"], timeout=30)
    assert res.returncode == 0
    assert "--use-ssl" in res.stdout


def test_keepalived_T_runs_genhash(netns, servers, site, tmp_path,
                                   genhash_bin, keepalived_bin):
    ns = netns("ght")
    file_server(servers, ns, site, tmp_path, 8080)
    res = ns.run([keepalived_bin, "-T", "-s", "127.0.0.1", "-p", "8080",
                  "-u", "/index.html"], timeout=30)
    assert res.returncode == 0, res.stderr
    assert res.stdout == md5_of(site / "index.html") + "\n"


def test_ipv6(netns, servers, tmp_path, genhash_bin):
    ns = netns("gh6")
    control, log = str(tmp_path / "control.json"), tmp_path / "req.log"
    body = "over IPv6 " + os.urandom(4).hex()
    hs.write_control(control, body=body)
    servers.control_server(ns, tmp_path, 8080, control, bind="::1",
                           log=str(log))
    res = genhash(ns, genhash_bin, "-s", "::1", "-p", "8080", "-u", "/")
    assert res.returncode == 0, res.stderr
    assert res.stdout == hashlib.md5(body.encode()).hexdigest() + "\n"
    assert "Host: [::1]:8080" in log.read_bytes().decode()
    if os.access(DEBIAN_GENHASH, os.X_OK):
        ref = genhash(ns, DEBIAN_GENHASH, "-s", "::1", "-p", "8080",
                      "-u", "/")
        assert ref.stdout == res.stdout
