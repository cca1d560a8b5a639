"""``invite-watcher bookmarklet [--print]``: the one-click capture of LinkedIn's invitation
manager.

The bookmarklet's JavaScript is a real file of the package (``bookmarklet.js``), minified and
URL-encoded here at run time, with the capture mark the page source reads
(``watcher.sources.linkedin.page.CAPTURE_FORMAT``) filled in, so the two cannot drift apart.
The command writes a small install page (the link to drag to the bookmarks bar, two lines of
help) under the XDG data folder and opens it in the default browser.
"""

# Real annotations, not strings: see watcher/cli/app.py.

from importlib.resources import files
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import platformdirs
import typer

from watcher.cli.common import err, out
from watcher.config.settings import APP

SCRIPT = "bookmarklet.js"
INSTALL_PAGE = "bookmarklet.html"
#: Kept readable in the URL: JavaScript punctuation that means nothing special in a URL.
_URL_SAFE = "()[]{}!$'*+,;=:@/?._~-"

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>invite-watcher: one-click capture</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; }}
a.bookmarklet {{ display: inline-block; padding: .6em 1.4em; border-radius: 1.5em;
  background: #0a66c2; color: #fff; font-weight: 600; text-decoration: none; }}
</style>
</head>
<body>
<h1>Capture your LinkedIn invitations</h1>
<p><a class="bookmarklet" href="{url}">Save invitations</a></p>
<p class="help">Drag the button above to your bookmarks bar.</p>
<p class="help">On LinkedIn, open My Network → Invitations (click “Load more” until all show),
then click the bookmark: the page is saved to your downloads, where invite-watcher reads it.</p>
</body>
</html>
"""


def minify(source: str) -> str:
    """The script on one line: whole-line comments and indentation go, lines join with a
    space. The file is written for this (semicolons everywhere, no trailing comments)."""
    lines = [line.strip() for line in source.splitlines()]
    code = " ".join(line for line in lines if line and not line.startswith("//"))
    if "//" in code:
        raise ValueError(f"{SCRIPT}: a trailing // comment would swallow the rest of the line")
    return code


def bookmarklet_code() -> str:
    """The bookmarklet's JavaScript, minified, with the capture format filled in."""
    source = files("watcher.cli").joinpath(SCRIPT).read_text(encoding="utf-8")
    # Imported here: the page reader is the bookmarklet's alone, not every command's start.
    from watcher.sources.linkedin.page import CAPTURE_FORMAT  # noqa: PLC0415

    return minify(source).replace("CAPTURE_FORMAT", CAPTURE_FORMAT)


def bookmarklet_url() -> str:
    return "javascript:" + quote(bookmarklet_code(), safe=_URL_SAFE)


def install_page(url: str) -> str:
    from html import escape  # noqa: PLC0415 (this command alone writes HTML)

    return _PAGE.format(url=escape(url, quote=True))


def install_page_path() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / INSTALL_PAGE


def bookmarklet(
    print_url: Annotated[
        bool, typer.Option("--print", help="Print only the javascript: URL of the bookmarklet.")
    ] = False,
) -> None:
    """Install page for the one-click capture of LinkedIn's invitation manager."""
    url = bookmarklet_url()
    if print_url:
        print(url)
        return
    path = install_page_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(install_page(url), encoding="utf-8")
    if not _open(path):
        err.print("could not open a browser; open this page in yours:")
    out.print(str(path))


def _open(path: Path) -> bool:
    """Open the page in the default browser; False (never an error) when there is none."""
    import webbrowser  # noqa: PLC0415 (shlex and the browser table: this command's alone)

    try:
        return webbrowser.open(path.as_uri())
    except (webbrowser.Error, OSError):
        return False
