package io.dedicate.broker.drivers;

import io.dedicate.bundle.model.DriverSetting;
import io.dedicate.bundle.model.DriverSettings;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The character set and collation a child database is created with, chosen from the child plan's {@code mysql} driver
 * settings ({@code charset}, {@code collation}) and the child's {@code collation} parameter.
 *
 * <p>The character set is the driver's {@code charset}, {@value #DEFAULT_CHARACTER_SET} when the offering sets none.
 * The collation, first that applies: the {@code collation} the request gave; the driver's {@code collation}; the
 * default the offering declares for the {@code collation} parameter, when it belongs to the character set (its name
 * starts with {@code CHARSET_}); else none, and the server takes its own default collation of the character set.
 *
 * @param characterSet e.g. {@code utf8mb4}
 * @param collation e.g. {@code utf8mb4_unicode_ci}; null for the server's default of the character set
 */
public record DatabaseCharacterSet(
        String characterSet, @Nullable String collation) {

    /** The character set of a database whose plan's driver names none. */
    public static final String DEFAULT_CHARACTER_SET = "utf8mb4";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    /** Checks that both names are plain MySQL identifiers and that the collation belongs to the character set. */
    public DatabaseCharacterSet {
        Objects.requireNonNull(characterSet, "characterSet");
        if (!NAME.matcher(characterSet).matches()) {
            throw new IllegalArgumentException("character set '" + characterSet
                    + "' is not a MySQL character set name (lower-case letters, digits, underscores)");
        }
        if (collation != null && !belongsTo(collation, characterSet)) {
            throw new IllegalArgumentException("collation '" + collation + "' is not a collation of character set "
                    + characterSet + ": use one whose name starts with " + characterSet + "_ (e.g. "
                    + characterSet + "_bin)");
        }
    }

    /**
     * Chooses the character set and collation of a new database.
     *
     * @param driverSettings the child plan's driver settings ({@code charset} and {@code collation} are read)
     * @param requestedCollation the {@code collation} parameter the request gave, null when it gave none
     * @param declaredCollation the default the offering declares for the {@code collation} parameter, if any
     * @throws IllegalArgumentException if the requested collation does not belong to the character set (a 400 for the
     *     requester), or the driver's settings are not names
     */
    public static DatabaseCharacterSet choose(
            DriverSettings driverSettings, @Nullable Object requestedCollation, @Nullable Object declaredCollation) {
        String characterSet = driverSettings.text(DriverSetting.CHARSET).orElse(DEFAULT_CHARACTER_SET);
        if (requestedCollation != null) {
            return new DatabaseCharacterSet(characterSet, requestedCollation.toString());
        }
        String driverCollation = driverSettings.text(DriverSetting.COLLATION).orElse(null);
        if (driverCollation != null) {
            return new DatabaseCharacterSet(characterSet, driverCollation);
        }
        if (declaredCollation != null && belongsTo(declaredCollation.toString(), characterSet)) {
            return new DatabaseCharacterSet(characterSet, declaredCollation.toString());
        }
        return new DatabaseCharacterSet(characterSet, null);
    }

    private static boolean belongsTo(String collation, String characterSet) {
        return NAME.matcher(collation).matches() && collation.startsWith(characterSet + "_");
    }
}
