package io.dedicate.compiler.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.dsl.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offerings checked against release specs: the real ones of ../shared, and tarballs built here. */
class ReleaseSpecCheckTest {

    @TempDir
    Path temp;

    /** A valid offering whose one instance group runs {@code jobs} (each "job NAME from RELEASE {...}"). */
    private Path offering(String release, String releaseSettings, String jobs) throws IOException {
        return Files.writeString(temp.resolve("o.offering"), """
                offering demo version 1.0.0 {
                  description "A demo"
                  release %s 1.0.0 %s
                  stemcell ubuntu-jammy latest
                  cluster plan small {
                    description "One node"
                    instances node 1
                    vm_type small
                    disk 1GB
                    azs z1
                  }
                  child plan item {
                    description "An item"
                    driver delegate { plan "default" }
                  }
                  deployment {
                    network default
                    variable broker_password : password
                    instance_group node {
                %s
                    }
                  }
                  outputs {
                    broker_url : string = "https://${deployment.name}.example.com"
                    broker_username : string = "admin"
                    broker_password : string = vars.broker_password secret
                  }
                }
                """.formatted(release, releaseSettings, jobs));
    }

    private static List<String> lines(CompileResult result, Path folder) {
        return result.diagnostics().stream()
                .map(Diagnostic::toLine)
                .map(line -> line.replace(folder.toString() + "/", ""))
                .toList();
    }

    @Test
    void pxcJobsAndPropertiesAreChecked() throws IOException {
        Path file = offering("pxc", "", """
                      job pxc-mysql from pxc {
                        property admin_password = vars.broker_password
                        property tls.required = true
                        property engine_config.binlog = { enabled: true, expire_logz: 7 }
                        property admin_pasword = "x"
                      }
                      job mysql from pxc
                """);
        CompileResult result =
                new OfferingCompiler(Map.of("pxc", SharedReleases.folder("pxc-2.0.8"))).check(List.of(file));
        List<String> lines = lines(result, temp);
        assertEquals(
                List.of(
                        "o.offering:23:58: error[undeclared-property]: job `pxc-mysql` does not declare property"
                                + " `engine_config.binlog.expire_logz` (did you mean"
                                + " `engine_config.binlog.expire_logs_days`?)",
                        "o.offering:24:18: error[undeclared-property]: job `pxc-mysql` does not declare property"
                                + " `admin_pasword` (did you mean `admin_password`?)",
                        "o.offering:26:11: error[unknown-release-job]: release `pxc` has no job `mysql`"),
                lines);
    }

    @Test
    void cfMysqlSpecsAcceptTheirOwnProperties() throws IOException {
        Path file = offering("cf-mysql", "", """
                      job mysql from cf-mysql {
                        property cf_mysql.mysql.admin_password = vars.broker_password
                        property cf_mysql.mysql.tls = { server_certificate: "PEM", server_key: "KEY" }
                      }
                      job proxy from cf-mysql {
                        property cf_mysql.proxy.api_password = vars.broker_password
                        property cf_mysql.proxy.api_force_https = true
                      }
                """);
        CompileResult result = new OfferingCompiler(Map.of("cf-mysql", SharedReleases.folder("cf-mysql-36.19.0")))
                .check(List.of(file));
        List<String> lines = lines(result, temp);
        assertEquals(List.of(), lines);
    }

    @Test
    void noSpecsNoCheck() throws IOException {
        Path file = offering("pxc", "", """
                      job anything from pxc {
                        property whatever = 1
                      }
                """);
        assertEquals(List.of(), lines(new OfferingCompiler().check(List.of(file)), temp));
    }

    @Test
    void aTarballsTemplatesNeedTheirPropertiesSet() throws Exception {
        TestReleases.tarball(temp, "demo", """
                name: server
                templates:
                  config.erb: config/config
                properties:
                  a.b:
                    description: read without default
                  port:
                    default: 80
                  opt:
                    description: read with if_p
                """, """
                <%= p("a.b") %>:<%= p("port") %> <%= p("c", 1) %>
                <% if_p("opt") do |o| %><%= o %><% end %>
                """);
        Path file = offering("demo", "{ specs \"demo.tgz\" }", """
                      job server from demo
                """);
        assertEquals(
                List.of("o.offering:20:11: warning[unset-template-property]: template `config.erb` of job `server`"
                        + " reads property `a.b` without a default, and nothing sets it"),
                lines(new OfferingCompiler().check(List.of(file)), temp));

        offering("demo", "{ specs \"demo.tgz\" }", """
                      job server from demo { property a = { b: "set as a map" } }
                """);
        assertEquals(List.of(), lines(new OfferingCompiler().check(List.of(file)), temp));

        offering("demo", "{ specs \"demo.tgz\" }", """
                      job server from demo { property a = { c: "not b" } }
                """);
        assertEquals(
                List.of(
                        "o.offering:20:11: warning[unset-template-property]: template `config.erb` of job `server`"
                                + " reads property `a.b` without a default, and nothing sets it",
                        "o.offering:20:45: error[undeclared-property]: job `server` does not declare property `a.c`"
                                + " (did you mean `a.b`?)"),
                lines(new OfferingCompiler().check(List.of(file)), temp));
    }

    @Test
    void specsThatCannotBeReadAreAnErrorAtTheSpecsMember() throws IOException {
        Path file = offering("demo", "{ specs \"releases/demo\" }", """
                      job server from demo
                """);
        assertEquals(
                List.of("o.offering:3:30: error[release-specs-unreadable]: the specs of release `demo` cannot be"
                        + " read: `releases/demo` does not exist"),
                lines(new OfferingCompiler().check(List.of(file)), temp));
    }

    /** Found by OfferingCompilerFuzzTest (its input is kept in the corpus): a NUL in the specs path threw. */
    @Test
    void specsThatAreNoFilePathAreAnErrorAtTheSpecsMember() throws IOException {
        Path file = offering("demo", "{ specs \"releases/demo\0.tgz\" }", """
                      job server from demo
                """);
        assertEquals(
                List.of("o.offering:3:30: error[release-specs-unreadable]: the specs of release `demo` cannot be"
                        + " read: `releases/demo\\u0000.tgz` is not a file path: Nul character not allowed"),
                lines(new OfferingCompiler().check(List.of(file)), temp));
    }
}
