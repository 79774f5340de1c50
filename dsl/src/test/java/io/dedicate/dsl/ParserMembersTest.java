package io.dedicate.dsl;

import static io.dedicate.dsl.Parsing.members;
import static io.dedicate.dsl.Parsing.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every member of an offering, as the AST printer shows it. */
class ParserMembersTest {

    @Test
    void offeringAndFragmentHeaders() {
        assertEquals("(offering mysql-on-demand \"1.4.0\")", printed("offering mysql-on-demand version 1.4.0 {}"));
        assertEquals("(offering x \"latest\")", printed("offering x version latest {}"));
        assertEquals("(offering x \"1.0-rc.1\")", printed("offering x version \"1.0-rc.1\" {}"));
        assertEquals("(offering x \"2\")", printed("offering x version 2 { }"));
        assertEquals(
                "(fragment prometheus (include \"a.fragment\"))",
                printed("fragment prometheus { include \"a.fragment\" }"));
    }

    @Test
    void catalogMetadata() {
        assertEquals(
                "(id \"5f3c\") (display_name \"MySQL\") (description \"d\") (long_description \"l\") (provider \"p\")"
                        + " (documentation_url \"https://d\") (support_url \"https://s\") (image_url \"https://i\")",
                members("""
                        id "5f3c"
                        display_name "MySQL"
                        description "d"
                        long_description "l"
                        provider "p"
                        documentation_url "https://d"
                        support_url "https://s"
                        image_url "https://i"
                        """));
    }

    @Test
    void tagsAreNamesOrStrings() {
        assertEquals("(tags \"mysql\" \"relational\" \"two words\")", members("tags mysql, relational, \"two words\""));
    }

    @Test
    void flagsWithoutValueMeanTrue() {
        assertEquals(
                "(shareable true) (instances_retrievable false) (bindings_retrievable true)"
                        + " (allow_context_updates true) (plan_updateable false)",
                members("""
                        shareable
                        instances_retrievable false
                        bindings_retrievable true
                        allow_context_updates
                        plan_updateable false
                        """));
    }

    @Test
    void releasesAndStemcell() {
        assertEquals(
                "(release cf-mysql \"36.19.0\" (url \"https://bosh.io/r\") (sha1 \"0d1e\"))"
                        + " (release prometheus \"26.6.0\")"
                        + " (release local \"dev\" (sha1 \"abc\"))"
                        + " (release pxc \"2.0.8\" (specs \"releases/pxc-2.0.8.tgz\"))"
                        + " (stemcell ubuntu-jammy \"1.586\")",
                members("""
                        release cf-mysql 36.19.0 { url "https://bosh.io/r"; sha1 "0d1e" }
                        release prometheus 26.6.0
                        release local "dev" {
                          sha1 "abc"
                        }
                        release pxc 2.0.8 { specs "releases/pxc-2.0.8.tgz" }
                        stemcell ubuntu-jammy 1.586
                        """));
    }

    @Test
    void clusterPlanWithEverySetting() {
        assertEquals(
                "(plan cluster cluster-small (id \"8d2c\") (display_name \"Small\") (description \"3 nodes\")"
                        + " (free false) (cost 120.00 usd month) (bullets \"a\" \"b\") (bindable false)"
                        + " (plan_updateable true) (instances (mysql 3) (proxy 1)) (vm_type small) (disk 10GB)"
                        + " (azs z1 z2) (max_polling 2h))",
                members("""
                        cluster plan cluster-small {
                          id "8d2c"
                          display_name "Small"
                          description "3 nodes"
                          free false
                          cost 120.00 usd per month
                          bullets "a", "b"
                          bindable false
                          plan_updateable
                          instances mysql 3, proxy 1
                          vm_type small
                          disk 10GB
                          azs z1, z2
                          max_polling 2h
                        }
                        """));
    }

    @Test
    void childPlansOnOneLineWithSemicolons() {
        assertEquals(
                "(plan child database (bindable true) (driver delegate (service \"p-mysql\") (plan \"default\")))"
                        + " (plan child 100mb (free true) (driver mysql (quota 100MB)))"
                        + " (plan child 1gb-ha (driver mysql))",
                members("""
                        child plan database { bindable; driver delegate { service "p-mysql"; plan "default" } }
                        child plan 100mb { free; driver mysql { quota 100MB } };
                        child plan 1gb-ha { driver mysql }
                        """));
    }

    @Test
    void planDescriptionMayBeATextBlock() {
        assertEquals("(plan cluster c (description \"line one\\nline two\"))", members("""
                        cluster plan c {
                          description \"""
                            line one
                            line two
                            \"""
                        }
                        """));
    }

    @Test
    void upgradePath() {
        assertEquals("(upgrade cluster-small cluster-large)", members("upgrade cluster-small -> cluster-large"));
        assertEquals("(upgrade a b)", members("upgrade a->b"));
    }

    @Test
    void parameterScopes() {
        assertEquals(
                "(parameters cluster) (parameters cluster-create) (parameters cluster-update)"
                        + " (parameters child) (parameters binding)",
                members("""
                        cluster parameters {}
                        cluster create parameters {}
                        cluster update parameters {}
                        child parameters {}
                        binding parameters {}
                        """));
    }

    @Test
    void parameterTypesDefaultsAndDescriptions() {
        assertEquals(
                "(parameters cluster (param a string) (param b integer (default -5)) (param c number (default 0.5))"
                        + " (param d boolean (default true)) (param e bytes (default 1GB)) (param f duration (default 30s))"
                        + " (param g (enum \"5.7\" \"8.0\" 3) (default \"8.0\") \"Major version\"))",
                members("""
                        cluster parameters {
                          a : string
                          b : integer = -5
                          c : number = 0.5
                          d : boolean = true
                          e : bytes = 1GB
                          f : duration = 30s
                          g : enum("5.7", "8.0", 3) = "8.0" "Major version"
                        }
                        """));
    }

    @Test
    void parameterOptions() {
        assertEquals(
                "(parameters binding (param size bytes (range 128MB 64GB) (example 2GB))"
                        + " (param n integer (range 1 _) (range _ 10)) (param s string (length 1 63) (length _ 8) (length 2 _)"
                        + " (pattern \"^[a-z]+$\") create_only secret required \"desc\"))",
                members("""
                        binding parameters {
                          size : bytes range 128MB..64GB example 2GB
                          n : integer range 1.. range ..10
                          s : string length 1..63 length ..8 length 2.. pattern "^[a-z]+$" create_only secret required "desc"
                        }
                        """));
    }

    @Test
    void parametersSeparatedBySemicolonsOnOneLine() {
        assertEquals(
                "(parameters child (param a string) (param b integer (default 1)))",
                members("child parameters { a : string; b : integer = 1; }"));
    }

    @Test
    void deploymentSettings() {
        assertEquals(
                "(deployment (name \"mysql\") (network tenant-clusters)"
                        + " (update (canaries 1) (canary_watch_time \"30000-600000\") (serial false))"
                        + " (variable admin password) (variable ca certificate (is_ca true) (common_name \"ca\")))",
                members("""
                        deployment {
                          name "mysql"
                          network tenant-clusters
                          update { canaries 1; canary_watch_time "30000-600000"; serial false }
                          variable admin : password
                          variable ca : certificate { is_ca true; common_name "ca" }
                        }
                        """));
    }

    @Test
    void instanceGroupSettings() {
        assertEquals(
                "(deployment (instance_group mysql (job mysql cf-mysql (property a.b.c (ref params.x))"
                        + " (property d 3)) (job bootstrap cf-mysql) (lifecycle errand) (instances 1) (vm_type small)"
                        + " (disk 1GB) (networks n1 n2) (azs z1)))",
                members("""
                        deployment {
                          instance_group mysql {
                            job mysql from cf-mysql {
                              property a.b.c = params.x
                              property d = 3;
                            }
                            job bootstrap from cf-mysql
                            lifecycle errand
                            instances 1
                            vm_type small
                            disk 1GB
                            networks n1, n2
                            azs z1
                          }
                        }
                        """));
    }

    @Test
    void errandsWithTimings() {
        assertEquals(
                "(errand bootstrap (on mysql) (after deploy recreate))"
                        + " (errand smoke-tests (after deploy update upgrade) (before delete))"
                        + " (errand cleanup (before delete))",
                members("""
                        errand bootstrap on mysql after deploy, recreate
                        errand smoke-tests after deploy, update, upgrade before delete
                        errand cleanup before delete
                        """));
    }

    @Test
    void hookSettings() {
        assertEquals(
                "(hook prometheus \"prometheus\" (register (after deploy update)) (deregister (before delete))"
                        + " (ops \"/a/-\" (map (\"job_name\" (template (ref deployment.name))))))",
                members("""
                        hook prometheus on shared deployment "prometheus" {
                          register after deploy, update
                          deregister before delete
                          ops "/a/-" = { job_name: "${deployment.name}" }
                        }
                        """));
    }

    @Test
    void appSettings() {
        assertEquals(
                "(app phpmyadmin (source \"https://x/app.zip\") (buildpack \"php_buildpack\") (memory 256MB)"
                        + " (disk 512MB) (instances 2) (target \"ops\" (ref instance.space)) (route (template \"pma-\""
                        + " (ref instance.id))) (env PMA_HOST (ref outputs.host)))",
                members("""
                        app phpmyadmin {
                          source "https://x/app.zip"
                          buildpack "php_buildpack"
                          memory 256MB
                          disk 512MB
                          instances 2
                          target org "ops" space instance.space
                          route "pma-${instance.id}"
                          env PMA_HOST = outputs.host
                        }
                        """));
    }

    @Test
    void terraformSettings() {
        assertEquals(
                "(terraform (module \"git::https://x//m?ref=v1\") (var name (template \"mysql-\" (ref instance.id)))"
                        + " (var ports (list 3306 3307)))",
                members("""
                        terraform {
                          module "git::https://x//m?ref=v1"
                          var name = "mysql-${instance.id}"
                          var ports = [3306, 3307]
                        }
                        """));
    }

    @Test
    void outputs() {
        assertEquals(
                "(outputs (output host string (= \"h\") \"Host\") (output password string (= (ref vars.pw)) secret)"
                        + " (output port integer) (output token string secret \"t\"))",
                members("""
                        outputs {
                          host : string = "h" "Host"
                          password : string = vars.pw secret
                          port : integer
                          token : string secret "t"
                        }
                        """));
    }

    @Test
    void sharingPolicies() {
        assertEquals(
                "(sharing none) (sharing spaces) (sharing spaces requires-grant) (sharing orgs requires-grant)",
                members("""
                        sharing none
                        sharing across spaces
                        sharing across spaces requires grant
                        sharing across orgs requires grant
                        """));
    }

    @Test
    void limitsAndPipeline() {
        assertEquals(
                "(limits (clusters_per_org 5) (children_per_cluster 50)) (pipeline (task_image \"alpine\") (timeout 2h))",
                members("""
                        limits { clusters_per_org 5; children_per_cluster 50 }
                        pipeline {
                          task_image "alpine"
                          timeout 2h
                        }
                        """));
    }

    @Test
    void commentsAreIgnoredAnywhere() {
        assertEquals("(offering x \"1\" (tags \"a\" \"b\"))", printed("""
                        // leading comment
                        offering x /* inline */ version 1 { // trailing
                          /* a block comment
                             over lines */
                          tags a, // between
                            b
                        }
                        // the end
                        """));
    }

    @Test
    void keywordsAreNamesWhereANameIsExpected() {
        assertEquals(
                "(parameters cluster (param version string) (param description string (default \"d\"))"
                        + " (param secret boolean secret))"
                        + " (plan cluster plan (instances (deployment 1)))"
                        + " (outputs (output required string (= (ref instance.name))))",
                members("""
                        cluster parameters {
                          version : string
                          description : string = "d"
                          secret : boolean secret
                        }
                        cluster plan plan { instances deployment 1 }
                        outputs { required : string = instance.name }
                        """));
    }

    @Test
    void namesMayStartWithDigits() {
        assertEquals(
                "(plan child 100mb) (plan child 15gb) (plan child 2 (vm_type 4xlarge))",
                members("child plan 100mb {}\nchild plan 15gb {}\nchild plan 2 { vm_type 4xlarge }"));
    }

    @Test
    void membersMayEndWithSemicolons() {
        assertEquals(
                "(description \"d\") (shareable true) (upgrade a b)",
                members("description \"d\"; shareable; upgrade a -> b;"));
    }
}
