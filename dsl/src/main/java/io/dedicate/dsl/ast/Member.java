package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One top-level member of an offering or a fragment. */
public sealed interface Member extends Node {

    /** Single-text catalog metadata: {@code id}, {@code display_name}, {@code description}, ... */
    record Metadata(MetadataKey key, Text value, SourceSpan span) implements Member {}

    enum MetadataKey {
        ID,
        DISPLAY_NAME,
        DESCRIPTION,
        LONG_DESCRIPTION,
        PROVIDER,
        DOCUMENTATION_URL,
        SUPPORT_URL,
        IMAGE_URL
    }

    /** {@code tags mysql, relational}. */
    record Tags(List<Text> tags, SourceSpan span) implements Member {
        public Tags {
            tags = List.copyOf(tags);
        }
    }

    /** {@code shareable}, {@code shareable false}, {@code instances_retrievable}, ... */
    record Flag(FlagKey key, boolean value, SourceSpan span) implements Member {}

    enum FlagKey {
        SHAREABLE,
        INSTANCES_RETRIEVABLE,
        BINDINGS_RETRIEVABLE,
        ALLOW_CONTEXT_UPDATES,
        PLAN_UPDATEABLE
    }

    /** {@code include "fragments/prometheus.fragment"}: path relative to the including file. */
    record Include(Text path, SourceSpan span) implements Member {}

    /**
     * {@code release cf-mysql 36.19.0 { url "..."; sha1 "..."; specs "releases/cf-mysql" }}: {@code
     * specs} names the release's job specs (a release tarball or an extracted folder), relative to
     * the file that declares the release.
     */
    record Release(
            Name name,
            Text version,
            @Nullable Text url,
            @Nullable Text sha1,
            @Nullable Text specs,
            SourceSpan span) implements Member {}

    /** {@code stemcell ubuntu-jammy 1.586}. */
    record Stemcell(Name os, Text version, SourceSpan span) implements Member {}

    /** {@code cluster plan NAME { ... }} or {@code child plan NAME { ... }}. */
    record Plan(PlanKind kind, Name name, List<PlanSetting> settings, SourceSpan span) implements Member {
        public Plan {
            settings = List.copyOf(settings);
        }
    }

    enum PlanKind {
        CLUSTER,
        CHILD
    }

    /** {@code upgrade cluster-small -> cluster-large}: an allowed plan change. */
    record Upgrade(Name from, Name to, SourceSpan span) implements Member {}

    /** {@code cluster parameters { ... }}, {@code cluster update parameters { ... }}, ... */
    record Parameters(ParameterScope scope, List<ParameterDecl> parameters, SourceSpan span) implements Member {
        public Parameters {
            parameters = List.copyOf(parameters);
        }
    }

    /** Where parameters apply. */
    enum ParameterScope {
        /** {@code cluster parameters}: cluster create and update. */
        CLUSTER,
        /** {@code cluster create parameters}: cluster create only. */
        CLUSTER_CREATE,
        /** {@code cluster update parameters}: cluster update only. */
        CLUSTER_UPDATE,
        /** {@code child parameters}: creating a child (database) inside a cluster. */
        CHILD,
        /** {@code binding parameters}: binding a child. */
        BINDING
    }

    /** {@code deployment { ... }}; several blocks (from fragments) are merged by the compiler. */
    record Deployment(List<DeploymentSetting> settings, SourceSpan span) implements Member {
        public Deployment {
            settings = List.copyOf(settings);
        }
    }

    /** {@code errand NAME [on GROUP] after deploy, update before delete}. */
    record Errand(Name name, @Nullable Name on, List<Timing> timings, SourceSpan span) implements Member {
        public Errand {
            timings = List.copyOf(timings);
        }
    }

    /** {@code hook NAME on shared deployment "prometheus" { ... }}. */
    record Hook(Name name, Text sharedDeployment, List<HookSetting> settings, SourceSpan span) implements Member {
        public Hook {
            settings = List.copyOf(settings);
        }
    }

    /** {@code app NAME { ... }}: a dedicated Cloud Foundry app per cluster. */
    record App(Name name, List<AppSetting> settings, SourceSpan span) implements Member {
        public App {
            settings = List.copyOf(settings);
        }
    }

    /** {@code terraform { module "..."; var x = expr }}. */
    record Terraform(List<TerraformSetting> settings, SourceSpan span) implements Member {
        public Terraform {
            settings = List.copyOf(settings);
        }
    }

    /** {@code outputs { name : type = expr [secret] ["description"] }}. */
    record Outputs(List<OutputDecl> outputs, SourceSpan span) implements Member {
        public Outputs {
            outputs = List.copyOf(outputs);
        }
    }

    /** {@code sharing none}, {@code sharing across spaces requires grant}, {@code sharing across orgs}. */
    record Sharing(SharingScope scope, boolean requiresGrant, SourceSpan span) implements Member {}

    enum SharingScope {
        NONE,
        SPACES,
        ORGS
    }

    /** {@code limits { clusters_per_org 5; children_per_cluster 50 }}. */
    record Limits(List<Setting> settings, SourceSpan span) implements Member {
        public Limits {
            settings = List.copyOf(settings);
        }
    }

    /** {@code pipeline { task_image "..." }}: settings of the generated Concourse pipelines. */
    record Pipeline(List<Setting> settings, SourceSpan span) implements Member {
        public Pipeline {
            settings = List.copyOf(settings);
        }
    }
}
