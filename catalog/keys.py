"""Partner keys this process verified lately: the check a key costs is a query and a hash."""

import hashlib
import threading
import time

from django.conf import settings

from catalog.models import PartnerKey


class VerifiedKeys:
    """Keys this process verified in the last API_KEY_CACHE_SECONDS, by a digest of the presented string.

    Verifying a key is a query and a hash check, most of what a 304 answer costs a syncing
    partner on every request. A key revoked or changed elsewhere stops working within that
    many seconds (at once in the process that saved it: the model's signals call `forget`).
    Only keys that verified are kept, and only a SHA-256 of what was presented, never the secret.
    """

    MAX_KEYS = 1024

    def __init__(self):
        self._keys: dict[str, tuple[float, PartnerKey]] = {}
        self._lock = threading.Lock()

    def get(self, raw: str) -> PartnerKey:
        """The live key for `raw`; raises PartnerKey.DoesNotExist."""
        seconds = settings.API_KEY_CACHE_SECONDS
        digest = hashlib.sha256(raw.encode()).hexdigest()
        now = time.monotonic()
        found = self._keys.get(digest)
        if found is not None and found[0] > now:
            return found[1]
        key = PartnerKey.objects.get_from_key(raw)
        if seconds > 0:
            with self._lock:
                if len(self._keys) >= self.MAX_KEYS:
                    self._keys.clear()
                self._keys[digest] = (now + seconds, key)
        return key

    def forget(self, **_signal) -> None:
        with self._lock:
            self._keys.clear()


verified_keys = VerifiedKeys()
