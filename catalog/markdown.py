"""Markdown to safe HTML for articles: headings with anchors, tables, sanitised output.

Two layers: markdown-it never passes raw HTML through (it is escaped as text) and refuses
`javascript:`-like links; nh3 then keeps only the tags, attributes and URL schemes an
article needs, whatever the parser let through.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.text import slugify
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "img": {"src", "alt", "title"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    toc: tuple[Heading, ...]


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return False
    return parts.netloc.lower() != urlsplit(settings.SITE_URL).netloc.lower()


def render(text: str) -> RenderedMarkdown:
    """Render article markdown; headings get stable anchors, external links nofollow noopener."""
    md = _parser()
    tokens = md.parse(text or "")
    toc: list[Heading] = []
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1])
            if level == 1:
                # The page title is the only h1; a "# heading" in the body becomes an h2.
                token.tag = tokens[index + 2].tag = "h2"
                level = 2
            inline = tokens[index + 1]
            title = "".join(child.content for child in (inline.children or []) if child.type in ("text", "code_inline"))
            anchor = base = slugify(title) or "section"
            n = 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            token.attrSet("id", anchor)
            if level in (2, 3):
                toc.append(Heading(level=level, text=title, anchor=anchor))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open" and _is_external(child.attrGet("href") or ""):
                    child.attrSet("rel", "nofollow noopener")
        elif token.type == "th_open":
            token.attrSet("scope", "col")
    html = md.renderer.render(tokens, md.options, {})
    return RenderedMarkdown(html=sanitise(html), toc=tuple(toc))


def sanitise(html: str) -> str:
    """Keep only what an article needs; drop scripts, styles, frames, handlers and odd URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


_TABLE_OPEN = re.compile(r"<table>")


def tables_scrollable(html: str) -> str:
    """Sanitised article HTML with each table in a box that scrolls sideways, with a hint, for pages.

    A table wider than a phone scrolls inside its box instead of widening the page. The box can
    take focus, so keyboard users scroll it too. Only pages use this: stored API documents keep the
    article's plain HTML.
    """
    count = 0

    def wrap(match: re.Match) -> str:
        nonlocal count
        count += 1
        hint = f"table-hint-{count}"
        return (
            f'<div class="table-wrap"><p class="scroll-hint" id="{hint}">Scroll sideways to see the whole table</p>'
            f'<div class="table-scroll" tabindex="0" role="region" aria-label="Table {count}" '
            f'aria-describedby="{hint}"><table>'
        )

    return _TABLE_OPEN.sub(wrap, html).replace("</table>", "</table></div></div>")
