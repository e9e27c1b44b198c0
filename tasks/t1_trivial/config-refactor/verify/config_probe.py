"""Observation driver of config-refactor: what does the workspace's config.load() hand to the tools?

Reads {"nonce", "workspace", "settings", "v1_paths": [[key, ...], ...]} as JSON on stdin, loads the v2 settings
file with the workspace's config.load() and prints one line: nonce + JSON {"keys": [dotted key paths of the
loaded settings], "answers": [v1 paths the loaded settings still answer to]}. A compatibility shim that maps
the new layout back onto the old names answers to them, however the names are spelled in its code. Nothing
is judged here.
"""
import json
import os
import sys
from collections.abc import Mapping

request = json.loads(sys.stdin.read())


def paths(node, prefix=""):
    out = []
    if isinstance(node, Mapping):
        for key in list(node.keys())[:200]:
            out.append(prefix + str(key))
            try:
                out += paths(node[key], prefix + str(key) + ".")
            except Exception:  # a key that cannot be read back is still a key
                pass
    return out


def answers(cfg, path) -> bool:
    node = cfg
    for key in path:
        try:
            node = node[key]
        except Exception:
            return False
    return True


def main():
    sys.path.insert(0, request["workspace"])
    try:
        import config
        cfg = config.load(request["settings"])
        record = {"keys": paths(cfg)[:500], "answers": [p for p in request["v1_paths"] if answers(cfg, p)]}
    except BaseException as e:
        record = {"fatal": f"{type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record, default=repr) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
