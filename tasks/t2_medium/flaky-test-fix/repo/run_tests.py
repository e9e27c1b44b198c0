"""Test entry point used by CI: python3 run_tests.py [--shuffle] [--seed N]

--shuffle runs the tests in a random order (the seed is printed, so a failing order can be
replayed with --seed), which is how CI catches tests that depend on each other.
"""
import argparse
import random
import sys
import unittest
from pathlib import Path


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shuffle", action="store_true")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    tests_dir = Path(__file__).resolve().parent / "tests"
    tests = list(flatten(unittest.defaultTestLoader.discover(str(tests_dir), top_level_dir=str(tests_dir))))
    if args.shuffle or args.seed is not None:
        seed = args.seed if args.seed is not None else random.randrange(10_000)
        print(f"shuffled with --seed {seed}")
        random.Random(seed).shuffle(tests)
    result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(tests))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
