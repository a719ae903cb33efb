"""The example client in scripts/: a partner runs it against a running site, with nothing but Python."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalog import services
from tests.factories import ArticleFactory, DeviceFactory

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "mirror_catalog.py"


def run_script(*args):
    # No site-packages (-S), no project on the path (-I): the script needs only the standard library.
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin"},
    )


@pytest.mark.django_db(transaction=True)
def test_the_example_client_mirrors_a_running_site_and_then_applies_only_changes(live_server, laser_family, tmp_path):
    devices = DeviceFactory.create_batch(3, family=laser_family)
    ArticleFactory(devices=devices[:1])
    out = tmp_path / "catalog.json"

    first = run_script(live_server.url, "--out", str(out))
    services.device_set_spec_values(device=devices[0], values={"power": 75})
    services.devices_set_status(device_ids=[devices[1].pk], status="draft")
    second = run_script(live_server.url, "--out", str(out))

    assert first.returncode == 0, first.stderr
    assert "devices: 3 changed, 0 removed, 3 in the mirror" in first.stdout
    assert second.returncode == 0, second.stderr
    assert "devices: 1 changed, 1 removed, 2 in the mirror" in second.stdout
    mirror = json.loads(out.read_text())["resources"]
    assert mirror["devices"]["items"][str(devices[0].pk)]["specs"]["power"]["value"] == "75"
    assert set(mirror["devices"]["items"]) == {str(devices[0].pk), str(devices[2].pk)}


@pytest.mark.django_db(transaction=True)
def test_the_example_client_reports_an_api_error_and_keeps_the_old_mirror(live_server, tmp_path):
    out = tmp_path / "catalog.json"
    out.write_text(json.dumps({"site": live_server.url, "resources": {}}))

    result = run_script(live_server.url, "--out", str(out), "--key", "nope.nope")

    assert result.returncode == 1
    assert "401 The API key is not valid or has been revoked." in result.stderr
    assert json.loads(out.read_text()) == {"site": live_server.url, "resources": {}}
