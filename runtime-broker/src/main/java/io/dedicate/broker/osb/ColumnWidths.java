package io.dedicate.broker.osb;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.servicebroker.exception.ServiceBrokerInvalidParametersException;

/**
 * The widths of the state store's columns that free-text request fields go into ({@code db/migration/V1__state.sql}):
 * a longer value is refused at the edge with a 400 naming the field and the limit, before anything is stored (the store
 * would otherwise fail with a 500, or a database truncate it).
 */
final class ColumnWidths {

    /** {@code service_instance.org_name}, {@code space_name} and {@code instance_name}: {@code VARCHAR(1024)}. */
    static final int NAME = 1024;

    private ColumnWidths() {}

    /**
     * Returns {@code value} if it has at most {@code limit} characters (or is null).
     *
     * @throws ServiceBrokerInvalidParametersException naming {@code field} and the limit otherwise
     */
    static @Nullable String require(String field, @Nullable String value, int limit) {
        if (value != null && value.length() > limit) {
            throw new ServiceBrokerInvalidParametersException(
                    field + " is " + value.length() + " characters long: this broker accepts at most " + limit);
        }
        return value;
    }
}
