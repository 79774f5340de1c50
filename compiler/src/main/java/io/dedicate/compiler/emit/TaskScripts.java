package io.dedicate.compiler.emit;

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

    static final String REPORT = RESOLVE_CREDHUB + """
            outputs=$(printf '%s' "$OUTPUTS" | jq --argjson credhub "$(resolve_credhub "$CREDHUB_OUTPUTS")" '. + $credhub')
            jq -n --arg state "$REPORT_STATE" --arg description "$REPORT_DESCRIPTION" --argjson outputs "$outputs" \\
              '{state: $state, description: $description, outputs: $outputs}' > report.json
            status=$(curl -sS -o response.txt -w '%{http_code}' -X POST \\
              -H "Authorization: Bearer $REPORT_TOKEN" -H 'Content-Type: application/json' \\
              --data-binary @report.json "$REPORT_URL")
            echo "the broker answered HTTP $status to the $REPORT_STATE report"
            case "$status" in
              2*) ;;
              *) cat response.txt; exit 1 ;;
            esac
            """;

    static final String BOSH_DEPLOY = """
            bosh -n deploy "deployment/$INSTANCE_PATH/manifest.yml"
            """;

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
