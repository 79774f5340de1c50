/** The report channel: pipelines tell the broker how an operation ended, with a token valid for that operation only. */
@NullMarked
package io.dedicate.broker.report;

import org.jspecify.annotations.NullMarked;
