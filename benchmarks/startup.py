# SPDX-License-Identifier: EUPL-1.2
"""Start-up cost of the CLI: CPU time and peak memory of short commands (issue 17).

Each command runs ``--runs`` times in a fresh interpreter; the report gives the median CPU time
(user + system, from ``os.wait4`` of the child) and the peak RSS. Reference in the
same run: a bare ``python -c pass``, the floor every command pays. No targets are asserted here;
the issue's target for ``ketenmonitor --version`` is under 1 s of CPU.

``--python`` runs the commands with another interpreter, such as that of a clean virtualenv with
only the partner's install (``pip install .``: no Typer, so the partner's argparse front-end,
ADR 0025); the report's first line names the interpreter and whether it has Typer.

    python benchmarks/startup.py [--runs 5] [--python /pad/naar/partnervenv/bin/python]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

COMMANDS: dict[str, list[str]] = {
    "python -c pass (referentie)": ["-c", "pass"],
    "ketenmonitor --version": ["-m", "ketenmonitor", "--version"],
    "ketenmonitor pseudonymise --help": ["-m", "ketenmonitor", "pseudonymise", "--help"],
    "ketenmonitor sleutel maken --help": ["-m", "ketenmonitor", "sleutel", "maken", "--help"],
    "ketenmonitor mapping controleer --help": ["-m", "ketenmonitor", "mapping", "controleer", "--help"],
    "ketenmonitor ingest --help": ["-m", "ketenmonitor", "ingest", "--help"],
}


def _measure(python: str, args: list[str]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MiB) of one run in a new process."""
    pid = subprocess.Popen([python, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**os.environ, "COLUMNS": "100"}).pid
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter die de commando's draait (standaard deze)")
    options = parser.parse_args()
    runs, python = options.runs, options.python
    has_typer = subprocess.run([python, "-c", "import typer"], capture_output=True,
                               check=False).returncode == 0
    print(f"Interpreter: `{python}` ({'met Typer' if has_typer else 'partnerinstallatie, zonder Typer'})")
    print()
    print(f"| commando | CPU (mediaan van {runs}) | piek-RSS |")
    print("|---|---:|---:|")
    for label, args in COMMANDS.items():
        samples = [_measure(python, args) for _ in range(runs)]
        cpu = statistics.median(s[0] for s in samples)
        rss = max(s[1] for s in samples)
        print(f"| `{label}` | {cpu:.2f} s | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
