package io.dedicate.compiler.emit;

import io.dedicate.bundle.JsonWriter;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Plan;
import java.util.List;

/**
 * Writes every plan's parameter schemas to their own files, {@code
 * schemas/SERVICE/PLAN/service_instance.create.json} and so on ({@link PlanSchema} says which plan
 * gets which, {@link ParameterSchema} what a schema holds). The catalog inlines the same schemas;
 * the files let tools and the broker validate a request without parsing the whole catalog.
 *
 * <p>Sample ({@code schemas/mysql-on-demand/database/service_instance.create.json}, first property
 * only):
 *
 * <pre>
 * {
 *   "$schema": "http://json-schema.org/draft-04/schema#",
 *   "type": "object",
 *   "properties": {
 *     "cluster": {
 *       "description": "Name of the cluster instance to create this in.",
 *       "type": "string"
 *     }
 *   },
 *   "required": [
 *     "cluster"
 *   ],
 *   "additionalProperties": false
 * }
 * </pre>
 */
public final class SchemaEmitter implements Emitter {

    @Override
    public String name() {
        return "schemas";
    }

    @Override
    public void emit(List<Offering> offerings, FileManifest manifest) {
        for (Offering offering : offerings) {
            for (Plan plan : offering.plans().all()) {
                for (PlanSchema schema : PlanSchema.of(offering, plan)) {
                    manifest.writeFile(schema.path(), JsonWriter.writeBytes(ParameterSchema.of(schema)));
                }
            }
        }
    }
}
