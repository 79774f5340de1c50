package io.dedicate.broker.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Fetches the remote deployment repository into the local mirror and pushes commits to it, never forcing.
 *
 * <p>The remote branch is tracked as {@code refs/remotes/origin/<branch>} in the mirror; a successful push moves that
 * ref too. Credentials: HTTPS user name and token, or SSH through Apache MINA with a private key and a known_hosts
 * file (new host keys accepted only when the settings say so; a changed key is always refused).
 */
final class RemoteSync implements AutoCloseable {
    /** The prefix of the mirror's refs that track the remote's branches. */
    static final String TRACKING_PREFIX = "refs/remotes/origin/";

    private static final int TIMEOUT_SECONDS = 60;

    private final Repository mirror;
    private final GitSettings settings;
    private final URIish uri;
    private final @Nullable UsernamePasswordCredentialsProvider credentials;
    private final @Nullable SshdSessionFactory sshSessions;

    /** What a push did. */
    enum PushOutcome {
        /** The remote branch moved to the commit. */
        PUSHED,
        /** The remote branch already was at the very same commit (identical bytes, so the same operation). */
        ALREADY_THERE,
        /** The remote branch had moved: fetch, apply the change set again, push again. */
        REJECTED
    }

    RemoteSync(Repository mirror, GitSettings settings) throws IOException {
        this.mirror = mirror;
        this.settings = settings;
        String remoteUri = settings.remoteUri();
        if (remoteUri == null) {
            throw new IllegalArgumentException("no remote URI configured");
        }
        try {
            this.uri = new URIish(remoteUri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "git remote URI '" + settings.redactedRemoteUri() + "' is not a valid git URI: " + e.getReason(),
                    e);
        }
        String token = settings.token();
        this.credentials = token == null
                ? null
                : new UsernamePasswordCredentialsProvider(
                        settings.username() == null ? "x-access-token" : settings.username(), token);
        this.sshSessions = isSsh(uri) ? sshSessions(settings) : null;
    }

    /** The mirror's ref tracking the remote branch. */
    String trackingRef() {
        return TRACKING_PREFIX + settings.branch();
    }

    /** Fetches every branch of the remote into the mirror's tracking refs (forced: the remote is the truth). */
    void fetch() throws IOException {
        try (Transport transport = open()) {
            transport.setTagOpt(TagOpt.NO_TAGS);
            transport.fetch(
                    NullProgressMonitor.INSTANCE,
                    List.of(new RefSpec("+" + Constants.R_HEADS + "*:" + TRACKING_PREFIX + "*")));
        }
    }

    /**
     * Pushes {@code commit} to the remote branch if the branch is still at {@code expectedTip} (null: the branch must
     * not exist yet). Returns {@link PushOutcome#REJECTED} when the remote moved (fetch and re-apply, then push again);
     * throws for anything else.
     */
    PushOutcome push(ObjectId commit, @Nullable ObjectId expectedTip) throws IOException {
        RemoteRefUpdate update = new RemoteRefUpdate(
                mirror,
                null,
                commit,
                Constants.R_HEADS + settings.branch(),
                false,
                trackingRef(),
                expectedTip == null ? ObjectId.zeroId() : expectedTip);
        PushResult result;
        try (Transport transport = open()) {
            result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
        }
        RemoteRefUpdate pushed = result.getRemoteUpdate(Constants.R_HEADS + settings.branch());
        RemoteRefUpdate.Status status = pushed == null ? update.getStatus() : pushed.getStatus();
        lastRejection = status + (pushed == null || pushed.getMessage() == null ? "" : ": " + pushed.getMessage());
        return switch (status) {
            case OK -> PushOutcome.PUSHED;
            case UP_TO_DATE -> PushOutcome.ALREADY_THERE;
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> PushOutcome.REJECTED;
            default ->
                throw new IOException("push to branch '" + settings.branch() + "' ended with status " + status
                        + (pushed == null || pushed.getMessage() == null ? "" : ": " + pushed.getMessage()));
        };
    }

    /** The status of the last push, for messages when pushes keep being rejected. */
    String lastRejection() {
        return lastRejection;
    }

    private volatile String lastRejection = "";

    private Transport open() throws IOException {
        Transport transport = Transport.open(mirror, uri);
        transport.setTimeout(TIMEOUT_SECONDS);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        if (sshSessions != null && transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshSessions);
        }
        return transport;
    }

    private static boolean isSsh(URIish uri) {
        String scheme = uri.getScheme();
        return scheme == null ? uri.getHost() != null : scheme.startsWith("ssh") || scheme.endsWith("+ssh");
    }

    /**
     * An SSH client that uses only what the settings name: its own config file in the data directory (so the broker
     * user's ~/.ssh/config plays no part), the private key, and the known_hosts file.
     */
    private static SshdSessionFactory sshSessions(GitSettings settings) throws IOException {
        Path sshDirectory = settings.dataDirectory().resolve("ssh");
        Files.createDirectories(sshDirectory);
        Path knownHosts = settings.sshKnownHosts() != null
                ? settings.sshKnownHosts().toAbsolutePath()
                : settings.dataDirectory().resolve("known_hosts");
        StringBuilder config = new StringBuilder("Host *\n");
        config.append("  StrictHostKeyChecking ")
                .append(settings.acceptNewHostKeys() ? "accept-new" : "yes")
                .append('\n');
        config.append("  UserKnownHostsFile \"").append(knownHosts).append("\"\n");
        Path privateKey = settings.sshPrivateKey();
        if (privateKey != null) {
            config.append("  IdentityFile \"")
                    .append(privateKey.toAbsolutePath())
                    .append("\"\n");
            config.append("  IdentitiesOnly yes\n");
        }
        Path configFile = sshDirectory.resolve("config");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        List<Path> identities = privateKey == null ? List.of() : List.of(privateKey.toAbsolutePath());
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(settings.dataDirectory().toFile())
                .setSshDirectory(sshDirectory.toFile())
                .setConfigFile(ignored -> configFile.toFile())
                .setDefaultKnownHostsFiles(ignored -> List.of(knownHosts))
                .setDefaultIdentities(ignored -> identities)
                .build(new JGitKeyCache());
    }

    @Override
    public void close() {
        if (sshSessions != null) {
            sshSessions.close();
        }
    }
}
