package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** One line inside {@code cluster plan} or {@code child plan}. */
public sealed interface PlanSetting extends Node {

    /** {@code id}, {@code display_name}, {@code description}. */
    record Metadata(PlanMetadataKey key, Text value, SourceSpan span) implements PlanSetting {}

    enum PlanMetadataKey {
        ID,
        DISPLAY_NAME,
        DESCRIPTION
    }

    /** {@code free} or {@code free false}. */
    record Free(boolean value, SourceSpan span) implements PlanSetting {}

    /** {@code cost 120.00 usd per month}. */
    record Cost(Value.Num amount, Name currency, Name unit, SourceSpan span) implements PlanSetting {}

    /** {@code bullets "a", "b"}. */
    record Bullets(List<Text> bullets, SourceSpan span) implements PlanSetting {
        public Bullets {
            bullets = List.copyOf(bullets);
        }
    }

    /** {@code bindable} or {@code bindable false} (an error on cluster plans). */
    record Bindable(boolean value, SourceSpan span) implements PlanSetting {}

    /** {@code plan_updateable} or {@code plan_updateable false}. */
    record Updateable(boolean value, SourceSpan span) implements PlanSetting {}

    /** {@code instances mysql 3, proxy 1}: instance count per instance group. */
    record Instances(List<InstanceCount> counts, SourceSpan span) implements PlanSetting {
        public Instances {
            counts = List.copyOf(counts);
        }
    }

    record InstanceCount(Name group, Value.Num count, SourceSpan span) implements Node {}

    /** {@code vm_type small}. */
    record VmType(Name vmType, SourceSpan span) implements PlanSetting {}

    /** {@code disk 10GB}: persistent disk of the instance groups that do not fix their own. */
    record Disk(Value.Quantity size, SourceSpan span) implements PlanSetting {}

    /** {@code azs z1, z2, z3}. */
    record Azs(List<Name> azs, SourceSpan span) implements PlanSetting {
        public Azs {
            azs = List.copyOf(azs);
        }
    }

    /** {@code max_polling 2h}: OSB {@code maximum_polling_duration}. */
    record MaxPolling(Value.Quantity duration, SourceSpan span) implements PlanSetting {}

    /** {@code driver mysql { quota 100MB }}: how a child is created and bound inside its cluster. */
    record Driver(Name driver, List<Setting> settings, SourceSpan span) implements PlanSetting {
        public Driver {
            settings = List.copyOf(settings);
        }
    }
}
