"""What each "Save page as" (and our bookmarklet) writes of a live invitation manager page
(reference/browser-captures.md §2), as bytes.

``save_complete`` (Chromium "Webpage, Complete": the "saved from" mark and a ``_files/``
folder), ``save_mhtml`` (Chromium "Single File", built with the ``email`` package as Blink
writes it), ``save_firefox`` (Firefox "Web Page, complete": no mark, a charset meta first),
``save_bookmarklet`` (our bookmarklet's file), ``html_only_shell`` (the server's response, no
cards) and ``other_page`` (another LinkedIn page, or another site).
"""

from __future__ import annotations

import email.policy
import json
import quopri
from datetime import datetime
from email.header import Header
from email.message import Message
from email.utils import format_datetime
from typing import Literal

from tests.support.pages import CSS_URL, IMG_URL, JS_URL, MANAGER_URL, OWNER_SLUG, Era


def _without_doctype(dom: str) -> str:
    return dom.removeprefix("<!DOCTYPE html>")


def save_complete(dom: str, title: str, url: str = MANAGER_URL) -> tuple[bytes, dict[str, bytes]]:
    """Chromium "Webpage, Complete": the live DOM after the "saved from" mark, a charset meta
    first in the head, resources moved to ``<title>_files/``. Returns the page and the folder's
    files (name -> bytes)."""
    folder = f"{title}_files"
    html = (
        _without_doctype(dom)
        .replace(
            "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', 1
        )
        .replace(CSS_URL, f"./{folder}/8a1b2c3d.css")
        .replace(JS_URL, f"./{folder}/9f8e7d6c.js.download")
        .replace(IMG_URL, f"./{folder}/1.jpg")
    )
    mark = f"<!-- saved from url=({len(url):04d}){url} -->"
    page = f"<!DOCTYPE html>\n{mark}\n{html}".encode()
    return page, _resources()


def _resources() -> dict[str, bytes]:
    frame_url = "https://www.linkedin.com/preload/"
    frame = (
        f"<!DOCTYPE html>\n<!-- saved from url=({len(frame_url):04d}){frame_url} -->\n"
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        "</head><body></body></html>"
    )
    return {
        "8a1b2c3d.css": b".invitation-card{display:block}\n",
        "9f8e7d6c.js.download": b"(function(){window.__li=1;})();\n",
        "1.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64),
        "saved_resource.html": frame.encode(),
    }


def save_firefox(dom: str, title: str) -> tuple[bytes, dict[str, bytes]]:
    """Firefox "Web Page, complete": no "saved from" mark; a charset meta inserted first in the
    head; resources in ``<title>_files/`` referred to without ``./``."""
    folder = f"{title}_files"
    html = (
        dom.replace("<!DOCTYPE html>", "<!DOCTYPE html>\n", 1)
        .replace(
            "<head>", '<head><meta http-equiv="content-type" content="text/html; charset=UTF-8">', 1
        )
        .replace(CSS_URL, f"{folder}/8a1b2c3d.css")
        .replace(JS_URL, f"{folder}/9f8e7d6c.js")
        .replace(IMG_URL, f"{folder}/1.jpg")
    )
    return html.encode(), _resources()


def save_mhtml(
    dom: str,
    title: str,
    saved_at: datetime,
    url: str = MANAGER_URL,
    *,
    charset_in_meta: bool = True,
) -> bytes:
    """Chromium "Webpage, Single File": MIME headers as Blink writes them, the HTML part
    quoted-printable with no charset parameter (UTF-8 only in the inner meta), scripts gone,
    resources as further parts; CRLF line ends."""
    boundary = "----MultipartBoundary--Vh3kQ0dTzN8xY1pR5sLmC7aW2eF6gJ9bU4oI----"
    root = Message()
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = url
    root["Subject"] = title if title.isascii() else Header(title, "utf-8").encode()
    root["Date"] = format_datetime(saved_at)
    root["MIME-Version"] = "1.0"
    root["Content-Type"] = f'multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"'
    html = _without_doctype(dom).replace(f'<script src="{JS_URL}"></script>', "")
    if not charset_in_meta:
        html = html.replace('<meta charset="utf-8">', "")
    else:
        html = html.replace(
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
        )
    root.attach(_part("text/html", "<frame-1C7A@mhtml.blink>", url, "<!DOCTYPE html>" + html))
    root.attach(_part("text/css", None, "cid:css-8a1b@mhtml.blink", ".invitation-card{}"))
    return root.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))


def _part(kind: str, content_id: str | None, location: str, text: str) -> Message:
    part = Message()
    part["Content-Type"] = kind
    if content_id:
        part["Content-ID"] = content_id
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part["Content-Location"] = location
    part.set_payload(quopri.encodestring(text.encode("utf-8")).decode("ascii"))
    return part


def save_bookmarklet(dom: str, captured_at: str, url: str = MANAGER_URL) -> bytes:
    """Our bookmarklet's file: the capture mark, then the live DOM (``outerHTML``)."""
    meta = json.dumps({"url": url, "captured_at": captured_at}).replace("<", "\\u003c")
    mark = f"<!-- invite-watcher/capture@1 {meta} -->"
    return f"<!DOCTYPE html>\n{mark}\n{_without_doctype(dom)}".encode()


def html_only_shell(era: Era = "sdui") -> bytes:
    """What "HTML only" writes: the server's response, scripts and data, no rendered cards."""
    data = (
        '<code id="bpr-guid-1" style="display: none">{"data":{"$type":"com.linkedin.voyager.'
        'common.Me"},"included":[]}</code>'
        if era == "ember"
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>LinkedIn</title>"
        '<meta name="pageKey" content="d_flagship3_people_invitations">'
        f'<link rel="canonical" href="{MANAGER_URL}">'
        f'<link rel="stylesheet" href="{CSS_URL}"><script src="{JS_URL}" defer></script></head>'
        '<body class="render-mode-BIGPIPE"><noscript>Please enable JavaScript.</noscript>'
        f'{data}<div id="root" class="application-outlet"></div></body></html>'
    ).encode()


def other_page(kind: Literal["feed", "grow", "site"]) -> bytes:
    """A page that is not the invitation manager, saved as Complete: LinkedIn's feed, the
    "grow" page (which links to the invitation manager), or another site entirely."""
    if kind == "site":
        url = "https://blog.example.org/mynetwork-tips/"
        body = (
            "<main><h1>How to handle LinkedIn invitations</h1><p>Open "
            '<a href="https://www.linkedin.com/mynetwork/invitation-manager/">the invitation '
            'manager</a> and click <button aria-label="Accept">Accept</button> on '
            '<a href="https://www.linkedin.com/in/jane-doe/">Jane Doe</a>.</p></main>'
        )
    else:
        url = f"https://www.linkedin.com/{'feed' if kind == 'feed' else 'mynetwork/grow'}/"
        body = (
            '<main><a href="/mynetwork/invitation-manager/">Show all invitations</a>'
            f'<a href="/in/{OWNER_SLUG}/">Eve Owner</a><p>Start a post</p></main>'
        )
    html = (
        f'<html lang="en"><head><meta charset="utf-8"><title>Feed | LinkedIn</title>'
        f'<link rel="canonical" href="{url}"></head><body>{body}</body></html>'
    )
    return f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n{html}".encode()
