package io.dedicate.compiler.emit;

import java.util.List;

/**
 * The shell scripts of the generated pipeline tasks. They are fixed text: every value reaches them
 * through task params (environment variables), never through their text, so no value can become
 * shell code. They never print a secret: no {@code set -x}, credentials only in variables and
 * files.
 */
final class TaskScripts {

    private TaskScripts() {}

    /**
     * {@code resolve_credhub NAMES}: from a JSON object of CredHub names ({@code {"admin_password":
     * "mysql-x/mysql_admin_password"}}) to a JSON object of their values. Names without a leading
     * {@code /} are BOSH variables of the deployment, completed with the director's name.
     */
    static final String RESOLVE_CREDHUB = """
            resolve_credhub() {
              names="$1"
              if [ "$names" = '{}' ]; then
                printf '%s' '{}'
                return
              fi
              director=$(bosh env --json | jq -r '.Tables[0].Rows[0].name')
              resolved='{}'
              for key in $(printf '%s' "$names" | jq -r 'keys_unsorted[]'); do
                name=$(printf '%s' "$names" | jq -r --arg key "$key" '.[$key]')
                case "$name" in
                  /*) ;;
                  *) name="/$director/$name" ;;
                esac
                value=$(credhub get --name "$name" --output-json | jq '.value')
                resolved=$(printf '%s' "$resolved" | jq --arg key "$key" --argjson value "$value" '. + {($key): $value}')
              done
              printf '%s' "$resolved"
            }
            """;

    /**
     * The start of every task: reads the operation's kind from {@code operation.json} in the
     * instance's folder of the fetched commit and ends the task successfully (passing its inputs
     * through to its outputs, so the following {@code put} pushes nothing new) unless {@code
     * RUNS_FOR} lists that kind. Without {@code operation.json} nothing runs.
     *
     * @param outputs the task's outputs, each named {@code INPUT-updated}
     */
    static String guard(List<String> outputs) {
        StringBuilder passThrough = new StringBuilder();
        for (String output : outputs) {
            String input = output.substring(0, output.length() - "-updated".length());
            passThrough
                    .append("    cp -a ")
                    .append(input)
                    .append("/. ")
                    .append(output)
                    .append("/\n");
        }
        return """
                operation="deployment/$INSTANCE_PATH/operation.json"
                kind=none
                if [ -f "$operation" ]; then
                  kind=$(jq -r '.kind' "$operation")
                fi
                case " $RUNS_FOR " in
                  *" $kind "*) ;;
                  *)
                """ + passThrough + """
                    echo "nothing to do here for operation kind $kind"
                    exit 0
                    ;;
                esac
                """;
    }

    /**
     * Signs {@code report.json} for {@code $OPERATION_ID} into {@code $sig}, with the key in {@code
     * $REPORT_SIGNING_KEY} (64 hex characters); the key never reaches a command line argument that
     * the task prints.
     */
    static final String SIGN_REPORT = """
            printf '%s\\n' "$OPERATION_ID" > signed
            cat report.json >> signed
            sig=$(openssl dgst -sha256 -mac HMAC -macopt "hexkey:$REPORT_SIGNING_KEY" -r signed | cut -d' ' -f1)
            """;

    /**
     * The report (contracts.md): {@code POST report_url} of operation.json with the JSON body and
     * {@code X-Dedicate-Signature: sha256=HEX}, HEX = HMAC-SHA256 keyed by the hex-decoded {@code
     * REPORT_SIGNING_KEY} over the operation ID, a newline and the body's bytes.
     */
    static final String REPORT = RESOLVE_CREDHUB + """
            OPERATION_ID=$(jq -r '.id' "$operation")
            REPORT_URL=$(jq -r '.report_url' "$operation")
            outputs=$(printf '%s' "$OUTPUTS" | jq --argjson credhub "$(resolve_credhub "$CREDHUB_OUTPUTS")" '. + $credhub')
            jq -n --arg state "$REPORT_STATE" --arg description "$kind of $INSTANCE_NAME $REPORT_OUTCOME" \\
              --argjson outputs "$outputs" \\
              '{state: $state, description: $description, outputs: $outputs}' > report.json
            """ + SIGN_REPORT + """
            status=$(curl -sS -o response.txt -w '%{http_code}' -X POST \\
              -H "X-Dedicate-Signature: sha256=$sig" -H 'Content-Type: application/json' \\
              --data-binary @report.json "$REPORT_URL")
            echo "the broker answered HTTP $status to the $REPORT_STATE report of operation $OPERATION_ID"
            case "$status" in
              2*) ;;
              *) cat response.txt; exit 1 ;;
            esac
            """;

    /**
     * Uploads the offering's releases (by URL, with their SHA-1 when known; the director skips a
     * release it has) and checks the director has the stemcell.
     */
    private static final String BOSH_UPLOADS = """
            for release in $(printf '%s' "$RELEASES" | jq -c '.[]'); do
              url=$(printf '%s' "$release" | jq -r '.url')
              sha1=$(printf '%s' "$release" | jq -r '.sha1')
              name=$(printf '%s' "$release" | jq -r '.name')
              version=$(printf '%s' "$release" | jq -r '.version')
              if [ -z "$url" ]; then
                echo "release $name/$version has no URL in the offering: the director must already have it"
              elif [ -z "$sha1" ]; then
                bosh -n upload-release "$url" --name "$name" --version "$version"
              else
                bosh -n upload-release "$url" --name "$name" --version "$version" --sha1 "$sha1"
              fi
            done
            if [ -n "$STEMCELL_OS" ] && [ "$STEMCELL_VERSION" != latest ]; then
              if ! bosh stemcells --json | jq -e --arg os "$STEMCELL_OS" --arg version "$STEMCELL_VERSION" \\
                  '[.Tables[0].Rows[] | select(.os == $os and (.version | rtrimstr("*")) == $version)] | length > 0' >/dev/null; then
                echo "the director has no stemcell $STEMCELL_OS/$STEMCELL_VERSION: upload it (bosh upload-stemcell) and run the job again"
                exit 1
              fi
            fi
            """;

    /**
     * Deploys the committed manifest, giving it the secret parameters (contracts.md): with {@code secrets.cms} in the
     * instance's folder, writes the key from Concourse's credential manager ({@code SECRET_PARAMETERS_PRIVATE_KEY})
     * and the decrypted {@code secrets.yml} with umask 077 into the task's working directory, removes the key as soon
     * as it is used and the plaintext when the script exits (also on failure), and runs {@code bosh deploy -l
     * secrets.yml}, which fills the manifest's {@code ((dedicate_secret_PARAM))} variables.
     */
    static final String DEPLOY_WITH_SECRETS = """
            manifest="deployment/$INSTANCE_PATH/manifest.yml"
            secrets="deployment/$INSTANCE_PATH/secrets.cms"
            if [ -f "$secrets" ]; then
              umask 077
              trap 'rm -f key.pem secrets.yml' EXIT
              printf '%s\\n' "$SECRET_PARAMETERS_PRIVATE_KEY" > key.pem
              openssl cms -decrypt -inform PEM -in "$secrets" -inkey key.pem -out secrets.yml
              rm -f key.pem
              bosh -n deploy "$manifest" -l secrets.yml
            else
              bosh -n deploy "$manifest"
            fi
            """;

    /** Deploys the committed manifest of an offering without secret parameters. */
    private static final String DEPLOY = """
            bosh -n deploy "deployment/$INSTANCE_PATH/manifest.yml"
            """;

    /** Uploads, then deploys the manifest (an offering without secret parameters). */
    static final String BOSH_DEPLOY = BOSH_UPLOADS + DEPLOY;

    /** Uploads, then deploys the manifest with the secret parameters of {@code secrets.cms}. */
    static final String BOSH_DEPLOY_WITH_SECRETS = BOSH_UPLOADS + DEPLOY_WITH_SECRETS;

    static final String BOSH_RECREATE = """
            bosh -n recreate
            """;

    static final String BOSH_DELETE = """
            bosh -n delete-deployment
            """;

    static final String ERRAND = """
            bosh -n run-errand "$ERRAND_NAME"
            """;

    static final String COLOCATED_ERRAND = """
            bosh -n run-errand "$ERRAND_NAME" --instance "$ERRAND_INSTANCE_GROUP"
            """;

    private static final String COMMIT = """
            if git diff --cached --quiet; then
              echo "nothing to change in $SHARED_DEPLOYMENT/$OPS_FILE_NAME"
            else
              git -c user.name=dedicate -c user.email=dedicate@localhost commit -q -m "$COMMIT_MESSAGE"
            fi
            """;

    static final String HOOK_REGISTER = """
            cp -a shared-deployments/. shared-deployments-updated/
            cd shared-deployments-updated
            mkdir -p "$SHARED_DEPLOYMENT"
            printf '%s\\n' "$OPS_FILE" > "$SHARED_DEPLOYMENT/$OPS_FILE_NAME"
            git add "$SHARED_DEPLOYMENT/$OPS_FILE_NAME"
            """ + COMMIT;

    static final String HOOK_DEREGISTER = """
            cp -a shared-deployments/. shared-deployments-updated/
            cd shared-deployments-updated
            git rm -q --ignore-unmatch "$SHARED_DEPLOYMENT/$OPS_FILE_NAME"
            """ + COMMIT;

    private static final String TERRAFORM_PREPARE = """
            cp -a terraform-state/. terraform-state-updated/
            state="$PWD/terraform-state-updated/$TF_STATE_PATH"
            mkdir -p "$(dirname "$state")" module
            cd module
            terraform init -input=false -from-module="$TF_MODULE_SOURCE"
            """;

    private static final String TERRAFORM_COMMIT = """
            cd ../terraform-state-updated
            git add -A "$TF_STATE_PATH"
            if ! git diff --cached --quiet; then
              git -c user.name=dedicate -c user.email=dedicate@localhost commit -q -m "$COMMIT_MESSAGE"
            fi
            """;

    static final String TERRAFORM_APPLY = TERRAFORM_PREPARE + """
            terraform apply -input=false -auto-approve -state="$state"
            """ + TERRAFORM_COMMIT;

    static final String TERRAFORM_DESTROY = TERRAFORM_PREPARE + """
            terraform destroy -input=false -auto-approve -state="$state"
            """ + TERRAFORM_COMMIT;

    private static final String CF_LOGIN = """
            cf api "$CF_API"
            cf auth
            cf target -o "$APP_ORG" -s "$APP_SPACE"
            """;

    static final String APP_PUSH = RESOLVE_CREDHUB + """
            env=$(printf '%s' "$APP_ENV" | jq --argjson credhub "$(resolve_credhub "$APP_CREDHUB_ENV")" '. + $credhub')
            curl -fsSL -o app.zip "$APP_SOURCE"
            jq -n --arg name "$APP_NAME" --arg memory "$APP_MEMORY" --arg disk "$APP_DISK" \\
              --arg buildpack "$APP_BUILDPACK" --arg route "$APP_ROUTE" \\
              --argjson instances "$APP_INSTANCES" --argjson env "$env" \\
              '{name: $name, instances: $instances, env: $env}
               + (if $memory == "" then {} else {memory: $memory} end)
               + (if $disk == "" then {} else {disk_quota: $disk} end)
               + (if $buildpack == "" then {} else {buildpacks: [$buildpack]} end)
               + (if $route == "" then {} else {routes: [{route: $route}]} end)
               | {applications: [.]}' > manifest.json
            """ + CF_LOGIN + """
            cf push -f manifest.json -p app.zip
            """;

    static final String APP_DELETE = CF_LOGIN + """
            cf delete -f -r "$APP_NAME"
            """;
}
