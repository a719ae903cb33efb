"""axe-core in the browser tests: a page passes only with no violation at all."""

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def axe_violations(page) -> list[str]:
    """One readable line per violation: rule, impact, and the first offending nodes."""
    results = _AXE.run(page)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


def assert_accessible(page) -> None:
    """Fail with every violation listed (evaluate() injects axe, so the page's CSP does not block it)."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(violations)


def assert_no_sideways_scroll(page) -> None:
    """A phone never scrolls the whole page sideways; wide tables scroll inside themselves."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {page.viewport_size['width']}px"
