package io.dedicate.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.broker.http.RunningBroker;
import io.dedicate.broker.http.TestStores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A broker started on a bundle that does not exist fails with a short report saying what to do. */
class StartupFailureAnalyzerTest {

    @TempDir
    Path data;

    @Test
    void aMissingBundleIsReportedWithoutAStackTrace() {
        Path missing = data.resolve("no-such-bundle");
        RunningBroker broker = new RunningBroker(missing, data, TestStores.jdbcUrl(data), Map.of());
        Throwable failure = catchFailure(broker);
        FailureAnalysis analysis = java.util.Objects.requireNonNull(
                new StartupFailureAnalyzer().analyze(failure), "the failure is not analysed");
        assertThat(analysis.getDescription()).contains(missing.toString()).contains("does not exist");
        assertThat(analysis.getAction()).contains("dedicate compile");
    }

    private static Throwable catchFailure(RunningBroker broker) {
        @org.jspecify.annotations.Nullable Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
                    try {
                        broker.start();
                    } catch (RuntimeException e) {
                        caught[0] = e;
                        throw e;
                    }
                })
                .isInstanceOf(RuntimeException.class);
        return java.util.Objects.requireNonNull(caught[0]);
    }
}
