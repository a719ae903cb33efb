#!/usr/bin/env python3
"""Mirror the vendor's catalog into a local JSON file, and keep it current.

Needs only Python 3.9+ (standard library). The first run downloads everything; every later
run asks only for what changed since the last one and applies it, deletions included.

    python3 scripts/mirror_catalog.py https://catalog.example.com --out catalog.json
    python3 scripts/mirror_catalog.py https://catalog.example.com --out catalog.json --key "$CATALOG_API_KEY"

The file holds, per resource (families, treatments, devices, articles), the items by id and
the `next_sync` link to ask for later changes. It is replaced only after a complete sync,
so an interrupted run leaves the previous mirror intact and the next run simply repeats the work.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request

RESOURCES = ["families", "treatments", "devices", "articles"]
PAGE_SIZE = 100
MAX_RETRIES = 5


class ApiError(Exception):
    pass


def http_get(url, *, key=None, etag=None, timeout=30):
    """GET a JSON document: (status, body, etag). Waits and retries on 429 and on network errors."""
    headers = {"Accept": "application/json", "User-Agent": "catalog-mirror/1"}
    if key:
        headers["Authorization"] = f"Api-Key {key}"
    if etag:
        headers["If-None-Match"] = etag
    if not url.startswith(("http://", "https://")):
        raise ApiError(f"{url} is not an http(s) address.")
    for attempt in range(1, MAX_RETRIES + 1):
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) only, checked above
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, json.loads(response.read().decode("utf-8")), response.headers.get("ETag")
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return 304, None, exc.headers.get("ETag") or etag
            if exc.code == 429 and attempt < MAX_RETRIES:
                time.sleep(float(exc.headers.get("Retry-After") or 5))
                continue
            raise ApiError(f"GET {url}: {exc.code} {_error_message(exc)}") from None
        except (urllib.error.URLError, TimeoutError) as exc:
            if attempt == MAX_RETRIES:
                raise ApiError(f"GET {url}: {exc}") from None
            time.sleep(2**attempt)
    raise ApiError(f"GET {url}: too many retries")


def _error_message(exc):
    try:
        error = json.loads(exc.read().decode("utf-8"))["error"]
    except (ValueError, KeyError, TypeError):
        return exc.reason
    fields = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in (error.get("fields") or {}).items())
    return f"{error.get('message', '')} {fields}".strip()


def sync_resource(site, resource, mirror, *, get):
    """Bring one resource of `mirror` up to date; returns how many items changed and were removed."""
    state = mirror.setdefault(resource, {"items": {}, "next_sync": None, "etag": None})
    items = state["items"]
    url = state["next_sync"] or f"{site}/api/v1/{resource}/?page_size={PAGE_SIZE}"
    changed = removed = 0
    # Nothing new since last time costs one request answered 304.
    status, page, etag = get(url, etag=state.get("etag"))
    if status == 304:
        return changed, removed
    first_etag = etag
    while True:
        for item in page["results"]:
            if item["deleted"]:
                removed += items.pop(str(item["id"]), None) is not None
            else:
                items[str(item["id"])] = item
                changed += 1
        if not page["next"]:
            break
        _, page, _ = get(page["next"])
    if page["next_sync"] != url:
        state["next_sync"], state["etag"] = page["next_sync"], None
    else:
        state["etag"] = first_etag
    return changed, removed


def mirror_catalog(site, path, *, key=None, get=None, out=sys.stdout):
    """Load the mirror at `path` (if any), sync every resource, and write it back atomically."""
    site = site.rstrip("/")
    get = get or (lambda url, etag=None: http_get(url, key=key, etag=etag))
    mirror = {"site": site, "resources": {}}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            mirror = json.load(f)
        if mirror.get("site") != site:
            raise ApiError(f"{path} mirrors {mirror.get('site')}, not {site}: use another file.")
    for resource in RESOURCES:
        changed, removed = sync_resource(site, resource, mirror["resources"], get=get)
        total = len(mirror["resources"][resource]["items"])
        print(f"{resource}: {changed} changed, {removed} removed, {total} in the mirror", file=out)
    directory = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", dir=directory, delete=False, suffix=".tmp", encoding="utf-8") as f:
        json.dump(mirror, f, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(f.name, path)
    return mirror


def main(argv=None):
    parser = argparse.ArgumentParser(description="Mirror the catalog into a JSON file and keep it current.")
    parser.add_argument("site", help="The site's address, for example https://catalog.example.com")
    parser.add_argument("--out", default="catalog.json", help="The mirror file (default: catalog.json)")
    parser.add_argument(
        "--key", default=os.environ.get("CATALOG_API_KEY"), help="A partner API key (or $CATALOG_API_KEY)"
    )
    args = parser.parse_args(argv)
    try:
        mirror_catalog(args.site, args.out, key=args.key)
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
