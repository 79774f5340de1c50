package io.dedicate.compiler.resolve;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number with a unit, as written in an offering: a byte size ({@code 10GB}: units B, KB, MB, GB,
 * TB, powers of 1024 as MySQL and BOSH count them) or a duration ({@code 30s}: units s, m, h, d).
 * Units are case-insensitive; the two families share no unit, so a quantity's dimension follows
 * from its unit alone.
 */
public record Quantity(String text, BigDecimal amount, Unit unit) {

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z][A-Za-z0-9_-]*)");
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

    /** The units of the language, with their size in bytes or seconds. */
    public enum Unit {
        B(Dimension.BYTES, 1L),
        KB(Dimension.BYTES, 1024L),
        MB(Dimension.BYTES, 1024L * 1024L),
        GB(Dimension.BYTES, 1024L * 1024L * 1024L),
        TB(Dimension.BYTES, 1024L * 1024L * 1024L * 1024L),
        S(Dimension.DURATION, 1L),
        M(Dimension.DURATION, 60L),
        H(Dimension.DURATION, 3600L),
        D(Dimension.DURATION, 86400L);

        private final Dimension dimension;
        private final long factor;

        Unit(Dimension dimension, long factor) {
            this.dimension = dimension;
            this.factor = factor;
        }

        public Dimension dimension() {
            return dimension;
        }

        /** The units of one dimension, as written in messages: {@code B, KB, MB, GB, TB}. */
        public static String list(Dimension dimension) {
            return String.join(
                    ", ",
                    java.util.Arrays.stream(values())
                            .filter(u -> u.dimension == dimension)
                            .map(u -> dimension == Dimension.BYTES
                                    ? u.name()
                                    : u.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
    }

    /** Reads {@code 10GB}, {@code 1.5h}, {@code 30s}; empty for an unknown unit or bad syntax. */
    public static Optional<Quantity> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String unitText = m.group(2).toUpperCase(Locale.ROOT);
        for (Unit unit : Unit.values()) {
            if (unit.name().equals(unitText)) {
                return Optional.of(new Quantity(text, new BigDecimal(m.group(1)), unit));
            }
        }
        return Optional.empty();
    }

    public Dimension dimension() {
        return unit.dimension();
    }

    /** The exact amount in the dimension's base unit (bytes or seconds). */
    public BigDecimal base() {
        return amount.multiply(BigDecimal.valueOf(unit.factor));
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
}
