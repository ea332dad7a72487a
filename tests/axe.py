"""axe-core in headless Chromium, offline: the page is copied with axe inlined and a few lines that run it and
write the results into the page, and Chromium's `--dump-dom` prints the page once its virtual clock has run.
No browser driver, no download: Debian's `chromium` and npm's `axe-core`, both from `scripts/setup --test`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(os.environ.get("BIDKIT_AXE", ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
RESULT = re.compile(r'<script type="application/json" id="axe-result">(.*?)</script>', re.DOTALL)
RUNNER = """
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var out = document.createElement("script");
  out.type = "application/json"; out.id = "axe-result";
  out.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
  })).replace(/</g, "\\\\u003c");
  document.body.appendChild(out);
});
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def available() -> str | None:
    """Why axe cannot run here, or None when it can."""
    if chromium() is None:
        return "no chromium on PATH (scripts/setup --test installs Debian's chromium)"
    if not AXE.is_file():
        return f"no axe-core at {AXE} (scripts/setup --test runs npm install --prefix .cache/axe axe-core)"
    return None


def run_axe(html: str, timeout: float = 120) -> list[dict]:
    """The violations axe-core finds in the page: [{id, impact, help, nodes}], empty when there are none."""
    script = AXE.read_text(encoding="utf-8") + RUNNER
    page = html.replace("</body>", f"<script>{script}</script></body>", 1)
    with tempfile.TemporaryDirectory(prefix="bidkit-axe-") as work:
        path = Path(work) / "page.html"
        path.write_text(page, encoding="utf-8")
        command = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-extensions", "--disable-background-networking", f"--user-data-dir={work}/profile",
                   "--virtual-time-budget=30000", "--dump-dom", path.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    found = RESULT.search(done.stdout)
    if found is None:
        raise RuntimeError(f"axe did not report (chromium exit {done.returncode}): {done.stderr[-2000:]}")
    return json.loads(found[1])
