package io.dedicate.broker.git;

import static io.dedicate.broker.git.Changes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeSetTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "../x                 | has a '..' segment",
                "o/s/../../x          | has a '..' segment",
                "/etc/passwd          | is absolute",
                "a//b                 | has an empty segment",
                "a/b/                 | has an empty segment",
                "./a                  | has a '.' segment",
                ".git/config          | has a '.git' segment",
                "o/.GIT/hooks/x       | has a '.git' segment",
                "a\\b                 | contains a backslash",
                "C:/x                 | is absolute",
            })
    void badPathsAreRefusedWithAMessageSayingWhatIsWrongAndWhere(String path, String problem) {
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", "o/s/i/operation", Map.of(path, bytes("x")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("written path of operation op-1 '" + path + "' " + problem + messageTail(problem));
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", "o/s/i/operation", Map.of(), Set.of(path)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("deleted path of operation op-1 '" + path + "' " + problem);
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", path, Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("marker path of operation op-1 '" + path + "' " + problem);
    }

    private static String messageTail(String problem) {
        return switch (problem) {
            case "has a '..' segment", "has a '.' segment" -> ": paths must not leave or refer to their folder";
            case "is absolute" -> ": it must be relative to the repository root";
            case "has an empty segment" -> " (leading, trailing or double '/')";
            case "has a '.git' segment" -> ", which git reserves";
            case "contains a backslash" -> ": use '/' to separate folders";
            default -> throw new IllegalArgumentException(problem);
        };
    }

    @Test
    void otherMistakesAreRefusedToo() {
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", "a/operation", Map.of("a\0b", bytes("x")), Set.of()))
                .hasMessageContaining("contains a NUL character");
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", "", Map.of(), Set.of()))
                .hasMessage("marker path of operation op-1 is empty: a path inside the repository is needed");
        assertThatThrownBy(() -> new ChangeSet("op-1", "m", "a/operation", Map.of("a/operation", bytes("x")), Set.of()))
                .hasMessageContaining("is the marker path");
        assertThatThrownBy(
                        () -> new ChangeSet("op-1", "m", "a/operation", Map.of("a/operation/x", bytes("x")), Set.of()))
                .hasMessageContaining("cannot be a file and a folder");
        assertThatThrownBy(() -> new ChangeSet("op 1", "m", "a/operation", Map.of(), Set.of()))
                .hasMessageContaining("operation id 'op 1' must be printable ASCII");
        assertThatThrownBy(() -> new ChangeSet("op-1", " ", "a/operation", Map.of(), Set.of()))
                .hasMessage("change set of operation op-1 has no commit message");
    }

    @Test
    void writesAndDeletesAreSortedImmutableCopies() {
        Map<String, byte[]> writes = new HashMap<>();
        byte[] content = bytes("one");
        writes.put("b/file", content);
        writes.put("a/file", bytes("two"));
        ChangeSet change = new ChangeSet("op-1", "m", "a/operation", writes, Set.of("z", "c", "m/n"));
        content[0] = 'X';
        writes.clear();

        assertThat(change.writes().keySet()).containsExactly("a/file", "b/file");
        assertThat(Changes.text(change.writes().get("b/file"))).isEqualTo("one");
        assertThat(List.copyOf(change.deletes())).containsExactly("c", "m/n", "z");
        assertThatThrownBy(() -> change.deletes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void settingsNeverShowTheToken() {
        GitSettings settings = GitSettings.remote(
                        Path.of("data"), "https://someone:s3cr3t-in-uri@git.example.org/d.git")
                .withHttpsCredentials("someone", "t0ken-value");

        assertThat(settings.toString())
                .doesNotContain("t0ken-value")
                .doesNotContain("s3cr3t-in-uri")
                .contains("token=****")
                .contains("https://someone:****@git.example.org/d.git");
        assertThat(GitSettings.local(Path.of("data")).toString()).contains("token=null");
    }

    @Test
    void settingsRefuseABadBranchAndCredentialsWithoutARemote() {
        assertThatThrownBy(() -> GitSettings.local(Path.of("data")).withBranch("bad..branch"))
                .hasMessage("git branch 'bad..branch' is not a valid branch name");
        assertThatThrownBy(() -> GitSettings.local(Path.of("data")).withHttpsCredentials("u", "t"))
                .hasMessageContaining("no remote URI");
    }
}
