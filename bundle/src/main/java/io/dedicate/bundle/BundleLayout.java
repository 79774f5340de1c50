package io.dedicate.bundle;

/**
 * Where each artifact lives inside a bundle (paths use {@code /}, relative to the bundle root).
 *
 * <pre>
 * catalog.json                                   body of GET /v2/catalog (OSB 2.17)
 * model.json                                     what OSB cannot carry, and the bundle digest
 * sources.json                                   where each model element was declared (for tools; not the broker)
 * schemas/SERVICE/PLAN/service_instance.create.json
 * schemas/SERVICE/PLAN/service_instance.update.json   (cluster plans)
 * schemas/SERVICE/PLAN/service_binding.create.json    (child plans)
 * pipelines/meta.yml.j2                          the meta pipeline: the root (one shard per org) or one org's shard
 * pipelines/SERVICE/pipeline.yml.j2              the pipeline of one cluster: every operation kind, chosen at run time
 * manifests/SERVICE/manifest.yml.j2              the BOSH deployment manifest
 * manifests/SERVICE/hooks/HOOK.yml.j2            ops file registered in a shared deployment
 * </pre>
 */
public final class BundleLayout {

    public static final String CATALOG = "catalog.json";
    public static final String MODEL = "model.json";
    /** Where each model element was declared ({@link io.dedicate.bundle.model.SourceMap}). */
    public static final String SOURCES = "sources.json";

    public static final String META_PIPELINE = "pipelines/meta.yml.j2";
    /** The template name of an instance's pipeline (one per offering, for every operation kind). */
    public static final String INSTANCE_PIPELINE = "pipeline";
    /**
     * Where the broker commits the rendered root meta pipeline, at the root of the deployment repository; each org's
     * shard has the same file name in the org's folder ({@link #orgMetaPipelineFile}).
     */
    public static final String META_PIPELINE_FILE = "meta-pipeline.yml";
    /** The Concourse name that groups the meta pipeline shards; each is an instance of it: {org: ORG_GUID}. */
    public static final String ORG_PIPELINE_GROUP = "dedicated-org";
    /** The rendered pipeline's file name in an instance's folder. */
    public static final String INSTANCE_PIPELINE_FILE = "pipeline.yml";
    /** The operation file the broker writes in an instance's folder with every operation (contracts.md). */
    public static final String OPERATION_FILE = "operation.json";
    /** The Concourse name that groups every instance's pipeline; each is an instance of it: {instance: ID}. */
    public static final String INSTANCE_PIPELINE_GROUP = "dedicated-cluster";
    /**
     * The envelope of an operation's secret parameters in an instance's folder (contracts.md): PEM CMS EnvelopedData
     * of the YAML map {@code {dedicate_secret_PARAM: value}}, present only when the operation has secret values.
     */
    public static final String SECRETS_FILE = "secrets.cms";
    /** The prefix of the BOSH variable that stands for a secret parameter in the manifest: {@code ((dedicate_secret_PARAM))}. */
    public static final String SECRET_PARAMETER_PREFIX = "dedicate_secret_";

    private BundleLayout() {}

    /**
     * The BOSH variable that stands for secret parameter {@code parameter} in the manifest ({@code
     * dedicate_secret_PARAM}); the deploy task gives its value with {@code bosh deploy -l secrets.yml}.
     */
    public static String secretParameterVariable(String parameter) {
        return SECRET_PARAMETER_PREFIX + parameter;
    }

    public static String instanceCreateSchema(String service, String plan) {
        return "schemas/" + service + "/" + plan + "/service_instance.create.json";
    }

    public static String instanceUpdateSchema(String service, String plan) {
        return "schemas/" + service + "/" + plan + "/service_instance.update.json";
    }

    public static String bindingCreateSchema(String service, String plan) {
        return "schemas/" + service + "/" + plan + "/service_binding.create.json";
    }

    /**
     * The meta pipeline shard of one org in the deployment repository, {@code ORG_GUID/meta-pipeline.yml}: it sets
     * the pipeline of every cluster of that org (whose folders are {@code ORG_GUID/SPACE_GUID/INSTANCE_ID}).
     */
    public static String orgMetaPipelineFile(String org) {
        return org + "/" + META_PIPELINE_FILE;
    }

    /** {@code template} is {@link #INSTANCE_PIPELINE}. */
    public static String pipeline(String service, String operation) {
        return "pipelines/" + service + "/" + operation + ".yml.j2";
    }

    public static String manifest(String service) {
        return "manifests/" + service + "/manifest.yml.j2";
    }

    public static String hookOps(String service, String hook) {
        return "manifests/" + service + "/hooks/" + hook + ".yml.j2";
    }
}
