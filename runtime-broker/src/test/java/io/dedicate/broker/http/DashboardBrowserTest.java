package io.dedicate.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The cluster dashboard loaded in the system's headless Chromium (Debian packages {@code chromium} and {@code
 * chromium-driver}, driven by Selenium; never a downloaded browser): a ready cluster on the test MariaDB with three
 * children, one bound twice, and an update run on the cluster. The page opened through its signed link, without
 * credentials, shows every child's GUID, name, plan, bindings count and state, and the update's affected children. The
 * screenshot is kept as a test artifact: {@code runtime-broker/target/screenshots/dashboard.png}.
 */
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path data;

    @TempDir
    Path profile;

    @Test
    void theDashboardShowsTheChildrenInChromium() throws IOException {
        requireBrowser();
        try (DashboardCluster cluster = new DashboardCluster(data, "team-cluster", Map.of())) {
            String orders = cluster.child("100mb", "orders-db");
            String billing = cluster.child("1gb", "billing-db");
            String archive = cluster.child("100mb", "archive-db");
            cluster.bind(orders, "100mb");
            cluster.bind(orders, "100mb");
            String update = cluster.update(DashboardCluster.LARGE, Map.of());
            assertThat(cluster.report("succeeded", Map.of()).status()).isEqualTo(200);
            String url = cluster.dashboardUrl();

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
                browser.get(url);
                assertThat(browser.getTitle()).contains("team-cluster");
                assertThat(browser.findElement(By.id("cluster-guid")).getText()).isEqualTo(cluster.clusterId);
                assertThat(browser.findElement(By.id("cluster-state")).getText())
                        .isEqualTo("ready");

                List<WebElement> rows = browser.findElements(By.cssSelector("#children tr.child"));
                assertThat(rows)
                        .extracting(row -> row.findElement(By.className("name")).getText())
                        .containsExactly("archive-db", "billing-db", "orders-db");
                assertChild(browser, orders, "orders-db", "100mb", "2");
                assertChild(browser, billing, "billing-db", "1gb", "0");
                assertChild(browser, archive, "archive-db", "100mb", "0");

                WebElement operation =
                        browser.findElement(By.cssSelector("#operations tr[data-operation='" + update + "']"));
                assertThat(operation.findElement(By.className("kind")).getText())
                        .isEqualTo("update");
                assertThat(operation.findElement(By.className("state")).getText())
                        .isEqualTo("succeeded");
                assertThat(operation.findElements(By.cssSelector("td.affected li")))
                        .extracting(WebElement::getText)
                        .containsExactlyInAnyOrder(
                                orders + " orders-db", billing + " billing-db", archive + " archive-db");

                Path screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
                Files.createDirectories(screenshots);
                Files.write(screenshots.resolve("dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    private static void assertChild(ChromeDriver browser, String id, String name, String plan, String bindings) {
        WebElement row = browser.findElement(By.cssSelector("#children tr[data-guid='" + id + "']"));
        assertThat(row.findElement(By.className("guid")).getText()).isEqualTo(id);
        assertThat(row.findElement(By.className("name")).getText()).isEqualTo(name);
        assertThat(row.findElement(By.className("plan")).getText()).isEqualTo(plan);
        assertThat(row.findElement(By.className("bindings")).getText()).isEqualTo(bindings);
        assertThat(row.findElement(By.className("state")).getText()).isEqualTo("ready");
        assertThat(row.findElement(By.className("cascade")).getText()).startsWith("updated (update of ");
    }

    /** Fails, saying how to install them, when the system's Chromium or its driver is missing. */
    private static void requireBrowser() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            File file = executable.toFile();
            if (!file.canExecute()) {
                fail(executable + " is missing: this test drives the system's Chromium. Install it with"
                        + " `sudo apt-get install -y chromium chromium-driver` (Debian/Ubuntu), or run .ci/run,"
                        + " which installs them when missing.");
            }
        }
    }
}
