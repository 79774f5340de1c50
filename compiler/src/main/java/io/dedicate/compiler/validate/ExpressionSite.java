package io.dedicate.compiler.validate;

import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.dsl.ast.AppSetting;
import io.dedicate.dsl.ast.DeploymentSetting;
import io.dedicate.dsl.ast.Expr;
import io.dedicate.dsl.ast.GroupSetting;
import io.dedicate.dsl.ast.HookSetting;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.OutputDecl;
import io.dedicate.dsl.ast.TerraformSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An expression of an offering and where it is written, which decides what it may reference:
 * {@code outputs.NAME} exists only once the deployment has run, so only apps and hooks may use it.
 */
record ExpressionSite(Expr expr, Place place) {

    /** Where an expression is evaluated. */
    enum Place {
        /** The deployment name, job properties, variable options: rendered into the manifest. */
        DEPLOYMENT(false),
        /** Output values: computed when the operation ends, from the deployment. */
        OUTPUT(false),
        /** Terraform variables: applied before the deployment. */
        TERRAFORM(false),
        /** Apps: pushed after the deployment. */
        APP(true),
        /** Hooks: registered in shared deployments after the deployment. */
        HOOK(true);

        private final boolean outputsAvailable;

        Place(boolean outputsAvailable) {
            this.outputsAvailable = outputsAvailable;
        }

        boolean outputsAvailable() {
            return outputsAvailable;
        }
    }

    /** Every top-level expression of the offering, in source order. */
    static List<ExpressionSite> all(ExpandedOffering offering) {
        List<ExpressionSite> sites = new ArrayList<>();
        for (DeploymentSetting setting : offering.deploymentSettings()) {
            if (setting instanceof DeploymentSetting.DeploymentName name) {
                sites.add(new ExpressionSite(name.value(), Place.DEPLOYMENT));
            } else if (setting instanceof DeploymentSetting.Variable variable) {
                variable.options().forEach(o -> sites.add(new ExpressionSite(o.value(), Place.DEPLOYMENT)));
            } else if (setting instanceof DeploymentSetting.InstanceGroup group) {
                for (GroupSetting groupSetting : group.settings()) {
                    if (groupSetting instanceof GroupSetting.Job job) {
                        job.properties().forEach(p -> sites.add(new ExpressionSite(p.value(), Place.DEPLOYMENT)));
                    }
                }
            }
        }
        for (OutputDecl output : offering.outputs()) {
            Expr value = output.value();
            if (value != null) {
                sites.add(new ExpressionSite(value, Place.OUTPUT));
            }
        }
        for (Member.Terraform terraform : offering.members(Member.Terraform.class)) {
            for (TerraformSetting setting : terraform.settings()) {
                if (setting instanceof TerraformSetting.Var var) {
                    sites.add(new ExpressionSite(var.value(), Place.TERRAFORM));
                }
            }
        }
        for (Member.App app : offering.members(Member.App.class)) {
            for (AppSetting setting : app.settings()) {
                if (setting instanceof AppSetting.Target target) {
                    sites.add(new ExpressionSite(target.org(), Place.APP));
                    sites.add(new ExpressionSite(target.space(), Place.APP));
                } else if (setting instanceof AppSetting.Route route) {
                    sites.add(new ExpressionSite(route.route(), Place.APP));
                } else if (setting instanceof AppSetting.Env env) {
                    sites.add(new ExpressionSite(env.value(), Place.APP));
                }
            }
        }
        for (Member.Hook hook : offering.members(Member.Hook.class)) {
            for (HookSetting setting : hook.settings()) {
                if (setting instanceof HookSetting.Ops ops) {
                    sites.add(new ExpressionSite(ops.value(), Place.HOOK));
                }
            }
        }
        return sites;
    }

    /** This expression and every expression nested in it, depth first. */
    Stream<Expr> nested() {
        List<Expr> all = new ArrayList<>();
        collect(expr, all);
        return all.stream();
    }

    /** Every reference of the offering with the place of its top-level expression. */
    static List<ReferenceSite> references(ExpandedOffering offering) {
        List<ReferenceSite> references = new ArrayList<>();
        List<Expr> nested = new ArrayList<>();
        for (ExpressionSite site : all(offering)) {
            nested.clear();
            collect(site.expr(), nested);
            for (Expr expr : nested) {
                if (expr instanceof Expr.Reference reference) {
                    references.add(new ReferenceSite(reference, site.place()));
                }
            }
        }
        return List.copyOf(references);
    }

    /** A reference and where it is written. */
    record ReferenceSite(Expr.Reference reference, Place place) {}

    /** Adds {@code expr}, then the expressions nested in it, depth first (plain loops: every rule walks them). */
    private static void collect(Expr expr, List<Expr> into) {
        into.add(expr);
        if (expr instanceof Expr.Template template) {
            for (Expr part : template.parts()) {
                collect(part, into);
            }
        } else if (expr instanceof Expr.ListOf list) {
            for (Expr item : list.items()) {
                collect(item, into);
            }
        } else if (expr instanceof Expr.MapOf map) {
            for (Expr.Entry entry : map.entries()) {
                collect(entry.value(), into);
            }
        }
    }
}
