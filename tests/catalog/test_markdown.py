from html.parser import HTMLParser

import pytest

from catalog import markdown


class ElementCollector(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def dangers(html: str) -> list[str]:
    collector = ElementCollector()
    collector.feed(html)
    found = []
    for tag, attrs in collector.elements:
        if tag not in markdown.ALLOWED_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"{tag}[{name}]")
            if name in ("href", "src"):
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                if scheme and scheme not in markdown.URL_SCHEMES:
                    found.append(f"{tag}[{name}={value}]")
    return found


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=5></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "[x](&#106;avascript:alert(1))",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_renders_nothing_executable(payload):
    html = markdown.render(f"Before\n\n{payload}\n\nAfter").html
    assert dangers(html) == [], html
    assert "Before" in html and "After" in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_sanitiser_alone_strips_hostile_html(payload):
    html = markdown.sanitise(payload)
    assert dangers(html) == [], html


def test_the_danger_check_itself_spots_hostile_markup():
    assert dangers('<img src=x onerror=alert(1)><a href="javascript:x">y</a><script></script>') == [
        "img[onerror]",
        "a[href=javascript:x]",
        "<script>",
    ]


def test_headings_get_anchors_and_form_the_table_of_contents():
    rendered = markdown.render("## Before the session\n\ntext\n\n### Sun avoidance\n\n## Before the session\n")
    assert '<h2 id="before-the-session">Before the session</h2>' in rendered.html
    assert '<h3 id="sun-avoidance">Sun avoidance</h3>' in rendered.html
    assert '<h2 id="before-the-session-2">' in rendered.html
    assert [(h.level, h.anchor) for h in rendered.toc] == [
        (2, "before-the-session"),
        (3, "sun-avoidance"),
        (2, "before-the-session-2"),
    ]


def test_a_level_one_heading_in_the_body_becomes_level_two():
    assert "<h1" not in markdown.render("# Title again\n").html


def test_tables_render_with_header_cells():
    html = markdown.render("| Stage | Duration |\n|---|---|\n| Anaesthetic | 60 min |\n").html
    assert "<table>" in html and '<th scope="col">Stage</th>' in html and "<td>60 min</td>" in html


def test_external_links_get_nofollow_noopener_and_internal_links_do_not(settings):
    settings.SITE_URL = "https://catalog.example.com"
    html = markdown.render(
        "[study](https://pubmed.example.org/1) [guide](/knowledge/aftercare/) [own](https://catalog.example.com/x/)"
    ).html
    assert '<a href="https://pubmed.example.org/1" rel="nofollow noopener">study</a>' in html
    assert '<a href="/knowledge/aftercare/">guide</a>' in html
    assert '<a href="https://catalog.example.com/x/">own</a>' in html


def test_raw_html_is_shown_as_text_not_markup():
    html = markdown.render("Use <b>bold</b> sparingly").html
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
