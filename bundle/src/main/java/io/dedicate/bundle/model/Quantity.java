package io.dedicate.bundle.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number with a unit: a byte size ({@code 10GB}: units B, KB, MB, GB, TB, powers of 1024 as MySQL
 * and BOSH count them) or a duration ({@code 30s}: units s, m, h, d). Units are case-insensitive;
 * the two families share no unit, so a quantity's dimension follows from its unit alone.
 *
 * <p>Two forms are read, one per place a quantity is written:
 *
 * <ul>
 *   <li>{@link #parse(String)}: the offering language's literal ({@code 10GB}, {@code 1.5h}), number
 *       and unit joined, either dimension. The language's lexer reads a quantity as one token: a space
 *       would make it a number followed by a name, so the compiler never sees one.
 *   <li>{@link #parse(String, Dimension)}: a request value or a default in {@code model.json} ({@code
 *       "2GB"}, {@code "2 GB"}), of one dimension. People type these strings, and the JSON schemas the
 *       catalog publishes for them (the compiler's {@code BYTES_PATTERN} and {@code DURATION_PATTERN})
 *       allow one space between the number and the unit, so the broker accepts it too.
 * </ul>
 *
 * @param amount the number as written
 * @param unit the unit
 */
public record Quantity(BigDecimal amount, Unit unit) {

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)( ?)([A-Za-z]+)");
    private static final BigInteger MEGABYTE = BigInteger.valueOf(1024L * 1024L);

    /** What a quantity measures. */
    public enum Dimension {
        BYTES("byte size"),
        DURATION("duration");

        private final String description;

        Dimension(String description) {
            this.description = description;
        }

        /** {@code byte size} or {@code duration}, for messages. */
        public String description() {
            return description;
        }
    }

    /** The units, with their size in bytes or seconds. */
    public enum Unit {
        B(Dimension.BYTES, 1L, "B"),
        KB(Dimension.BYTES, 1L << 10, "KB"),
        MB(Dimension.BYTES, 1L << 20, "MB"),
        GB(Dimension.BYTES, 1L << 30, "GB"),
        TB(Dimension.BYTES, 1L << 40, "TB"),
        S(Dimension.DURATION, 1L, "s"),
        M(Dimension.DURATION, 60L, "m"),
        H(Dimension.DURATION, 3600L, "h"),
        D(Dimension.DURATION, 86400L, "d");

        private final Dimension dimension;
        private final long factor;
        private final String symbol;

        Unit(Dimension dimension, long factor, String symbol) {
            this.dimension = dimension;
            this.factor = factor;
            this.symbol = symbol;
        }

        public Dimension dimension() {
            return dimension;
        }

        /** Bytes or seconds per unit. */
        public long factor() {
            return factor;
        }

        /** The canonical way to write the unit: byte units upper case ({@code MB}), durations lower ({@code s}). */
        public String symbol() {
            return symbol;
        }

        /** The units of one dimension, as written in messages: {@code B, KB, MB, GB, TB}. */
        public static String list(Dimension dimension) {
            return String.join(
                    ", ",
                    Arrays.stream(values())
                            .filter(u -> u.dimension == dimension)
                            .map(Unit::symbol)
                            .toList());
        }

        static Optional<Unit> named(String text) {
            String upper = text.toUpperCase(Locale.ROOT);
            return Arrays.stream(values()).filter(u -> u.name().equals(upper)).findFirst();
        }
    }

    /**
     * Reads a literal of the offering language: {@code 10GB}, {@code 1.5h}, {@code 30s}, number and
     * unit joined; empty for an unknown unit or other syntax.
     */
    public static Optional<Quantity> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches() || !m.group(2).isEmpty()) {
            return Optional.empty();
        }
        return Unit.named(m.group(3)).map(unit -> new Quantity(new BigDecimal(m.group(1)), unit));
    }

    /**
     * Reads a request value or a {@code model.json} default of {@code dimension}: {@code "2GB"},
     * {@code "2 GB"}, {@code "5m"}; empty for a unit of another dimension, an unknown unit or other
     * syntax.
     */
    public static Optional<Quantity> parse(String text, Dimension dimension) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Unit.named(m.group(3))
                .filter(unit -> unit.dimension() == dimension)
                .map(unit -> new Quantity(new BigDecimal(m.group(1)), unit));
    }

    public Dimension dimension() {
        return unit.dimension();
    }

    /** Bytes or seconds per unit of this quantity. */
    public long factor() {
        return unit.factor();
    }

    /** The exact amount in the dimension's base unit (bytes or seconds). */
    public BigDecimal base() {
        return amount.multiply(BigDecimal.valueOf(unit.factor()));
    }

    /** The amount in bytes or seconds, if it is a whole number that fits a long. */
    public Optional<Long> wholeBase() {
        try {
            return Optional.of(base().longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The size in MB, if this is a byte size of a whole number of MB that fits an int. */
    public Optional<Integer> wholeMegabytes() {
        if (dimension() != Dimension.BYTES) {
            return Optional.empty();
        }
        try {
            BigInteger bytes = base().toBigIntegerExact();
            BigInteger[] mb = bytes.divideAndRemainder(MEGABYTE);
            return mb[1].signum() == 0 ? Optional.of(mb[0].intValueExact()) : Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code base} (bytes or seconds) written in this quantity's unit: {@code 134217728} as {@code 128MB}. */
    public String inUnit(Number base) {
        BigDecimal value = new BigDecimal(base.toString())
                .divide(BigDecimal.valueOf(unit.factor()), 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return value.toPlainString() + unit.symbol();
    }

    /**
     * {@code base} (bytes or seconds) in the largest unit of {@code dimension} that holds it whole:
     * {@code 134217728} as {@code 128MB}, {@code 3600} as {@code 1h}, {@code 1000} as {@code 1000B}.
     */
    public static String readable(Number base, Dimension dimension) {
        BigDecimal value = new BigDecimal(base.toString());
        Unit[] units = Unit.values();
        for (int i = units.length - 1; i >= 0; i--) {
            Unit unit = units[i];
            if (unit.dimension() != dimension) {
                continue;
            }
            BigDecimal[] division = value.divideAndRemainder(BigDecimal.valueOf(unit.factor()));
            if (division[1].signum() == 0 && (division[0].signum() != 0 || unit.factor() == 1L)) {
                return division[0].stripTrailingZeros().toPlainString() + unit.symbol();
            }
        }
        return value.toPlainString() + (dimension == Dimension.BYTES ? Unit.B.symbol() : Unit.S.symbol());
    }

    /** The quantity in canonical unit case: {@code 64MB}, {@code 5m}. */
    @Override
    public String toString() {
        return amount.toPlainString() + unit.symbol();
    }
}
