package io.dedicate.dsl.ast;

import io.dedicate.dsl.SourceSpan;
import java.util.List;

/** What one file holds: an offering, or a fragment that offerings include. */
public sealed interface SourceFile extends Node {

    Name name();

    List<Member> members();

    /** {@code offering NAME version VERSION { members }}. */
    record Offering(Name name, Text version, List<Member> members, SourceSpan span) implements SourceFile {
        public Offering {
            members = List.copyOf(members);
        }
    }

    /** {@code fragment NAME { members }}: members spliced into the including file where it is included. */
    record Fragment(Name name, List<Member> members, SourceSpan span) implements SourceFile {
        public Fragment {
            members = List.copyOf(members);
        }
    }
}
