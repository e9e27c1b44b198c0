package com.ledgerly.money;

import static com.ledgerly.money.CurrencyUnit.EUR;

import java.math.BigDecimal;
import java.util.List;

final class InvoiceTest {

    private static Invoice sample() {
        return new Invoice("INV-1001", EUR, new BigDecimal("0.21"))
                .add(new LineItem("Consulting hour", Money.of("80.00", EUR), 1))
                .add(new LineItem("Travel", Money.of("10.00", EUR), 2));
    }

    static void testTotals() {
        Invoice invoice = sample();
        Check.equal(Money.of("100.00", EUR), invoice.subtotal());
        Check.equal(Money.of("21.00", EUR), invoice.tax());
        Check.equal(Money.of("121.00", EUR), invoice.total());
    }

    static void testTaxRoundsHalfEven() {
        Invoice invoice = new Invoice("INV-1002", EUR, new BigDecimal("0.05"))
                .add(new LineItem("Sticker", Money.of("0.50", EUR), 1));
        // 0.50 * 5 % = 2.5 cents, half-even gives 2
        Check.equal(Money.of("0.02", EUR), invoice.tax());
    }

    static void testSplitBetweenTwo() {
        Check.equal(List.of(Money.of("60.50", EUR), Money.of("60.50", EUR)), sample().splitBetween(2));
    }

    static void testRejectsOtherCurrencyLines() {
        Invoice invoice = new Invoice("INV-1003", EUR, BigDecimal.ZERO);
        Check.throwsIllegalArgument(() -> invoice.add(
                new LineItem("Import", Money.of("100", CurrencyUnit.JPY), 1)));
    }
}
