package com.ledgerly.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A draft invoice: lines in one currency, a tax rate applied to the subtotal, and the split of the
 * total between several payers (shared bills, co-funded orders).
 */
public final class Invoice {

    private final String number;
    private final CurrencyUnit currency;
    private final BigDecimal taxRate;
    private final List<LineItem> lines = new ArrayList<>();

    /**
     * @param taxRate e.g. {@code new BigDecimal("0.21")} for 21 % VAT; zero for none
     */
    public Invoice(String number, CurrencyUnit currency, BigDecimal taxRate) {
        this.number = Objects.requireNonNull(number, "number");
        this.currency = Objects.requireNonNull(currency, "currency");
        if (taxRate == null || taxRate.signum() < 0) {
            throw new IllegalArgumentException("tax rate must be zero or positive: " + taxRate);
        }
        this.taxRate = taxRate;
    }

    public String number() {
        return number;
    }

    public CurrencyUnit currency() {
        return currency;
    }

    public Invoice add(LineItem line) {
        if (!line.unitPrice().currency().equals(currency)) {
            throw new IllegalArgumentException("line " + line.description() + " is not in " + currency);
        }
        lines.add(line);
        return this;
    }

    public List<LineItem> lines() {
        return Collections.unmodifiableList(lines);
    }

    public Money subtotal() {
        Money sum = Money.zero(currency);
        for (LineItem line : lines) {
            sum = sum.plus(line.total());
        }
        return sum;
    }

    /** Tax on the subtotal, rounded half-even as our tax authority requires. */
    public Money tax() {
        return subtotal().times(taxRate, RoundingMode.HALF_EVEN);
    }

    public Money total() {
        return subtotal().plus(tax());
    }

    /** What each of {@code payers} owes; the parts add up to {@link #total()}. */
    public List<Money> splitBetween(int payers) {
        return total().split(payers);
    }
}
