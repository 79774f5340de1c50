package io.dedicate.broker.health;

import io.dedicate.broker.git.GitDeployer;
import io.dedicate.broker.git.UnprovenLock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} (the broker's basic-auth credentials required): the broker's health in Spring Boot Actuator's
 * shape, so a monitor that reads the one reads the other. {@code status} is {@code UP}, or {@code DEGRADED} while a git
 * lock file the broker cannot prove stale stops its commits (it answers requests, but nothing reaches git until the
 * lock is gone); the {@code git} component names each such file and why:
 *
 * <pre>{@code
 * {"status":"DEGRADED","components":{"git":{"status":"DEGRADED","details":{"repository":"deployment repository /srv/remote.git",
 *   "branch":"main","locks":[{"file":"/srv/remote.git/refs/heads/main.lock","reason":"the remote repository's branch ..."}]}}}}
 * }</pre>
 *
 * <p>Always 200: a degraded broker still serves the platform (reads, polls, refusals), and a restart would not remove
 * a lock it does not own. The locks are looked at on every call.
 */
@RestController
public class HealthController {

    /** The status while a lock stops commits. */
    public static final String DEGRADED = "DEGRADED";

    private final GitDeployer git;

    public HealthController(GitDeployer git) {
        this.git = git;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> health() {
        List<UnprovenLock> locks = git.unprovenLocks();
        String status = locks.isEmpty() ? "UP" : DEGRADED;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("repository", git.toString());
        details.put("branch", git.branch());
        details.put(
                "locks",
                locks.stream()
                        .map(lock -> Map.of("file", lock.file().toString(), "reason", lock.reason()))
                        .toList());
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("status", status);
        component.put("details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("components", Map.of("git", component));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
