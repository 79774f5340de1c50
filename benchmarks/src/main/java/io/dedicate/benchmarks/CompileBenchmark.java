package io.dedicate.benchmarks;

import io.dedicate.compiler.Bundle;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.load.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiler, warm: {@code offerings/mysql.offering} (with its fragments) from files to an
 * in-memory bundle, and the check alone. Run from the repository root:
 *
 * <pre>
 * mvn -q -B -DskipTests -pl benchmarks -am package
 * java -jar benchmarks/target/benchmarks.jar CompileBenchmark
 * </pre>
 *
 * The offerings folder is {@code offerings} under the working directory, or the system property
 * {@code dedicate.offerings}.
 */
// 20 warm-up iterations of 2 s: on 2 cores the JIT's C2 thread was still compiling through the tenth (27% of the
// process's CPU samples in the measurement), and the figure kept falling until about the fifteenth (README).
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileBenchmark {

    private final OfferingCompiler compiler = new OfferingCompiler();
    private List<Path> inputs = List.of();
    private Path mysqlPath = Path.of("mysql.offering");
    private String mysqlText = "";
    private long edits;

    @Setup
    public void locateOfferings() {
        Path offerings = Path.of(System.getProperty("dedicate.offerings", "offerings"));
        if (!Files.isRegularFile(offerings.resolve("mysql.offering"))) {
            throw new IllegalStateException(
                    "no mysql.offering in " + offerings.toAbsolutePath() + ": run from the repository root");
        }
        inputs = List.of(offerings.resolve("mysql.offering"));
        mysqlPath = inputs.get(0).toAbsolutePath().normalize();
        try {
            mysqlText = Files.readString(mysqlPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!mysqlText.contains("version 1.4.0 {")) {
            throw new IllegalStateException("mysql.offering no longer declares version 1.4.0: update this benchmark");
        }
        Bundle bundle = compiler.compile(inputs);
        if (bundle.result().hasErrors()) {
            throw new IllegalStateException(
                    "mysql.offering does not compile: " + bundle.result().diagnostics());
        }
    }

    /** Parse, include, resolve, validate, build the model, run every emitter into memory. */
    @Benchmark
    public Bundle compileMysqlOffering() {
        return compiler.compile(inputs);
    }

    /**
     * {@link #compileMysqlOffering} after an edit that changes the pipeline and manifest templates (the offering's
     * version, another each time, read as an editor's open document): the compiler parses those two templates again,
     * as in the language server after such a keystroke, where the plain benchmark finds every template unchanged.
     */
    @Benchmark
    public Bundle compileEditedMysqlOffering() {
        edits++;
        String edited = mysqlText.replace("version 1.4.0 {", "version 1.4." + edits + " {");
        return compiler.compile(inputs, SourceReader.overlay(Map.of(mysqlPath, edited)));
    }

    /** Parse, include, resolve, validate, build the model. */
    @Benchmark
    public CompileResult checkMysqlOffering() {
        return compiler.check(inputs);
    }
}
