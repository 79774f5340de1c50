package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> PLAN_SETTINGS = List.of(
            "id",
            "display_name",
            "description",
            "free",
            "cost",
            "bullets",
            "bindable",
            "instances",
            "vm_type",
            "disk",
            "azs",
            "max_polling",
            "driver");

    @Test
    void swappedLettersAreOneEdit() {
        assertEquals(Optional.of("vm_type"), Suggestions.closest("vm_tpye", PLAN_SETTINGS));
        assertEquals(1, Suggestions.distance("vm_tpye", "vm_type"));
    }

    @Test
    void missingAndExtraLetters() {
        assertEquals(
                Optional.of("cluster-small"),
                Suggestions.closest("cluster-smal", List.of("cluster-small", "cluster-large")));
        assertEquals(Optional.of("description"), Suggestions.closest("descriptoin", PLAN_SETTINGS));
        assertEquals(Optional.of("instances"), Suggestions.closest("instance", PLAN_SETTINGS));
    }

    @Test
    void caseIsIgnored() {
        assertEquals(Optional.of("vm_type"), Suggestions.closest("VM_TYPE", PLAN_SETTINGS));
    }

    @Test
    void nothingWhenNoNameIsClose() {
        assertEquals(Optional.empty(), Suggestions.closest("memory", PLAN_SETTINGS));
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("xy")));
        assertEquals(Optional.empty(), Suggestions.closest("anything", List.of()));
    }

    @Test
    void shortNamesAllowOneEditOnly() {
        assertEquals(Optional.of("azs"), Suggestions.closest("az", PLAN_SETTINGS));
        assertEquals(Optional.empty(), Suggestions.closest("a", List.of("abc")));
    }

    @Test
    void tiesAreBrokenDeterministically() {
        // `cat` is one edit from `bat`, `cab` and `cats`: same length first, then alphabetical.
        assertEquals(Optional.of("bat"), Suggestions.closest("cat", List.of("cats", "cab", "bat")));
        assertEquals(Optional.of("bat"), Suggestions.closest("cat", Set.of("cab", "bat", "cats")));
        assertEquals(Optional.of("cats"), Suggestions.closest("cat", List.of("cats", "dogs")));
    }
}
