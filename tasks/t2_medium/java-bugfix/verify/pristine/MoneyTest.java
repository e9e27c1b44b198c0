package com.ledgerly.money;

import static com.ledgerly.money.CurrencyUnit.EUR;
import static com.ledgerly.money.CurrencyUnit.JPY;
import static com.ledgerly.money.CurrencyUnit.KWD;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

final class MoneyTest {

    static void testParsesAndFormats() {
        Check.equal("EUR 19.99", Money.of("19.99", EUR).toString());
        Check.equal("EUR 5.00", Money.of("5", EUR).toString());
        Check.equal("JPY 500", Money.of("500", JPY).toString());
        Check.equal("KWD -1.250", Money.of("-1.25", KWD).toString());
        Check.equal(1999L, Money.of("19.99", EUR).minorUnits());
    }

    static void testRejectsTooManyDecimals() {
        Check.throwsIllegalArgument(() -> Money.of("1.999", EUR));
        Check.throwsIllegalArgument(() -> Money.of("1.5", JPY));
        Check.throwsIllegalArgument(() -> Money.of("abc", EUR));
    }

    static void testArithmetic() {
        Money a = Money.of("10.50", EUR);
        Money b = Money.of("0.75", EUR);
        Check.equal(Money.of("11.25", EUR), a.plus(b));
        Check.equal(Money.of("9.75", EUR), a.minus(b));
        Check.equal(Money.of("-10.50", EUR), a.negate());
        Check.isTrue(a.compareTo(b) > 0, "10.50 > 0.75");
    }

    static void testCurrencyMismatch() {
        Check.throwsIllegalArgument(() -> Money.of("1", EUR).plus(Money.of("1", JPY)));
    }

    static void testTimesRoundsExplicitly() {
        Money price = Money.of("10.05", EUR);
        Check.equal(Money.of("5.02", EUR), price.times(new BigDecimal("0.5"), RoundingMode.HALF_EVEN));
        Check.equal(Money.of("5.03", EUR), price.times(new BigDecimal("0.5"), RoundingMode.HALF_UP));
    }

    static void testAllocateByRatio() {
        List<Money> parts = Money.of("100.00", EUR).allocate(1, 3);
        Check.equal(List.of(Money.of("25.00", EUR), Money.of("75.00", EUR)), parts);
    }

    static void testSplitEvenly() {
        List<Money> parts = Money.of("9.00", EUR).split(3);
        Check.equal(List.of(Money.of("3.00", EUR), Money.of("3.00", EUR), Money.of("3.00", EUR)), parts);
    }

    static void testAllocateRejectsBadRatios() {
        Money m = Money.of("10.00", EUR);
        Check.throwsIllegalArgument(() -> m.allocate());
        Check.throwsIllegalArgument(() -> m.allocate(1, -1));
        Check.throwsIllegalArgument(() -> m.allocate(0, 0));
        Check.throwsIllegalArgument(() -> m.split(0));
    }
}
