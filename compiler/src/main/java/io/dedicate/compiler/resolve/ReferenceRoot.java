package io.dedicate.compiler.resolve;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The roots a reference may start with, and the fields of the fixed ones.
 *
 * <pre>
 * params.NAME          a cluster parameter (any cluster scope)
 * plan.FIELD           name, id, vm_type, disk, azs, instances.GROUP
 * instance.FIELD       id, name, org, space, org_guid, space_guid
 * deployment.name      the BOSH deployment name
 * vars.NAME            a declared BOSH variable
 * outputs.NAME         a declared output (only in apps and hooks: outputs exist after the deployment)
 * </pre>
 */
@SuppressWarnings("ImmutableEnumChecker") // its collections are unmodifiable copies
public enum ReferenceRoot {
    PARAMS("params", List.of()),
    PLAN("plan", List.of("name", "id", "vm_type", "disk", "azs", "instances")),
    INSTANCE("instance", List.of("id", "name", "org", "space", "org_guid", "space_guid")),
    DEPLOYMENT("deployment", List.of("name")),
    VARS("vars", List.of()),
    OUTPUTS("outputs", List.of());

    /** The plan field that takes one more segment, the instance group: {@code plan.instances.mysql}. */
    public static final String PLAN_INSTANCES = "instances";

    private final String word;
    private final List<String> fields;

    ReferenceRoot(String word, List<String> fields) {
        this.word = word;
        this.fields = fields;
    }

    /** The root as written. */
    public String word() {
        return word;
    }

    /** The fixed fields of this root; empty for roots whose second segment is a declared name. */
    public List<String> fields() {
        return fields;
    }

    public static Optional<ReferenceRoot> named(String word) {
        return Arrays.stream(values()).filter(r -> r.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(ReferenceRoot::word).toList();
    }
}
