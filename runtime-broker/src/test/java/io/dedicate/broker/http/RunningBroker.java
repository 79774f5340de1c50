package io.dedicate.broker.http;

import io.dedicate.broker.BrokerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The broker application started for real on a random port, over a given bundle, data directory
 * and database, and stopped and started again at will (the data survives a restart).
 */
public final class RunningBroker implements AutoCloseable {

    public static final String USERNAME = "cloud-controller";
    public static final String PASSWORD = "a-long-broker-password-for-tests";
    /** The report signing key every test broker is given (tests of the generated key start without it). */
    public static final String REPORT_SIGNING_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private final Path bundle;
    private final Path data;
    private final String jdbcUrl;
    private final Map<String, String> extra;
    private @Nullable ConfigurableApplicationContext context;
    private int port;

    public RunningBroker(Path bundle, Path data, String jdbcUrl, Map<String, String> extra) {
        this.bundle = bundle;
        this.data = data;
        this.jdbcUrl = jdbcUrl;
        this.extra = Map.copyOf(extra);
    }

    /**
     * Starts the broker (again, on the port it had: the report URLs committed in pipelines name
     * it); returns this.
     */
    public RunningBroker start() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--dedicate.bundle=" + bundle,
                "--dedicate.data=" + data,
                "--dedicate.username=" + USERNAME,
                "--dedicate.password=" + PASSWORD,
                "--spring.datasource.url=" + jdbcUrl,
                "--logging.level.root=WARN"));
        if (!extra.containsKey("dedicate.reports.signing-key")) {
            args.add("--dedicate.reports.signing-key=" + REPORT_SIGNING_KEY);
        }
        extra.forEach((key, value) -> args.add("--" + key + "=" + value));
        context = new SpringApplicationBuilder(BrokerApplication.class).run(args.toArray(String[]::new));
        port = port();
        return this;
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public int port() {
        return ((WebServerApplicationContext) running()).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public <T> T bean(Class<T> type) {
        return running().getBean(type);
    }

    private ConfigurableApplicationContext running() {
        if (context == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return context;
    }

    public Path data() {
        return data;
    }

    @Override
    public void close() {
        stop();
    }
}
