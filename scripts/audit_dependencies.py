"""Known vulnerabilities in the locked dependencies (pip-audit, PyPI's advisory data).

pip-audit reads each release's page of PyPI's JSON API. Where that cannot be reached (a machine
behind a mirror that has only the package index), it would report every package as "could not
be audited" and still say "no known vulnerabilities": this script says plainly that the audit
did not run instead, and otherwise runs pip-audit strictly (a package it cannot audit fails).

Usage: `make audit-deps` (exit 1 on a known vulnerability).
"""

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements" / "lock.txt", ROOT / "requirements" / "dev-lock.txt"]


def advisory_data_reachable() -> bool:
    django = re.search(r"^django==(\S+)", LOCKS[0].read_text(), re.MULTILINE).group(1)
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/django/{django}/json", timeout=10):
            return True
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    if not advisory_data_reachable():
        print(
            "NOTICE: pip-audit did not run: PyPI's vulnerability data (pypi.org/pypi/<name>/"
            "<version>/json) cannot be reached from this machine."
        )
        return 0
    command = [str(Path(sys.executable).parent / "pip-audit"), "--strict", "--require-hashes"]
    command += ["--disable-pip", "--progress-spinner", "off"]
    for lock in LOCKS:
        command += ["-r", str(lock)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
