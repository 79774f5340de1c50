package io.dedicate.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes offering files into a folder, for tests that compile small inputs. */
public final class Sources {

    private Sources() {}

    /** Writes each file (relative path to text) below {@code folder}; returns {@code folder}. */
    public static Path write(Path folder, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid offering ({@code minimal}) with one cluster plan, one child plan, one instance group
     * and the outputs its {@code delegate} driver needs; {@code extra} is inserted before the
     * closing brace.
     */
    public static String minimalOffering(String extra) {
        return """
                offering minimal version 1.0.0 {
                  description "A minimal dedicated service"
                  release hello 1.0.0
                  stemcell ubuntu-jammy latest
                  cluster plan small {
                    description "One node"
                    instances node 1
                    vm_type small; azs z1
                  }
                  child plan item {
                    description "An item"
                    driver delegate { plan "default" }
                  }
                  deployment {
                    network default; variable broker_password : password
                    instance_group node {
                      job hello from hello
                    }
                  }
                  outputs {
                    broker_url : string = "https://${deployment.name}.example.com"
                    broker_username : string = "admin"
                    broker_password : string = vars.broker_password secret
                  }
                """ + extra + "}\n";
    }
}
