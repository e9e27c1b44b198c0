"""Hidden driver: parses each .env case with the workspace's envfile.load() and reports.

Reads {"nonce", "workspace", "cases": [{"id", "text"}]} as JSON on stdin (before importing any
workspace code, so the nonce cannot be seen on argv) and prints one line: nonce + JSON results.
"""
import json
import sys
import tempfile
from pathlib import Path

request = json.loads(sys.stdin.read())
sys.path.insert(0, request["workspace"])
results = {}
try:
    import envfile
except BaseException as e:  # an unimportable module fails every case, it does not crash
    envfile, import_error = None, f"import failed: {type(e).__name__}: {e}"

with tempfile.TemporaryDirectory() as tmp:
    for case in request["cases"]:
        path = Path(tmp) / f"case{len(results)}.env"
        path.write_bytes(case["text"].encode("utf-8"))
        if envfile is None:
            results[case["id"]] = {"ok": False, "type": "ImportError", "value_error": False, "message": import_error}
            continue
        try:
            got = envfile.load(str(path))
            results[case["id"]] = {"ok": True, "values": {str(k): v if isinstance(v, str) else repr(v)
                                                           for k, v in dict(got).items()}}
        except BaseException as e:
            results[case["id"]] = {"ok": False, "type": type(e).__name__,
                                   "value_error": isinstance(e, ValueError), "message": str(e)}

sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(results) + "\n")
