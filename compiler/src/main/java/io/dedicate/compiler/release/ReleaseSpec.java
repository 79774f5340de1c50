package io.dedicate.compiler.release;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The job specs of one release.
 *
 * @param source where they were read (the path as given), for messages
 * @param jobs the jobs by name
 * @param templatesAtHand whether the templates were read (a tarball, or a folder with templates)
 */
public record ReleaseSpec(String source, SortedMap<String, JobSpec> jobs, boolean templatesAtHand) {

    public ReleaseSpec {
        jobs = Collections.unmodifiableSortedMap(new TreeMap<>(jobs));
    }

    public Optional<JobSpec> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }
}
