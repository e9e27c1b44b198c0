import unittest

from toolrun.money import format_usd, micros


class MoneyTest(unittest.TestCase):
    def test_decimal_strings(self):
        self.assertEqual(micros("2.50"), 2_500_000)
        self.assertEqual(micros("0.000001"), 1)
        self.assertEqual(micros("-1.5"), -1_500_000)

    def test_floats_are_refused(self):
        with self.assertRaises(TypeError):
            micros(0.1)

    def test_too_many_decimals(self):
        with self.assertRaises(ValueError):
            micros("0.0000001")

    def test_format(self):
        self.assertEqual(format_usd(micros("12.000345")), "$12.000345")


if __name__ == "__main__":
    unittest.main()
