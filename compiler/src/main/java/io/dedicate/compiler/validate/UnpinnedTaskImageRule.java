package io.dedicate.compiler.validate;

import io.dedicate.compiler.diagnostic.Reporter;
import io.dedicate.compiler.load.ExpandedOffering;
import io.dedicate.compiler.model.PipelineSettings;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.Setting;
import io.dedicate.dsl.ast.Value;
import java.util.Locale;
import java.util.Optional;

/**
 * A task image that is not pinned to a published tag: {@code task_image_tag "latest"} or {@code ""}, a {@code
 * task_image} of the offering's own without a {@code task_image_tag} (the default tag belongs to the default image),
 * or a tag or digest written into {@code task_image}. Concourse's {@code registry-image} fetches a moving tag again
 * when it changes, so two builds of one pipeline could run different tools. Reported at the value.
 */
public final class UnpinnedTaskImageRule implements Rule {

    @Override
    public void check(ExpandedOffering offering, Reporter reporter) {
        for (Member.Pipeline pipeline : offering.members(Member.Pipeline.class)) {
            Optional<Value.Str> image = string(pipeline, "task_image");
            Optional<Value.Str> tag = string(pipeline, "task_image_tag");
            image.ifPresent(repository -> {
                String written = repository.value();
                int slash = written.lastIndexOf('/');
                if (written.contains("@") || written.indexOf(':', slash + 1) >= 0) {
                    reporter.error(repository, "in-repository", written);
                } else if (tag.isEmpty()) {
                    reporter.error(repository, "no-tag", written, PipelineSettings.DEFAULT.taskImage());
                }
            });
            tag.ifPresent(written -> {
                String value = written.value().strip();
                if (value.isEmpty()) {
                    reporter.error(written, "empty");
                } else if (value.toLowerCase(Locale.ROOT).equals("latest")) {
                    reporter.error(
                            written,
                            "",
                            written.value(),
                            PipelineSettings.DEFAULT.taskImage(),
                            PipelineSettings.DEFAULT.taskImageTag());
                }
            });
        }
    }

    private static Optional<Value.Str> string(Member.Pipeline pipeline, String key) {
        return pipeline.settings().stream()
                .filter(s -> s.key().value().equals(key))
                .map(Setting::value)
                .filter(Value.Str.class::isInstance)
                .map(Value.Str.class::cast)
                .findFirst();
    }
}
