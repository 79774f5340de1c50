/**
 * The typed contract of {@code model.json}: everything the runtime broker needs that OSB's catalog
 * cannot carry. The compiler maps its model onto these records and writes them with {@link
 * ModelWriter}; the broker reads them with {@link ModelReader}, never the offering language, so this
 * file is its whole view of an offering besides the catalog, the schemas and the templates. Beside the
 * records: the child drivers with their settings and required outputs ({@link DriverKind}), the
 * built-in parameters ({@link BuiltInParameter}) and the one parser of byte sizes and durations
 * ({@link Quantity}), which both sides use.
 *
 * <p>The records follow the file: {@link BundleModel} is the root, {@link OfferingModel} one entry of
 * {@code offerings}, and so on; {@link Automation} gathers the fields the broker only carries
 * ({@code releases} to {@code terraform}).
 *
 * <h2>Format 1</h2>
 *
 * <p>JSON written by {@link ModelWriter} through {@link io.dedicate.bundle.JsonWriter} (UTF-8, two-space indent, fields in the order below). Every
 * field listed is always present; a value that does not apply is {@code null} (never left out), so
 * a reader can map the file onto fixed types. Sizes and durations are normalised: MB, bytes and
 * seconds, as the field names say.
 *
 * <ul>
 *   <li>{@code format}: {@code 1} ({@link BundleModel#FORMAT}). A reader refuses a format it does not know.
 *   <li>{@code digest}: {@code sha256:HEX} over every other bundle file, as {@link io.dedicate.bundle.BundleDigest}
 *       specifies (paths sorted by UTF-8 bytes; per file: path, a 0 byte, the hex SHA-256 of the
 *       content, a newline).
 *   <li>{@code meta_pipeline}: bundle path of the meta pipeline template, rendered in two shapes: the root ({@code
 *       org} empty: one shard per org in {@code orgs}) and each org's shard ({@code org} its GUID: one pipeline per
 *       cluster of the org in {@code instances}); see {@link io.dedicate.bundle.BundleLayout#orgMetaPipelineFile}.
 *   <li>{@code template_variables}: the template variable contract ({@link TemplateVariables}): {@code instance} and {@code
 *       meta_pipeline} (lists of {@code {name, type, description}}) and {@code credentials} (list of
 *       {@code {name, description}}, the Concourse {@code ((name))} credentials).
 *   <li>{@code offerings}: one object per offering, sorted by name:
 *       <ul>
 *         <li>{@code name}, {@code id} (the catalog's service name and ID), {@code version}, {@code
 *             maintenance_info} {@code {version, description}} (what the cluster plans advertise;
 *             an instance on another version can be upgraded).
 *         <li>{@code plans}, in catalog order: {@code name}, {@code id}, {@code kind} ({@code
 *             cluster} or {@code child}), then for a cluster plan {@code sizing} {@code {instances:
 *             {GROUP: COUNT}, vm_type, disk_mb, azs}}, for a child plan {@code driver} {@code {name,
 *             settings}} (settings normalised: byte sizes in bytes); then {@code
 *             max_polling_seconds}, {@code upgrades_to} (names of the plans an instance of this
 *             plan may change to; any other plan change is refused) and {@code schemas} (OSB request
 *             to bundle path of its schema).
 *         <li>{@code parameters}: {@code cluster_create}, {@code cluster_update}, {@code
 *             child_create}, {@code binding_create}, each a list, in declaration order, of {@code
 *             {name, type, required, create_only, secret, built_in, when_absent, default, minimum,
 *             maximum, min_length, max_length, pattern, enum}}. {@code type} is {@code string},
 *             {@code integer}, {@code number}, {@code boolean}, {@code enum}, {@code bytes},
 *             {@code duration} or {@code grants} (only the built-in {@code grants} cluster
 *             parameter, present when the offering shares clusters: an array of {@code {org?,
 *             space}} objects, names or GUIDs). {@code default} is as written in the offering ({@code "1GB"}),
 *             normalised like a request value. {@code minimum}/{@code maximum} are in bytes for
 *             {@code bytes} and seconds for {@code duration}; for those two types {@code pattern} is
 *             the accepted string form (the compiler's {@code BYTES_PATTERN}, {@code
 *             DURATION_PATTERN}) and the broker must check the range after
 *             normalising (the schema can bound only the integer form). {@code when_absent} says
 *             what a request that omits the parameter means: {@code default} (apply {@code default}
 *             if any) or {@code keep} (an update of a parameter the cluster already has: keep its
 *             current value). {@code secret} values are never echoed, logged, or shown in {@code
 *             GET} responses. A {@code create_only} parameter is absent from {@code cluster_update}:
 *             a broker receiving it on update answers 400 naming it as create-only.
 *         <li>{@code templates}: {@code pipelines} (operation kind to template path: {@code update}
 *             uses the deploy template; {@code recreate} and {@code upgrade} appear only when the
 *             offering has a BOSH deployment), {@code manifest} (null without a BOSH deployment),
 *             {@code hook_ops} (hook name to ops template path). Paths follow {@link io.dedicate.bundle.BundleLayout}.
 *         <li>{@code releases} ({@code {name, version, url, sha1}}), {@code stemcell} ({@code {os,
 *             version}} or null).
 *         <li>{@code errands}: {@code {name, instance_group, triggers}}; a trigger is {@code "after
 *             deploy"}, {@code "before delete"}, ...; {@code instance_group} is null for a lifecycle
 *             errand group of the errand's name.
 *         <li>{@code hooks}: {@code {name, shared_deployment, register, deregister, ops_template}}.
 *         <li>{@code apps}: {@code {name}} of each app pushed per cluster (their details live in the
 *             pipelines).
 *         <li>{@code terraform}: {@code {module}} or null.
 *         <li>{@code outputs}: {@code {name, type, secret, description}}, what the pipeline reports
 *             when an operation ends; secret outputs are stored encrypted and never shown.
 *         <li>{@code sharing}: {@code {scope, requires_grant}}, scope {@code none}, {@code spaces}
 *             or {@code orgs}.
 *         <li>{@code limits}: {@code {clusters_per_org, children_per_cluster}}, null when unlimited.
 *       </ul>
 * </ul>
 *
 * <p>Sample (shortened: "..." elides, and small arrays and objects are folded onto one line, which
 * the real file does not do):
 *
 * <pre>
 * {
 *   "format": 1,
 *   "digest": "sha256:6f1d...",
 *   "meta_pipeline": "pipelines/meta.yml.j2",
 *   "template_variables": {
 *     "instance": [
 *       {
 *         "name": "instance.id",
 *         "type": "string",
 *         "description": "OSB service instance ID of the cluster"
 *       }
 *     ],
 *     "meta_pipeline": [ ... ],
 *     "credentials": [
 *       {
 *         "name": "report_token",
 *         "description": "token that authenticates the pipeline's report to the broker"
 *       }
 *     ]
 *   },
 *   "offerings": [
 *     {
 *       "name": "mysql-on-demand",
 *       "id": "...",
 *       "version": "1.4.0",
 *       "maintenance_info": { "version": "...", "description": "..." },
 *       "plans": [
 *         {
 *           "name": "cluster-small",
 *           "id": "...",
 *           "kind": "cluster",
 *           "sizing": {
 *             "instances": { "mysql": 3, "proxy": 1 },
 *             "vm_type": "small",
 *             "disk_mb": 10240,
 *             "azs": [ "z1", "z2", "z3" ]
 *           },
 *           "max_polling_seconds": 7200,
 *           "upgrades_to": [ "cluster-large" ],
 *           "schemas": {
 *             "service_instance.create": "schemas/mysql-on-demand/cluster-small/service_instance.create.json",
 *             "service_instance.update": "schemas/mysql-on-demand/cluster-small/service_instance.update.json"
 *           }
 *         },
 *         {
 *           "name": "100mb",
 *           "id": "...",
 *           "kind": "child",
 *           "driver": { "name": "mysql", "settings": { "quota": 104857600 } },
 *           "max_polling_seconds": null,
 *           "upgrades_to": [],
 *           "schemas": { ... }
 *         }
 *       ],
 *       "parameters": {
 *         "cluster_create": [
 *           {
 *             "name": "innodb_buffer_pool_size",
 *             "type": "bytes",
 *             "required": false,
 *             "create_only": false,
 *             "secret": false,
 *             "built_in": false,
 *             "when_absent": "default",
 *             "default": "1GB",
 *             "minimum": 134217728,
 *             "maximum": 68719476736,
 *             "min_length": null,
 *             "max_length": null,
 *             "pattern": "^[0-9]+(\\.[0-9]+)? ?[KkMmGgTt]?[Bb]$",
 *             "enum": null
 *           }
 *         ],
 *         "cluster_update": [ ... ],
 *         "child_create": [ ... ],
 *         "binding_create": [ ... ]
 *       },
 *       "templates": {
 *         "pipelines": { "deploy": "pipelines/mysql-on-demand/pipeline.yml.j2", "update": "pipelines/mysql-on-demand/pipeline.yml.j2", ... },
 *         "manifest": "manifests/mysql-on-demand/manifest.yml.j2",
 *         "hook_ops": { "prometheus": "manifests/mysql-on-demand/hooks/prometheus.yml.j2" }
 *       },
 *       "releases": [ { "name": "cf-mysql", "version": "36.19.0", "url": "...", "sha1": "..." } ],
 *       "stemcell": { "os": "ubuntu-jammy", "version": "1.586" },
 *       "errands": [ { "name": "bootstrap", "instance_group": "mysql", "triggers": [ "after deploy", "after recreate" ] } ],
 *       "hooks": [ { "name": "prometheus", "shared_deployment": "prometheus", "register": [ "after deploy" ], "deregister": [ "before delete" ], "ops_template": "..." } ],
 *       "apps": [ { "name": "phpmyadmin" } ],
 *       "terraform": { "module": "git::https://..." },
 *       "outputs": [ { "name": "host", "type": "string", "secret": false, "description": "..." } ],
 *       "sharing": { "scope": "orgs", "requires_grant": true },
 *       "limits": { "clusters_per_org": 5, "children_per_cluster": 50 }
 *     }
 *   ]
 * }
 * </pre>
 */
@NullMarked
package io.dedicate.bundle.model;

import org.jspecify.annotations.NullMarked;
