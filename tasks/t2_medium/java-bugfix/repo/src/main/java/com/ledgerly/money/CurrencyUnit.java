package com.ledgerly.money;

/**
 * A currency and the number of digits of its minor unit (2 for cents, 0 for yen, 3 for fils).
 */
public record CurrencyUnit(String code, int minorDigits) {

    public static final CurrencyUnit EUR = new CurrencyUnit("EUR", 2);
    public static final CurrencyUnit USD = new CurrencyUnit("USD", 2);
    public static final CurrencyUnit JPY = new CurrencyUnit("JPY", 0);
    public static final CurrencyUnit KWD = new CurrencyUnit("KWD", 3);

    public CurrencyUnit {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency code must be three upper-case letters: " + code);
        }
        if (minorDigits < 0 || minorDigits > 4) {
            throw new IllegalArgumentException("minor digits out of range: " + minorDigits);
        }
    }

    /** Looks up one of the currencies Ledgerly invoices in. */
    public static CurrencyUnit of(String code) {
        return switch (code) {
            case "EUR" -> EUR;
            case "USD" -> USD;
            case "JPY" -> JPY;
            case "KWD" -> KWD;
            default -> throw new IllegalArgumentException("unsupported currency: " + code);
        };
    }

    @Override
    public String toString() {
        return code;
    }
}
