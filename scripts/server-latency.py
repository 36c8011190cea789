#!/usr/bin/env python3
"""Time from `didChange` to `publishDiagnostics` in `cognito-lint server`, on a generated
module of 2,000 lines with 50 clients (one open buffer, the module's other files on disk).

    scripts/server-latency.py [--binary target/release/cognito-lint] [--runs 50]

Each run types a change after a pause longer than the server's debounce (as a user who stops
typing): one client's legacy flow toggled, so that every run has findings to publish. Prints
the median, the 90th percentile and the slowest run, in milliseconds.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CLIENT = """resource "aws_cognito_user_pool_client" "c{i}" {{
  name                                 = "client-{i}"
  user_pool_id                         = aws_cognito_user_pool.pool.id
  generate_secret                      = false
  prevent_user_existence_errors        = "ENABLED"
  explicit_auth_flows                  = [{flows}]
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls                        = ["https://app{i}.example.com/callback"]
  logout_urls                          = ["https://app{i}.example.com/logout"]
  default_redirect_uri                 = "https://app{i}.example.com/callback"
  supported_identity_providers         = ["COGNITO"]
  access_token_validity                = 60
  id_token_validity                    = 60
  refresh_token_validity               = 30
  enable_token_revocation              = true
  auth_session_validity                = 3
  read_attributes                      = ["email", "email_verified", "name"]
  write_attributes                     = ["email", "name"]
  # Client {i}: one of the apps of the pool; each setting is spelled out,
  # as a generated module would, so that the file is as long as a real one.

  token_validity_units {{
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }}

  # Tokens: short-lived access and ID tokens, refresh tokens for a month,
  # revocable. Sessions for the hosted UI last three minutes.
  #
  # Attributes: the app reads and writes only what its profile page shows.
  #

  lifecycle {{
    ignore_changes = [name]
  }}

}}
"""
GOOD = '"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"'
BAD = '"ADMIN_NO_SRP_AUTH"'
HEADER = """variable "pinpoint_app_id" {
  type    = string
  default = null
}
variable "analytics_role_arn" {
  type    = string
  default = null
}
resource "aws_cognito_user_pool" "pool" {
  name = "users"
}
"""


def module(bad_client=None):
    """The open file: 25 clients; the other 25 are in a file on disk."""
    return "".join(
        CLIENT.format(i=i, flows=BAD if i == bad_client else GOOD) for i in range(25)
    )


class Server:
    def __init__(self, binary, root):
        self.proc = subprocess.Popen(
            [binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root
        )
        self.next_id = 1

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                sys.exit("the server stopped")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.send(dict(id=self.next_id, method=method, params=params))
        self.next_id += 1
        while "result" not in (message := self.read()) and "error" not in message:
            pass
        return message

    def published(self, uri, version):
        while True:
            m = self.read()
            if (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            ):
                return m["params"]["diagnostics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/release/cognito-lint")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between changes")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "main.tf"), "w") as f:
            f.write(module())
        with open(os.path.join(root, "others.tf"), "w") as f:
            f.write(HEADER + "".join(CLIENT.format(i=i, flows=GOOD) for i in range(25, 50)))
        lines = sum(open(os.path.join(root, n)).read().count("\n") for n in ("main.tf", "others.tf"))
        uri = "file://" + os.path.join(root, "main.tf")
        server = Server(binary, root)
        server.request("initialize", {"processId": None, "capabilities": {}, "rootUri": None})
        server.send(dict(method="initialized", params={}))
        doc = {"uri": uri, "languageId": "terraform", "version": 1, "text": module()}
        server.send(dict(method="textDocument/didOpen", params={"textDocument": doc}))
        server.published(uri, 1)
        times = []
        for run in range(args.runs):
            version = run + 2
            time.sleep(args.pause)
            text = module(bad_client=run % 25 if run % 2 == 0 else None)
            started = time.perf_counter()
            server.send(
                dict(
                    method="textDocument/didChange",
                    params={
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": text}],
                    },
                )
            )
            diagnostics = server.published(uri, version)
            times.append((time.perf_counter() - started) * 1000)
            expected = 2 if run % 2 == 0 else 0  # COG201 and COG202 on the legacy flow
            if len(diagnostics) != expected:
                codes = sorted({d.get("code") for d in diagnostics})
                sys.exit(f"run {run}: {len(diagnostics)} diagnostics ({codes}), expected {expected}")
        server.request("shutdown", None)
        server.send(dict(method="exit"))
        server.proc.wait(timeout=10)
    times.sort()
    print(
        f"{lines} lines, 50 clients, {args.runs} changes: median {statistics.median(times):.1f} ms, "
        f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
