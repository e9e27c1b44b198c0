import json
import os
import tempfile
import unittest

from depot import settings


class SettingsTest(unittest.TestCase):
    def test_env_overrides_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"max_upload_bytes": 100, "listen": "0.0.0.0:1"}, fh)
        try:
            s = settings.load(fh.name, {"DEPOT_MAX_UPLOAD_BYTES": "200", "DEPOT_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2"})
        finally:
            os.unlink(fh.name)
        self.assertEqual((s.max_upload_bytes, s.listen, s.trusted_proxies), (200, "0.0.0.0:1", ("10.0.0.1", "10.0.0.2")))

    def test_unknown_setting_is_an_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump({"max_uplod_bytes": 1}, fh)
        try:
            with self.assertRaises(ValueError):
                settings.load(fh.name, {})
        finally:
            os.unlink(fh.name)

    def test_bad_number_in_environment(self):
        with self.assertRaises(ValueError):
            settings.load(None, {"DEPOT_RATE_LIMIT_PER_S": "fast"})

    def test_validate_needs_a_signing_key(self):
        with self.assertRaises(ValueError):
            settings.Settings(signing_key="short").validate()


if __name__ == "__main__":
    unittest.main()
