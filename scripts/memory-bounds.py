#!/usr/bin/env python3
"""Peak memory and time of the linter on inputs built to exhaust the evaluator.

Each case is a folder with one hostile `main.tf` next to a client with a known mistake
(`access_token_validity = 48`, COG001). The linter must finish within the time limit, under the
memory bound, exit 1 (findings, not a crash), and still report the good client's COG001.

    scripts/memory-bounds.py BIN [--limit-mib 1024] [--limit-secs 60] [--only NAME]

Peak RSS comes from wait4() on the child, so GNU time is not needed. Writes only to a
temporary folder. Exits 1 when a case breaks a bound.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

GOOD = """
resource "aws_cognito_user_pool_client" "good" {
  name                  = "good"
  user_pool_id          = "pool"
  access_token_validity = 48
}
"""


def client(name, body):
    return (
        f'resource "aws_cognito_user_pool_client" "{name}" {{\n'
        f'  name         = "{name}"\n  user_pool_id = "pool"\n{body}}}\n'
    )


def numbers(n):
    return "[" + ", ".join(str(i) for i in range(n)) + "]"


def chained_module(depth, count, leaf):
    """Folders m0..m{depth}: each calls the next `count` times; the last holds `leaf`."""
    files = {}
    for level in range(depth):
        files[f"m{level}/main.tf"] = (
            'variable "v" {\n  default = 1\n}\n'
            f'module "next" {{\n  source = "../m{level + 1}"\n  count  = {count}\n'
            "  v      = count.index\n}\n"
        )
    files[f"m{depth}/main.tf"] = 'variable "v" {\n  default = 1\n}\n' + leaf
    files["main.tf"] = 'module "top" {\n  source = "./m0"\n}\n'
    return files


def fan_out(width, depth, leaf):
    """Module folders f0..f{depth}, each calling the next through `width` module blocks."""
    files = {}
    for level in range(depth):
        calls = "".join(
            f'module "c{i}" {{\n  source = "../f{level + 1}"\n}}\n' for i in range(width)
        )
        files[f"f{level}/main.tf"] = calls
    files[f"f{depth}/main.tf"] = leaf
    files["main.tf"] = 'module "top" {\n  source = "./f0"\n}\n'
    return files


def cases():
    big = "x" * 65536
    mib = "y" * (1 << 20)
    yield "flatten_16m", {
        "main.tf": "locals {\n"
        f"  l = {numbers(4096)}\n"
        "  m = [for i in local.l : local.l]\n"
        "  f = flatten(local.m)\n"
        "  c = concat(local.m, local.m, local.m, local.m)\n"
        "}\n"
        + client("hostile", "  id_token_validity = length(local.f) + length(local.c)\n")
    }
    yield "string_amplification", {
        "main.tf": "locals {\n"
        f'  s = "{big}"\n'
        f"  l = {numbers(4096)}\n"
        "  j = join(local.s, [for i in local.l : tostring(i)])\n"
        '  f = formatlist("%s%s", local.s, [for i in local.l : tostring(i)])\n'
        '  r = replace(join("", [for i in local.l : "ab"]), "a", local.s)\n'
        '  g = format("%s%s%s%s", local.s, local.s, local.s, local.s)\n'
        "}\n"
        + client(
            "hostile",
            "  callback_urls = [local.j, local.r, local.g]\n"
            "  logout_urls   = local.f\n",
        )
    }
    yield "mib_elements", {
        "main.tf": "locals {\n"
        f'  s = "{mib}"\n'
        "  l = [" + ", ".join("local.s" for _ in range(1024)) + "]\n"
        "}\n"
        + client("hostile", "  callback_urls = local.l\n")
    }
    nested = "locals {\n  a0 = [1, 2, 3, 4]\n"
    for level in range(1, 12):
        prev = f"local.a{level - 1}"
        nested += f"  a{level} = [{prev}, {prev}, {prev}, {prev}]\n"
    nested += "}\n"
    yield "nested_lists", {
        "main.tf": nested + client("hostile", "  callback_urls = flatten(local.a11)\n")
    }
    yield "for_times_count", {
        "main.tf": "locals {\n"
        f"  l = {numbers(4096)}\n"
        "}\n"
        + client(
            "hostile",
            "  count         = 1024\n"
            '  callback_urls = [for i in local.l : "https://x/${i}/${count.index}"]\n',
        )
    }
    yield "module_count_3_deep", chained_module(
        3,
        1024,
        client("hostile", '  callback_urls = ["http://x/${var.v}"]\n'),
    )
    yield "fan_out_10x8", fan_out(
        10, 8, client("hostile", '  callback_urls = ["http://x"]\n')
    )
    shared = "locals {\n" f'  s = "{big}"\n' f"  l = [{', '.join(['local.s'] * 16)}]\n"
    for level in range(1, 6):
        prev = f"local.n{level - 1}" if level > 1 else "local.l"
        shared += f"  n{level} = [{', '.join([prev] * 8)}]\n"
    shared += "}\n"
    # Each local a copy of the one before, element by element: shared values, but each level
    # seen from new use sites, which the module's budget counts.
    chain = "locals {\n  l0 = [for i in range(4096) : [i]]\n" + "".join(
        f"  l{k} = [for x in local.l{k - 1} : x]\n" for k in range(1, 300)
    ) + "}\n"
    yield "reference_chain", {
        "main.tf": chain
        + "".join(
            client(f"c{k}", f'  callback_urls = [for x in local.l{k} : "https://a/${{x[0]}}"]\n')
            for k in range(300)
        )
    }
    yield "shared_references", {
        "main.tf": shared + client("hostile", "  callback_urls = flatten(local.n5)\n")
    }


def peak_run(argv, limit_secs):
    """Runs argv; returns (exit code, peak RSS in MiB, seconds, stdout)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        deadline = start + limit_secs
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return code, usage.ru_maxrss / 1024, elapsed, text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin")
    parser.add_argument("--limit-mib", type=float, default=1024)
    parser.add_argument("--limit-secs", type=float, default=60)
    parser.add_argument("--only")
    args = parser.parse_args()
    failed = False
    print(f"{'case':<24} {'exit':>4} {'peak MiB':>9} {'secs':>6}  result")
    with tempfile.TemporaryDirectory() as work:
        for name, files in cases():
            if args.only and name != args.only:
                continue
            folder = os.path.join(work, name)
            for rel, text in files.items():
                path = os.path.join(folder, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(text)
            with open(os.path.join(folder, "good.tf"), "w") as f:
                f.write(GOOD)
            argv = [args.bin, "--no-config", "-f", "json", folder]
            code, peak, secs, out = peak_run(argv, args.limit_secs)
            problems = []
            if secs > args.limit_secs:
                problems.append("too slow (killed)")
            if peak > args.limit_mib:
                problems.append(f"over {args.limit_mib:.0f} MiB")
            if code != 1:
                problems.append(f"exit {code}, not 1")
            else:
                findings = json.loads(out)["diagnostics"]
                if not any(
                    f["code"] == "COG001" and f["file"].endswith("good.tf") for f in findings
                ):
                    problems.append("the good client's COG001 is missing")
            failed |= bool(problems)
            verdict = "; ".join(problems) or "ok"
            print(f"{name:<24} {code:>4} {peak:>9.1f} {secs:>6.2f}  {verdict}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
