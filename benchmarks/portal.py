# SPDX-License-Identifier: EUPL-1.2
"""Portal benchmark: response times of the dashboard pages with 20 concurrent users.

A national-scale synthetic publication (342 gemeenten, every catalogue indicator, 2019–2025 by
half-year and year; see ``_portal_data.py``) is registered in a fresh portal, which runs on its
production server (``ketenmonitor serve``: Granian, WSGI) in its own process. This process is
the load generator: 20 threads, each logged in as its own user (beheerders, programmamanagers
and beleidsadviseurs of different gemeenten), request region overviews, gemeente dashboards and
indicator detail pages with a think time of 1–3 s between pages (as Locust's ``between(1, 3)``),
for a fixed time. Every request is a full page with its audit-log entry. Target (issue 6): p95
≤ 150 ms, zero errors. A second phase without think time (every user requests back to back)
measures how far the server is from saturation; it is reported, not judged.

    python benchmarks/portal.py                   # 20 users, 60 s
    python benchmarks/portal.py --duur 20 --uitvoer /tmp/bench
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine_info, markdown_table, nl, now_iso
from _portal_data import REGION, write_national_publication

TARGET_P95_MS = 150.0
PASSWORD = "benchmark-wachtwoord-lang"
SETUP = """
import json, sys
from ketenmonitor.portal import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from ketenmonitor.portal.dashboards.registry import register_publication
from ketenmonitor.portal.accounts.local import create_local_user
register_publication(sys.argv[1], "benchmark")
for name, roles, scope in json.loads(sys.argv[2]):
    create_local_user(name, roles, scope, sys.argv[3])
"""


def _users(n: int, gemeenten: list[str]) -> list[tuple[str, list[str], list[str]]]:
    users: list[tuple[str, list[str], list[str]]] = []
    for i in range(n):
        if i % 4 == 0:
            users.append((f"beheerder{i}", ["beheerder"], []))
        elif i % 4 == 1:
            users.append((f"programma{i}", ["programmamanager"], [REGION]))
        else:
            users.append((f"adviseur{i}", ["beleidsadviseur"], [gemeenten[(i * 37) % len(gemeenten)]]))
    return users


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Session:
    """One logged-in user over one keep-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}/inloggen/lokaal/"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, data

    def login(self, username: str) -> None:
        _status, page = self.request("GET", "/inloggen/lokaal/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1).decode(),
                                       "username": username, "password": PASSWORD})
        status, _page = self.request("POST", "/inloggen/lokaal/", body)
        if status != 302:
            raise RuntimeError(f"inloggen mislukt voor {username}: {status}")


def _paths(rng: random.Random, scope: list[str], indicators: list[str]) -> tuple[str, str]:
    kind = rng.choices(("regio", "gemeente", "indicator"), weights=(2, 4, 4))[0]
    gemeente = rng.choice(scope)
    if kind == "regio":
        return kind, f"/regio/{REGION}/"
    if kind == "gemeente":
        return kind, f"/regio/{REGION}/gemeente/{gemeente}/"
    return kind, f"/regio/{REGION}/gemeente/{gemeente}/indicator/{rng.choice(indicators)}/"


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def _summary(samples: list[float]) -> dict[str, Any]:
    return {"n": len(samples), "p50_ms": _percentile(samples, 50), "p95_ms": _percentile(samples, 95),
            "p99_ms": _percentile(samples, 99), "max_ms": max(samples),
            "mean_ms": statistics.fmean(samples)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()
    work = Path(args.uitvoer_werk or tempfile.mkdtemp(prefix="km-portaal-bench-"))
    start = time.perf_counter()
    publication = write_national_publication(work / "publicaties")
    generate_seconds = time.perf_counter() - start
    meta = json.loads((publication / "metadata.json").read_text(encoding="utf-8"))
    indicators = [i["id"] for i in meta["indicators"]]
    import pyarrow.parquet as pq

    first = pq.read_table(publication / meta["tables"][indicators[0]]["file"])
    gemeenten = sorted({c for c, lvl in zip(first.column("gebied_code").to_pylist(),
                                            first.column("gebied_niveau").to_pylist(), strict=True)
                        if lvl == "gemeente"})
    users = _users(args.gebruikers, gemeenten)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENMONITOR_PORTAL_")}
    env.update(KETENMONITOR_PORTAL_ONTWIKKELING="1", KETENMONITOR_PORTAL_DATA_DIR=str(work / "portaal"),
               KETENMONITOR_PORTAL_STATISCH_COMPRIMEREN="0")
    subprocess.run([sys.executable, "-c", SETUP, str(publication), json.dumps(users), PASSWORD],
                   env=env, check=True)
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-c", "from ketenmonitor.cli.app import main; main()", "serve", "--poort",
         str(port), "--workers", str(args.werkers), "--threads", str(args.threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        probe = Session(port)
        while True:
            try:
                if probe.request("GET", "/gezondheid/")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise RuntimeError("de server stopte tijdens het starten")
            time.sleep(0.5)
        ready_seconds = time.perf_counter() - started
        sessions = []
        for name, _roles, scope in users:
            session = Session(port)
            session.login(name)
            sessions.append((session, [s for s in scope if s.startswith("GM")] or gemeenten))
        cold = {}
        for kind, path in (("regio", f"/regio/{REGION}/"),
                           ("gemeente", f"/regio/{REGION}/gemeente/{gemeenten[0]}/"),
                           ("indicator", f"/regio/{REGION}/gemeente/{gemeenten[0]}/indicator/"
                                         f"{indicators[0]}/")):
            t0 = time.perf_counter()
            status, _ = sessions[0][0].request("GET", path)
            cold[kind] = {"ms": (time.perf_counter() - t0) * 1000, "status": status}
        chart = f"/regio/{REGION}/indicator/{indicators[0]}/grafiek/trend.svg?gemeente={gemeenten[1]}"
        t0 = time.perf_counter()
        sessions[0][0].request("GET", chart)
        chart_cold = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        sessions[0][0].request("GET", chart)
        chart_cached = (time.perf_counter() - t0) * 1000
        measured = _load(sessions, indicators, args.duur, think=True)
        stress = _load(sessions, indicators, args.stress, think=False) if args.stress else None
        rss = _rss_mib(server.pid)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {
        "benchmark": "portal", "measured_at": now_iso(), "machine": machine_info(),
        "settings": {"users": args.gebruikers, "seconds": args.duur, "workers": args.werkers,
                     "threads": args.threads, "server": "granian (WSGI)",
                     "think_seconds": [1, 3], "stress_seconds": args.stress},
        "publication": {"gemeenten": len(gemeenten), "indicators": len(indicators),
                        "rows": sum(t["rows"] for t in meta["tables"].values()),
                        "periods": len(meta["periods"]), "generate_seconds": generate_seconds},
        "load_average": {"before": load_before, "after": load_after},
        "server_ready_seconds": ready_seconds, "server_rss_mib": rss,
        "cold_first_request": cold, "chart_ms": {"cold": chart_cold, "cached": chart_cached},
        **measured, "stress": stress, "target_p95_ms": TARGET_P95_MS,
    }


def _load(sessions: list[tuple[Session, list[str]]], indicators: list[str], seconds: float,
          think: bool) -> dict[str, Any]:
    """All users at once for ``seconds``; with ``think`` each waits 1–3 s between pages."""
    samples: dict[str, list[float]] = {"regio": [], "gemeente": [], "indicator": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def user(index: int) -> None:
        session, scope = sessions[index]
        rng = random.Random(index)
        if think:
            time.sleep(rng.uniform(0, 2))  # users do not all arrive in the same millisecond
        while time.perf_counter() < stop:
            kind, path = _paths(rng, scope, indicators)
            t0 = time.perf_counter()
            try:
                status, _body = session.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                status = -1
                with lock:
                    errors.append(f"{path}: {error}")
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                samples[kind].append(elapsed)
                if status not in (200, -1):
                    errors.append(f"{path}: {status}")
            if think:
                time.sleep(rng.uniform(1, 3))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(len(sessions))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    every = [v for values in samples.values() for v in values]
    return {"requests": len(every), "requests_per_second": len(every) / wall,
            "errors": len(errors), "error_examples": errors[:10], "overall": _summary(every),
            "pages": {k: _summary(v) for k, v in samples.items() if v}}


def _rss_mib(pid: int) -> float | None:
    """Resident memory of the server and its workers (children of the main process)."""
    try:
        out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sum(int(x) for x in out.split()) / 1024


def write(result: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "portal.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    names = {"regio": "Regio-overzicht (342 gemeenten)", "gemeente": "Gemeentedashboard",
             "indicator": "Indicatordetail (gemeente)"}
    rows = [[names[k], nl(v["n"], 0), nl(v["p50_ms"]), nl(v["p95_ms"]), nl(v["p99_ms"]),
             nl(v["max_ms"])] for k, v in result["pages"].items()]
    o = result["overall"]
    rows.append(["**Alle pagina's**", nl(o["n"], 0), nl(o["p50_ms"]), f"**{nl(o['p95_ms'])}**",
                 nl(o["p99_ms"]), nl(o["max_ms"])])
    met = o["p95_ms"] <= TARGET_P95_MS and result["errors"] == 0
    pub, s, m = result["publication"], result["settings"], result["machine"]
    lines = [
        "# Portaal: responstijden met 20 gelijktijdige gebruikers", "",
        f"Gemeten op {result['measured_at']} ({m.get('cpu', '')}, {m.get('cores', '')} kernen, "
        f"{nl(m.get('memory_gib'))} GiB). Server: {s['server']}, {s['workers']} werkprocessen × "
        f"{s['threads']} threads; {s['users']} gebruikers met 1–3 s denktijd tussen pagina's, "
        f"{nl(s['seconds'], 0)} s.", "",
        f"Publicatie: synthetisch, landelijke schaal: {pub['gemeenten']} gemeenten, "
        f"{pub['indicators']} indicatoren, {pub['periods']} perioden, {nl(pub['rows'], 0)} rijen.", "",
        *markdown_table(["pagina", "verzoeken", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)"],
                        rows, [False, True, True, True, True, True]), "",
        f"Doel: p95 ≤ {nl(TARGET_P95_MS, 0)} ms en geen fouten — "
        f"**{'gehaald' if met else 'niet gehaald'}** (p95 {nl(o['p95_ms'])} ms, "
        f"{result['errors']} fouten, {nl(result['requests_per_second'])} verzoeken/s).", "",
        f"- Server klaar (migraties, statische bestanden, publicatie inlezen en voorladen): "
        f"{nl(result['server_ready_seconds'])} s; geheugen server + werkers: "
        f"{nl(result['server_rss_mib'], 0)} MiB.",
        "- Eerste verzoek na het starten: " + ", ".join(
            f"{k} {nl(v['ms'])} ms" for k, v in result["cold_first_request"].items()) + ".",
        f"- Grafiek (SVG, vl-convert): eerste keer {nl(result['chart_ms']['cold'])} ms, "
        f"daarna uit de cache {nl(result['chart_ms']['cached'])} ms.",
        "- Elke paginaweergave schrijft een regel in de auditlog (SQLite, WAL).",
        "- Belasting van de machine (load average over 1 minuut, 2 kernen, gedeeld met andere "
        f"werk): {nl(result['load_average']['before'][0])} vóór, "
        f"{nl(result['load_average']['after'][0])} na de meting.",
    ]
    stress = result.get("stress")
    if stress:
        so = stress["overall"]
        lines.append(
            f"- Zonder denktijd (alle {s['users']} gebruikers vragen direct de volgende pagina, "
            f"{nl(s['stress_seconds'], 0)} s): {nl(stress['requests_per_second'])} verzoeken/s, "
            f"p50 {nl(so['p50_ms'])} ms, p95 {nl(so['p95_ms'])} ms, {stress['errors']} fouten. "
            "Dat is de verzadiging van 2 kernen, geen gebruikerservaring; geen doel.")
    lines.append("")
    (out / "portal.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Portaalbenchmark (p95 met 20 gebruikers).")
    parser.add_argument("--gebruikers", type=int, default=20)
    parser.add_argument("--duur", type=float, default=60.0)
    parser.add_argument("--stress", type=float, default=20.0,
                        help="Seconden zonder denktijd erna (0 = overslaan).")
    parser.add_argument("--werkers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--uitvoer", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--uitvoer-werk", type=Path, default=None, help="Werkmap (standaard: tijdelijk).")
    args = parser.parse_args(argv)
    result = run(args)
    write(result, args.uitvoer)
    print((args.uitvoer / "portal.md").read_text(encoding="utf-8"))
    met = result["overall"]["p95_ms"] <= TARGET_P95_MS and result["errors"] == 0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
