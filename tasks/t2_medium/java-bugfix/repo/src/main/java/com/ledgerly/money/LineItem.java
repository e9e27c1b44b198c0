package com.ledgerly.money;

/** One line of an invoice: a description, a unit price and a quantity. */
public record LineItem(String description, Money unitPrice, int quantity) {

    public LineItem {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description is required");
        }
        if (unitPrice == null) {
            throw new IllegalArgumentException("unit price is required");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    /** Unit price times quantity; exact, since both are whole numbers of minor units. */
    public Money total() {
        return Money.ofMinor(Math.multiplyExact(unitPrice.minorUnits(), (long) quantity), unitPrice.currency());
    }
}
