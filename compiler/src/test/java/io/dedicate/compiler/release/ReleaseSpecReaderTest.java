package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading specs: the real ones of ../shared/bosh-releases, a release tarball built with tar, and broken ones. */
class ReleaseSpecReaderTest {

    @TempDir
    Path temp;

    @Test
    void readsPxcRelease() throws ReleaseSpecException {
        ReleaseSpec pxc = ReleaseSpecReader.read(SharedReleases.folder("pxc-2.0.8"), "pxc-2.0.8");
        assertEquals(
                List.of(
                        "bootstrap",
                        "cluster-health-logger",
                        "galera-agent",
                        "gra-log-purger",
                        "percona-xtrabackup-2.4",
                        "percona-xtrabackup-8.0",
                        "percona-xtrabackup-8.4",
                        "proxy",
                        "pxc-mysql",
                        "smoke-tests"),
                List.copyOf(pxc.jobs().keySet()));
        JobSpec proxy = pxc.job("proxy").orElseThrow();
        assertTrue(proxy.declares("api_password"));
        assertFalse(proxy.hasDefault("api_password"), "api_password has no default in the spec");
        assertTrue(proxy.hasDefault("api_port"), "api_port defaults to 8080");
        assertFalse(pxc.templatesAtHand(), "a folder of spec files has no templates");
        assertTrue(proxy.reads().isEmpty());
    }

    @Test
    void readsCfMysqlRelease() throws ReleaseSpecException {
        ReleaseSpec cfMysql = ReleaseSpecReader.read(SharedReleases.folder("cf-mysql-36.19.0"), "cf-mysql");
        JobSpec mysql = cfMysql.job("mysql").orElseThrow();
        assertTrue(mysql.declares("cf_mysql.mysql.admin_password"));
        assertTrue(mysql.declaresBelow("cf_mysql.mysql"));
        assertTrue(cfMysql.job("cf-mysql-broker").isPresent());
    }

    @Test
    void readsAReleaseTarball() throws Exception {
        Path tarball =
                TestReleases.tarball(temp, "demo", """
                name: server
                templates:
                  config.erb: config/config
                packages: []
                properties:
                  a.b:
                    description: needed
                  port:
                    default: 80
                """, "<%= p(\"a.b\") %> <%= p(\"port\") %> <%= p(\"c\", 1) %>");
        ReleaseSpec demo = ReleaseSpecReader.read(tarball, "demo.tgz");
        JobSpec server = demo.job("server").orElseThrow();
        assertTrue(demo.templatesAtHand());
        assertEquals(List.of("a.b", "port"), List.copyOf(server.properties().keySet()));
        assertEquals(
                List.of(new JobSpec.TemplateRead("config.erb", "a.b"), new JobSpec.TemplateRead("config.erb", "port")),
                server.reads());
    }

    @Test
    void missingAndBrokenSpecsSayWhatAndWhere() throws IOException {
        ReleaseSpecException missing =
                assertThrows(ReleaseSpecException.class, () -> ReleaseSpecReader.read(temp.resolve("nope"), "nope"));
        assertEquals("`nope` does not exist", missing.what());

        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertTrue(assertThrows(ReleaseSpecException.class, () -> ReleaseSpecReader.read(empty, "empty"))
                .what()
                .contains("has no `jobs` folder"));

        Path notTar = Files.writeString(temp.resolve("x.tgz"), "not gzip");
        assertTrue(assertThrows(ReleaseSpecException.class, () -> ReleaseSpecReader.read(notTar, "x.tgz"))
                .what()
                .startsWith("`x.tgz` cannot be read"));

        Path badSpec = Files.createDirectories(temp.resolve("bad/jobs/j"));
        Files.writeString(badSpec.resolve("spec"), "name: [unclosed\n");
        assertTrue(assertThrows(ReleaseSpecException.class, () -> ReleaseSpecReader.read(temp.resolve("bad"), "bad"))
                .what()
                .startsWith("`bad/jobs/j/spec` is not valid YAML"));
    }
}
