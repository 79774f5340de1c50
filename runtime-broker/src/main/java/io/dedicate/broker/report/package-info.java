/** The report channel: pipelines tell the broker how an operation ended, in a report signed with the report signing key. */
@NullMarked
package io.dedicate.broker.report;

import org.jspecify.annotations.NullMarked;
