package io.dedicate.broker.offering;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string form of a byte size ({@code "2GB"}: units B, KB, MB, GB, TB, powers of 1024, either
 * case) or a duration ({@code "5m"}: units s, m, h, d), as parameters of type {@link
 * ParameterType#BYTES} and {@link ParameterType#DURATION} accept it. A space may separate the number
 * and the unit. Used to normalise request values and defaults into bytes or seconds, and to write
 * limits back in the unit the user chose ({@code "must be at least 128MB (got 64MB)"}).
 *
 * @param amount the number as written
 * @param unit the unit, canonical: {@code MB}, {@code s}
 * @param factor bytes or seconds per unit
 */
public record Quantity(BigDecimal amount, String unit, long factor) {

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]+)");

    /** Reads {@code text} as a quantity of {@code type} (bytes or duration); empty when it is not one. */
    public static Optional<Quantity> parse(String text, ParameterType type) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        if (type == ParameterType.BYTES) {
            long factor = switch (unit) {
                case "B" -> 1L;
                case "KB" -> 1L << 10;
                case "MB" -> 1L << 20;
                case "GB" -> 1L << 30;
                case "TB" -> 1L << 40;
                default -> 0L;
            };
            return factor == 0L ? Optional.empty() : Optional.of(new Quantity(amount, unit, factor));
        }
        if (type == ParameterType.DURATION) {
            long factor = switch (unit) {
                case "S" -> 1L;
                case "M" -> 60L;
                case "H" -> 3600L;
                case "D" -> 86400L;
                default -> 0L;
            };
            return factor == 0L
                    ? Optional.empty()
                    : Optional.of(new Quantity(amount, unit.toLowerCase(Locale.ROOT), factor));
        }
        return Optional.empty();
    }

    /** The exact amount in bytes or seconds. */
    public BigDecimal base() {
        return amount.multiply(BigDecimal.valueOf(factor));
    }

    /** The amount in bytes or seconds, if it is a whole number that fits a long. */
    public Optional<Long> wholeBase() {
        try {
            return Optional.of(base().longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code base} (bytes or seconds) written in this quantity's unit: {@code 134217728} as {@code 128MB}. */
    public String inUnit(Number base) {
        BigDecimal value = new BigDecimal(base.toString())
                .divide(BigDecimal.valueOf(factor), 3, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return value.toPlainString() + unit;
    }

    /** The quantity as written, in canonical unit case: {@code 64MB}, {@code 5m}. */
    @Override
    public String toString() {
        return amount.toPlainString() + unit;
    }
}
