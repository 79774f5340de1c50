package io.dedicate.broker.offering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dedicate.bundle.load.BundleLoadException;
import io.dedicate.bundle.load.BundleLoader;
import io.dedicate.bundle.load.LoadedBundle;
import io.dedicate.bundle.model.DriverSetting;
import io.dedicate.bundle.model.OfferingModel;
import io.dedicate.bundle.model.ParameterModel;
import io.dedicate.bundle.model.ParameterScope;
import io.dedicate.bundle.model.ParameterType;
import io.dedicate.bundle.model.PlanKind;
import io.dedicate.bundle.model.PlanModel;
import io.dedicate.bundle.model.Sizing;
import io.dedicate.bundle.model.WhenAbsent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LoadedBundle bundle;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() {
        bundle = BundleLoader.load(TestBundles.mysqlBundle());
    }

    @Test
    void readsTheMysqlOffering() throws Exception {
        assertThat(bundle.offerings()).hasSize(1);
        OfferingModel mysql = bundle.offerings().get(0);
        assertThat(mysql.name()).isEqualTo("mysql-on-demand");
        assertThat(bundle.offering(mysql.id())).contains(mysql);
        assertThat(mysql.maintenanceInfo().version()).startsWith("1.4.0+");

        PlanModel small = mysql.planByName("cluster-small").orElseThrow();
        assertThat(small.isCluster()).isTrue();
        Sizing sizing = Objects.requireNonNull(small.sizing());
        assertThat(sizing.instances()).containsEntry("mysql", 3).containsEntry("proxy", 1);
        assertThat(sizing.diskMb()).isEqualTo(10240);
        assertThat(small.upgradesTo()).containsExactly("cluster-large");
        assertThat(bundle.plan(mysql.id(), small.id())).contains(small);
        assertThat(bundle.plan(mysql.id(), "no-such-plan")).isEmpty();

        PlanModel child = mysql.planByName("100mb").orElseThrow();
        assertThat(child.kind()).isEqualTo(PlanKind.CHILD);
        assertThat(Objects.requireNonNull(child.driver()).settings().bytes(DriverSetting.QUOTA))
                .contains(104857600L);

        ParameterModel pool = mysql.parameters(ParameterScope.CLUSTER_CREATE).get(0);
        assertThat(pool.name()).isEqualTo("innodb_buffer_pool_size");
        assertThat(pool.type()).isEqualTo(ParameterType.BYTES);
        assertThat(pool.defaultValue()).isEqualTo(1073741824L);
        assertThat(mysql.parameters(ParameterScope.CLUSTER_UPDATE))
                .extracting(ParameterModel::whenAbsent)
                .contains(WhenAbsent.KEEP);
        assertThat(mysql.parameters(ParameterScope.BINDING_CREATE))
                .filteredOn(parameter -> parameter.flags().secret())
                .extracting(ParameterModel::name)
                .containsExactly("password");
        assertThat(mysql.output("admin_password").orElseThrow().secret()).isTrue();
        assertThat(mysql.sharing().requiresGrant()).isTrue();
        assertThat(mysql.limits().childrenPerCluster()).isEqualTo(50);

        assertThat(bundle.template(mysql.templates().pipeline("update").orElseThrow())
                        .name())
                .isEqualTo("pipelines/mysql-on-demand/pipeline.yml.j2");
        assertThat(bundle.template(bundle.metaPipelineTemplate())).isNotNull();
        assertThat(bundle.schema(small.schema(PlanModel.INSTANCE_UPDATE).orElseThrow())
                        .path("additionalProperties")
                        .asBoolean(true))
                .isFalse();
        assertThat(bundle.digest()).startsWith("sha256:");
    }

    @Test
    void servesTheCatalogBytesWithAStrongEtag() throws Exception {
        byte[] onDisk = Files.readAllBytes(TestBundles.mysqlBundle().resolve("catalog.json"));
        assertThat(bundle.catalogJson()).isEqualTo(onDisk);
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onDisk));
        assertThat(bundle.catalogEtag()).isEqualTo("\"" + hex.substring(0, 32) + "\"");
        assertThat(new io.dedicate.broker.osb.BundleCatalogService(bundle)
                        .getCatalog()
                        .block()
                        .getServiceDefinitions())
                .hasSize(1);
        assertThat(new io.dedicate.broker.osb.BundleCatalogService(bundle)
                        .getCatalog()
                        .block()
                        .getServiceDefinitions()
                        .get(0)
                        .getPlans())
                .hasSize(bundle.offerings().get(0).plans().size());
    }

    @Test
    void readsAJarBundle() {
        Path jar = TestBundles.write(TestBundles.mysqlFiles(), temp.resolve("mysql.jar"));
        LoadedBundle fromJar = BundleLoader.load(jar);
        assertThat(fromJar.digest()).isEqualTo(bundle.digest());
        assertThat(fromJar.catalogJson()).isEqualTo(bundle.catalogJson());
    }

    @Test
    void refusesATemplateEditedAfterCompilation() {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        String path = "pipelines/mysql-on-demand/pipeline.yml.j2";
        files.put(
                path,
                (new String(files.get(path), StandardCharsets.UTF_8) + "# edited\n").getBytes(StandardCharsets.UTF_8));
        Path broken = TestBundles.write(files, temp.resolve("edited"));
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessageContaining("bundle " + broken)
                .hasMessageContaining("model.json: digest sha256:")
                .hasMessageContaining("does not match the bundle's files");
    }

    @Test
    void refusesAJarBundleWithAnEditedFile() {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        files.put("extra.txt", new byte[] {1});
        Path jar = TestBundles.write(files, temp.resolve("edited.jar"));
        assertThatThrownBy(() -> BundleLoader.load(jar))
                .isInstanceOf(BundleLoadException.class)
                .hasMessageContaining("edited.jar")
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesAFolderWithoutModelJson() throws IOException {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        files.remove("model.json");
        Path broken = temp.resolve("no-model");
        for (var file : files.entrySet()) {
            Path target = broken.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessage("bundle " + broken + ": model.json: missing; this is not a bundle (compile the offerings"
                        + " with `dedicate compile`)");
    }

    @Test
    void refusesAMissingBundle() {
        Path missing = temp.resolve("nowhere");
        assertThatThrownBy(() -> BundleLoader.load(missing))
                .isInstanceOf(BundleLoadException.class)
                .hasMessageContaining("bundle " + missing + ": does not exist");
    }

    @Test
    void refusesAnotherModelFormat() throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        ObjectNode model = (ObjectNode) JSON.readTree(files.get("model.json"));
        model.put("format", 2);
        files.put("model.json", JSON.writeValueAsBytes(model));
        Path broken = TestBundles.write(files, temp.resolve("format2"));
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessage("bundle " + broken + ": model.json: format: this broker reads model.json format 1, the"
                        + " bundle has format 2; compile the offerings with a compiler that matches this broker");
    }

    @Test
    void refusesACatalogPlanIdThatModelJsonDoesNotKnow() throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        ObjectNode catalog = (ObjectNode) JSON.readTree(files.get("catalog.json"));
        ((ObjectNode) catalog.path("services").get(0).path("plans").get(1))
                .put("id", "11111111-2222-3333-4444-555555555555");
        files.put("catalog.json", JSON.writeValueAsBytes(catalog));
        TestBundles.redigest(files);
        Path broken = TestBundles.write(files, temp.resolve("catalog"));
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessage("bundle " + broken + ": catalog.json: services[0].plans[1] has id"
                        + " \"11111111-2222-3333-4444-555555555555\", which is not the id of any plan of offering"
                        + " mysql-on-demand in model.json");
    }

    @Test
    void namesAnUnknownOrMissingModelField() throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        ObjectNode model = (ObjectNode) JSON.readTree(files.get("model.json"));
        ObjectNode plan =
                (ObjectNode) model.path("offerings").get(0).path("plans").get(2);
        plan.remove("kind");
        files.put("model.json", JSON.writeValueAsBytes(model));
        Path missing = TestBundles.write(files, temp.resolve("missing-field"));
        assertThatThrownBy(() -> BundleLoader.load(missing))
                .isInstanceOf(BundleLoadException.class)
                .hasMessage("bundle " + missing + ": model.json: missing field `offerings[0].plans[2].kind`");

        plan.put("kind", "shared");
        files.put("model.json", JSON.writeValueAsBytes(model));
        Path wrong = TestBundles.write(files, temp.resolve("wrong-kind"));
        assertThatThrownBy(() -> BundleLoader.load(wrong))
                .hasMessage("bundle " + wrong + ": model.json: offerings[0].plans[2].kind: must be one of \"cluster\","
                        + " \"child\" (got \"shared\")");

        plan.put("kind", "child");
        plan.put("colour", "blue");
        files.put("model.json", JSON.writeValueAsBytes(model));
        Path unknown = TestBundles.write(files, temp.resolve("unknown-field"));
        assertThatThrownBy(() -> BundleLoader.load(unknown))
                .hasMessageStartingWith(
                        "bundle " + unknown + ": model.json: unknown field `offerings[0].plans[2].colour`");
    }

    @Test
    void refusesATemplateThatDoesNotParse() throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        files.put(
                "pipelines/mysql-on-demand/pipeline.yml.j2", "jobs: {% for x in %}\n".getBytes(StandardCharsets.UTF_8));
        TestBundles.redigest(files);
        Path broken = TestBundles.write(files, temp.resolve("template"));
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessageStartingWith("bundle " + broken + ": pipelines/mysql-on-demand/pipeline.yml.j2: template"
                        + " `pipelines/mysql-on-demand/pipeline.yml.j2` cannot be parsed");
    }

    @Test
    void refusesAMissingSchema() throws Exception {
        SortedMap<String, byte[]> files = TestBundles.mysqlFiles();
        files.remove("schemas/mysql-on-demand/1gb/service_binding.create.json");
        TestBundles.redigest(files);
        Path broken = TestBundles.write(files, temp.resolve("schema"));
        assertThatThrownBy(() -> BundleLoader.load(broken))
                .isInstanceOf(BundleLoadException.class)
                .hasMessage(
                        "bundle " + broken + ": schemas/mysql-on-demand/1gb/service_binding.create.json: missing"
                                + " (model.json names it as offering mysql-on-demand: plan 1gb: schema service_binding.create)");
    }
}
