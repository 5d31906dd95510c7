#!/usr/bin/env python3
"""Scripted HTTP server for the fetch/cache tests (stdlib only).

Binds 127.0.0.1 on two free ports, plain HTTP and HTTPS (certificate
tests/data/http/test_cert.pem, self-signed for IP 127.0.0.1), prints
"HTTP_PORT HTTPS_PORT" on the first line of stdout, then serves the same
cases on both until killed. Cases are chosen by path; a path may
carry a suffix after the case name (/flaky/abc) so every test gets its
own per-path request counter.

  /ok               200 {"v": 1}, ETag "v1", Last-Modified
  /etag             304 when If-None-Match is "v1", else 200 {"v": 2}
  /ims              304 when If-Modified-Since matches, else 200
  /flaky/...        500 on the first request to this path, then 200
  /fail500/...      always 500
  /404              404
  /stall            sleeps 30 s before answering (timeout)
  /truncated        Content-Length: 1000, 100 bytes sent, then close
  /big              2,000,000-byte body with Content-Length
  /bigchunked       2,000,000 bytes, no Content-Length (stream, close)
  /malformed        200 with malformed JSON
  /loop/N           302 to /loop/N+1 (endless redirect loop)
  /tofile           302 to file:///etc/passwd
  /redirect         302 to /ok
  /ua               200 {"ua": "<User-Agent>"}
  /nomis?...        Nomis-like CSV, 5 records, at most 2 per answer,
                    honours recordoffset
  /nomisbad?...     the same, but pages after the first answer 500
  /nomisshort?...   the same, but pages after the first have no rows
  /nomisjunk/...    the same, but RECORD_COUNT is "five" (not a number)
  /count/PATH       200, body = number of requests PATH received so far
  /needkey/...      the /nomis CSV (whole) when the query has
                    uid=s3cr3t&x (the secret, percent-encoded), else 403
  /needauth/...     the /nomis CSV (whole) with HTTP Basic user:pa ss,
                    else 401
  /nomisdup/...     the /nomis CSV (whole) on the first request to this
                    path; later ones repeat every row (a body that parses
                    but is wrong)
  /nomisslow?...    announces 1,000,000 records, one row a page, 0.05 s
                    a page (a feed deadline must stop the paging)
  /retryafter/...   503 with Retry-After: 3600
  /retryafter1/...  503 with Retry-After: 1 on the first request, then
                    the /nomis CSV (whole)
"""
import base64
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse

LOCK = threading.Lock()
COUNTS = {}
LAST_MODIFIED = "Wed, 18 Nov 2026 09:30:00 GMT"
NOMIS_ROWS = [
    ("2026-01", "E08000025", 100),
    ("2026-02", "E08000025", 110),
    ("2026-03", "E08000025", 120),
    ("2026-04", "E08000025", 130),
    ("2026-05", "E08000025", 140),
]


def nomis_csv(rows, off):
    """A whole Nomis-like CSV answer holding rows."""
    out = ['"DATE","GEOGRAPHY_CODE","OBS_VALUE","RECORD_OFFSET",'
           '"RECORD_COUNT"']
    for i, (d, g, v) in enumerate(rows):
        out.append('"%s","%s",%d,%d,%d' % (d, g, v, off + i, len(rows)))
    return "\n".join(out) + "\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    def send_body(self, code, body, ctype="application/json", extra=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        with LOCK:
            COUNTS[path] = COUNTS.get(path, 0) + 1
            n = COUNTS[path]
        case = path.split("/")[1] if "/" in path else path
        if case == "ok":
            self.send_body(200, '{"v": 1}\n',
                           extra={"ETag": '"v1"',
                                  "Last-Modified": LAST_MODIFIED})
        elif case == "etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self.send_body(200, '{"v": 2}\n', extra={"ETag": '"v2"'})
        elif case == "ims":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.end_headers()
            else:
                self.send_body(200, '{"v": 3}\n',
                               extra={"Last-Modified": LAST_MODIFIED})
        elif case == "flaky":
            if n == 1:
                self.send_body(500, "oops\n", "text/plain")
            else:
                self.send_body(200, '{"v": "flaky"}\n')
        elif case == "fail500":
            self.send_body(500, "oops\n", "text/plain")
        elif case == "404":
            self.send_body(404, "no such thing\n", "text/plain")
        elif case == "stall":
            time.sleep(30)
            self.send_body(200, '{"v": "late"}\n')
        elif case == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"v": [' + b"1," * 46 + b"1")
            self.wfile.flush()
            self.close_connection = True
        elif case == "big":
            self.send_body(200, b"[" + b"0," * 999999 + b"0]")
        elif case == "bigchunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b" " * 10000)
            self.close_connection = True
        elif case == "malformed":
            self.send_body(200, '{"v": [1, 2,\n')
        elif case == "loop":
            try:
                k = int(path.split("/")[2])
            except (IndexError, ValueError):
                k = 0
            self.redirect("/loop/%d" % (k + 1))
        elif case == "tofile":
            self.redirect("file:///etc/passwd")
        elif case == "redirect":
            self.redirect("/ok")
        elif case == "ua":
            self.send_body(200, json.dumps(
                {"ua": self.headers.get("User-Agent", "")}))
        elif case in ("nomis", "nomisbad", "nomisshort", "nomisjunk"):
            q = urllib.parse.parse_qs(url.query)
            off = int(q.get("recordoffset", ["0"])[0])
            rows = NOMIS_ROWS[off:off + 2]
            if off and case == "nomisbad":
                self.send_body(500, "oops\n", "text/plain")
                return
            if off and case == "nomisshort":
                rows = []
            out = ['"DATE","GEOGRAPHY_CODE","OBS_VALUE",'
                   '"RECORD_OFFSET","RECORD_COUNT"']
            total = ("five" if case == "nomisjunk"
                     else str(len(NOMIS_ROWS)))
            for i, (d, g, v) in enumerate(rows):
                out.append('"%s","%s",%d,%d,%s'
                           % (d, g, v, off + i, total))
            self.send_body(200, "\n".join(out) + "\n", "text/csv")
        elif case == "needkey":
            q = urllib.parse.parse_qs(url.query)
            if q.get("uid") == ["s3cr3t&x"]:
                self.send_body(200, nomis_csv(NOMIS_ROWS, 0), "text/csv")
            else:
                self.send_body(403, "no key\n", "text/plain")
        elif case == "needauth":
            want = "Basic " + base64.b64encode(b"user:pa ss").decode()
            if self.headers.get("Authorization") == want:
                self.send_body(200, nomis_csv(NOMIS_ROWS, 0), "text/csv")
            else:
                self.send_body(401, "who?\n", "text/plain")
        elif case == "nomisdup":
            rows = NOMIS_ROWS if n == 1 else NOMIS_ROWS + NOMIS_ROWS
            self.send_body(200, nomis_csv(rows, 0), "text/csv")
        elif case == "nomisslow":
            q = urllib.parse.parse_qs(url.query)
            off = int(q.get("recordoffset", ["0"])[0])
            time.sleep(0.05)
            out = ['"DATE","GEOGRAPHY_CODE","OBS_VALUE",'
                   '"RECORD_OFFSET","RECORD_COUNT"',
                   '"2026-01","E%08d",1,%d,1000000' % (off, off)]
            self.send_body(200, "\n".join(out) + "\n", "text/csv")
        elif case == "retryafter":
            self.send_body(503, "busy\n", "text/plain",
                           extra={"Retry-After": "3600"})
        elif case == "retryafter1":
            if n == 1:
                self.send_body(503, "busy\n", "text/plain",
                               extra={"Retry-After": "1"})
            else:
                self.send_body(200, nomis_csv(NOMIS_ROWS, 0), "text/csv")
        elif case == "count":
            with LOCK:
                c = COUNTS.get(path[len("/count"):], 0)
            self.send_body(200, "%d\n" % c, "text/plain")
        else:
            self.send_body(404, "unknown case\n", "text/plain")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the tests open many connections at once

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (size cap, timeouts)


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    tls = Server(("127.0.0.1", 0), Handler)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "data", "http")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(here, "test_cert.pem"),
                        os.path.join(here, "test_key.pem"))
    tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
    threading.Thread(target=tls.serve_forever, daemon=True).start()
    print(srv.server_address[1], tls.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
