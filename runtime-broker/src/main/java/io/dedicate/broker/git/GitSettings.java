package io.dedicate.broker.git;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/**
 * Where the deployment repository is and how to reach it.
 *
 * <p>With no {@code remoteUri} the local bare repository {@code dataDirectory/deployments.git} <em>is</em> the
 * deployment repository (zero set-up). With a remote, the deployer keeps a bare mirror in {@code
 * dataDirectory/deployments-mirror.git} and pushes every commit to {@code remoteUri}: HTTPS with {@code username} and
 * {@code token}, SSH with {@code sshPrivateKey} and {@code sshKnownHosts}, or a {@code file://} URI or plain path.
 *
 * @param dataDirectory the broker's data directory; the repositories live below it
 * @param remoteUri the remote deployment repository, or null for the local bare repository
 * @param branch the branch Concourse watches, {@code main} by default
 * @param username HTTPS user name; when only a token is given, {@code x-access-token} is used
 * @param token HTTPS token or password; never shown by {@link #toString()}
 * @param sshPrivateKey private key file for SSH remotes
 * @param sshKnownHosts known_hosts file for SSH remotes; without it, {@code dataDirectory/known_hosts}
 * @param acceptNewHostKeys for SSH: trust (and remember) the key of a host not yet in known_hosts; off by default,
 *     a changed key is always refused
 * @param authorName author and committer name of the deployer's commits
 * @param authorEmail author and committer e-mail of the deployer's commits
 */
public record GitSettings(
        Path dataDirectory,
        @Nullable String remoteUri,
        String branch,
        @Nullable String username,
        @Nullable String token,
        @Nullable Path sshPrivateKey,
        @Nullable Path sshKnownHosts,
        boolean acceptNewHostKeys,
        String authorName,
        String authorEmail) {

    /** The branch used when none is configured. */
    public static final String DEFAULT_BRANCH = "main";

    /** Author name of the deployer's commits when none is configured. */
    public static final String DEFAULT_AUTHOR_NAME = "dedicate broker";

    /** Author e-mail of the deployer's commits when none is configured. */
    public static final String DEFAULT_AUTHOR_EMAIL = "broker@dedicate.invalid";

    /** Checks the settings: a valid branch name, an author, no blank strings where a value is optional. */
    public GitSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        remoteUri = blankToNull(remoteUri);
        username = blankToNull(username);
        token = blankToNull(token);
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new IllegalArgumentException("git branch '" + branch + "' is not a valid branch name");
        }
        if (authorName == null || authorName.isBlank()) {
            throw new IllegalArgumentException("git author name must not be blank");
        }
        if (authorEmail == null || authorEmail.isBlank()) {
            throw new IllegalArgumentException("git author e-mail must not be blank");
        }
        if (remoteUri == null && (username != null || token != null || sshPrivateKey != null)) {
            throw new IllegalArgumentException(
                    "git credentials are set but no remote URI: credentials are only used with a remote repository");
        }
    }

    /**
     * Settings for the default, zero set-up deployment repository: a local bare repository in {@code dataDirectory},
     * branch {@code main}, author "dedicate broker" &lt;broker@dedicate.invalid&gt;.
     */
    public static GitSettings local(Path dataDirectory) {
        return new GitSettings(
                dataDirectory,
                null,
                DEFAULT_BRANCH,
                null,
                null,
                null,
                null,
                false,
                DEFAULT_AUTHOR_NAME,
                DEFAULT_AUTHOR_EMAIL);
    }

    /** Settings for a remote repository with the defaults of {@link #local(Path)} and no credentials. */
    public static GitSettings remote(Path dataDirectory, String remoteUri) {
        return new GitSettings(
                dataDirectory,
                remoteUri,
                DEFAULT_BRANCH,
                null,
                null,
                null,
                null,
                false,
                DEFAULT_AUTHOR_NAME,
                DEFAULT_AUTHOR_EMAIL);
    }

    /** The same settings on another branch. */
    public GitSettings withBranch(String otherBranch) {
        return new GitSettings(
                dataDirectory,
                remoteUri,
                otherBranch,
                username,
                token,
                sshPrivateKey,
                sshKnownHosts,
                acceptNewHostKeys,
                authorName,
                authorEmail);
    }

    /** The same settings with HTTPS credentials. */
    public GitSettings withHttpsCredentials(@Nullable String user, String httpsToken) {
        return new GitSettings(
                dataDirectory,
                remoteUri,
                branch,
                user,
                httpsToken,
                sshPrivateKey,
                sshKnownHosts,
                acceptNewHostKeys,
                authorName,
                authorEmail);
    }

    /** The same settings with an SSH key, a known_hosts file (or null) and the "accept new host keys" switch. */
    public GitSettings withSsh(Path privateKey, @Nullable Path knownHosts, boolean acceptNew) {
        return new GitSettings(
                dataDirectory,
                remoteUri,
                branch,
                username,
                token,
                privateKey,
                knownHosts,
                acceptNew,
                authorName,
                authorEmail);
    }

    /** True when a remote repository is configured (the local repository is then a mirror). */
    public boolean hasRemote() {
        return remoteUri != null;
    }

    /** The local bare repository: the deployment repository itself, or the mirror of the remote. */
    public Path localRepository() {
        return dataDirectory.resolve(hasRemote() ? "deployments-mirror.git" : "deployments.git");
    }

    /** Everything but the token, which is shown as {@code ****} when set. */
    @Override
    public String toString() {
        return "GitSettings[dataDirectory=" + dataDirectory
                + ", remoteUri=" + redactedRemoteUri()
                + ", branch=" + branch
                + ", username=" + username
                + ", token=" + (token == null ? "null" : "****")
                + ", sshPrivateKey=" + sshPrivateKey
                + ", sshKnownHosts=" + sshKnownHosts
                + ", acceptNewHostKeys=" + acceptNewHostKeys
                + ", authorName=" + authorName
                + ", authorEmail=" + authorEmail
                + "]";
    }

    /** The remote URI with any password inside it (https://user:secret@host/...) shown as {@code ****}. */
    public @Nullable String redactedRemoteUri() {
        return remoteUri == null ? null : PASSWORD_IN_URI.matcher(remoteUri).replaceFirst("$1:****@");
    }

    private static final Pattern PASSWORD_IN_URI = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@");

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
