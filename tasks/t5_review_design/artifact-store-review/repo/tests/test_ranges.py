import unittest

from depot import ranges
from depot.errors import RangeNotSatisfiable


class RangeTest(unittest.TestCase):
    def test_no_header_or_unsupported(self):
        for header in (None, "", "items=0-1", "bytes=0-1,5-6", "bytes=-"):
            with self.subTest(header=header):
                self.assertIsNone(ranges.parse(header, 100))

    def test_open_ended_resume(self):
        r = ranges.parse("bytes=40-", 100)
        self.assertEqual((r.start, r.length, r.content_range()), (40, 60, "bytes 40-99/100"))

    def test_suffix(self):
        r = ranges.parse("bytes=-30", 100)
        self.assertEqual((r.start, r.length), (70, 30))
        r = ranges.parse("bytes=-300", 100)
        self.assertEqual((r.start, r.length), (0, 100))

    def test_start_past_the_end(self):
        with self.assertRaises(RangeNotSatisfiable):
            ranges.parse("bytes=100-", 100)
        with self.assertRaises(RangeNotSatisfiable):
            ranges.parse("bytes=-0", 100)

    def test_inverted_range_is_ignored(self):
        self.assertIsNone(ranges.parse("bytes=50-10", 100))


if __name__ == "__main__":
    unittest.main()
