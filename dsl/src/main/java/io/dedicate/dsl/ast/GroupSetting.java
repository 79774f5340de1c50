package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** One line inside {@code instance_group NAME { ... }}. */
public sealed interface GroupSetting extends Node {

    /** {@code job mysql from cf-mysql { property a.b = expr }}. */
    record Job(Name name, Name release, List<Property> properties, SourceSpan span) implements GroupSetting {
        public Job {
            properties = List.copyOf(properties);
        }
    }

    /** {@code property cf_mysql.mysql.innodb_buffer_pool_size = params.innodb_buffer_pool_size}. */
    record Property(List<Name> path, Expr value, SourceSpan span) implements Node {
        public Property {
            path = List.copyOf(path);
        }

        public String dotted() {
            return String.join(".", path.stream().map(Name::value).toList());
        }
    }

    /** {@code lifecycle errand} (or {@code service}). */
    record Lifecycle(Name lifecycle, SourceSpan span) implements GroupSetting {}

    /** {@code instances 1}: a fixed count, instead of the plan's. */
    record Instances(Value.Num count, SourceSpan span) implements GroupSetting {}

    /** {@code vm_type small}: fixed, instead of the plan's. */
    record VmType(Name vmType, SourceSpan span) implements GroupSetting {}

    /** {@code disk 1GB}: fixed, instead of the plan's. */
    record Disk(Value.Quantity size, SourceSpan span) implements GroupSetting {}

    /** {@code networks a, b}: instead of the deployment's default network. */
    record Networks(List<Name> networks, SourceSpan span) implements GroupSetting {
        public Networks {
            networks = List.copyOf(networks);
        }
    }

    /** {@code azs z1}: instead of the plan's. */
    record Azs(List<Name> azs, SourceSpan span) implements GroupSetting {
        public Azs {
            azs = List.copyOf(azs);
        }
    }
}
