package io.dedicate.dsl.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.PredictionContext;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.atn.WildcardTransition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.jspecify.annotations.Nullable;

/**
 * What the parser could have accepted where a syntax error occurred, in words: "a plan setting (id,
 * display_name, ...) or `}`" rather than ANTLR's list of a hundred token names.
 *
 * <p>It walks the grammar's ATN from the parser's state at the error, the way ANTLR computes its
 * expected-token set, but stops at the rules worth naming (a name, a value, a plan setting...) so
 * the message speaks of the language's constructs. The keywords that could start the expected
 * constructs feed the "did you mean" suggestion.
 */
final class ExpectedTokens {

    private static final ATN GRAMMAR = OfferingParser._ATN;
    private static final Vocabulary VOCABULARY = OfferingParser.VOCABULARY;
    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final int LISTED_KEYWORDS = 40;

    /** Rules named by one phrase (message key) instead of their first tokens. */
    private static final Map<Integer, String> NAMED_RULES = new LinkedHashMap<>();

    /** Named rules whose phrase also lists the keywords that start them. */
    private static final Set<Integer> LISTING_RULES = Set.of(
            OfferingParser.RULE_memberBody,
            OfferingParser.RULE_planSettingBody,
            OfferingParser.RULE_parameterOption,
            OfferingParser.RULE_deploymentSettingBody,
            OfferingParser.RULE_instanceGroupSettingBody,
            OfferingParser.RULE_hookSettingBody,
            OfferingParser.RULE_appSettingBody,
            OfferingParser.RULE_terraformSettingBody,
            OfferingParser.RULE_type,
            OfferingParser.RULE_phase);

    static {
        NAMED_RULES.put(OfferingParser.RULE_expr, "expected.expression");
        NAMED_RULES.put(OfferingParser.RULE_name, "expected.name");
        NAMED_RULES.put(OfferingParser.RULE_value, "expected.value");
        NAMED_RULES.put(OfferingParser.RULE_versionLiteral, "expected.version");
        NAMED_RULES.put(OfferingParser.RULE_text, "expected.text");
        NAMED_RULES.put(OfferingParser.RULE_number, "expected.number");
        NAMED_RULES.put(OfferingParser.RULE_bound, "expected.bound");
        NAMED_RULES.put(OfferingParser.RULE_memberBody, "expected.member");
        NAMED_RULES.put(OfferingParser.RULE_planSettingBody, "expected.plan-setting");
        NAMED_RULES.put(OfferingParser.RULE_parameterOption, "expected.parameter-option");
        NAMED_RULES.put(OfferingParser.RULE_deploymentSettingBody, "expected.deployment-setting");
        NAMED_RULES.put(OfferingParser.RULE_instanceGroupSettingBody, "expected.instance-group-setting");
        NAMED_RULES.put(OfferingParser.RULE_hookSettingBody, "expected.hook-setting");
        NAMED_RULES.put(OfferingParser.RULE_appSettingBody, "expected.app-setting");
        NAMED_RULES.put(OfferingParser.RULE_terraformSettingBody, "expected.terraform-setting");
        NAMED_RULES.put(OfferingParser.RULE_type, "expected.type");
        NAMED_RULES.put(OfferingParser.RULE_phase, "expected.phase");
    }

    /**
     * The expected constructs, in grammar order.
     *
     * @param phrases one phrase per construct or token ("a plan setting (...)", "`}`")
     * @param keywords the keywords that could come next, for "did you mean"
     * @param closingBrace whether a closing brace could come next
     */
    record Expectation(List<String> phrases, SortedSet<String> keywords, boolean closingBrace) {

        /** "a, b or c". */
        String describe() {
            if (phrases.size() == 1) {
                return phrases.get(0);
            }
            String allButLast = String.join(", ", phrases.subList(0, phrases.size() - 1));
            return Messages.text("expected.alternatives", allButLast, phrases.get(phrases.size() - 1));
        }
    }

    private final Set<Visit> visited = new HashSet<>();
    private final Set<String> phrases = new LinkedHashSet<>();
    private final SortedSet<String> keywords = new TreeSet<>();
    private boolean closingBrace;

    private ExpectedTokens() {}

    /** What could follow ATN state {@code state} of the rule invocation {@code context}. */
    static Expectation at(int state, RuleContext context) {
        ExpectedTokens walk = new ExpectedTokens();
        walk.walk(GRAMMAR.states.get(state), null, context);
        return walk.result();
    }

    /**
     * What could have followed when adaptive prediction failed on a token after the decision's
     * first one: the states reached just before the offending token ({@code deadEnd}) know it.
     */
    static Expectation afterDeadEnd(ATNConfigSet deadEnd, RuleContext decisionContext) {
        ExpectedTokens walk = new ExpectedTokens();
        for (ATNConfig config : deadEnd) {
            walk.walk(config.state, frames(config.context), deadEnd.fullCtx ? null : decisionContext);
        }
        return walk.result();
    }

    private Expectation result() {
        return new Expectation(new ArrayList<>(phrases), keywords, closingBrace);
    }

    /** A return address of a rule entered during the walk, above the parser's own invocation stack. */
    private record Frames(int returnState, @Nullable Frames next) {}

    private record Visit(
            int state, @Nullable Frames frames, @Nullable RuleContext outer) {}

    private static @Nullable Frames frames(@Nullable PredictionContext context) {
        if (context == null || context.isEmpty() || context.getReturnState(0) == PredictionContext.EMPTY_RETURN_STATE) {
            return null;
        }
        return new Frames(context.getReturnState(0), frames(context.getParent(0)));
    }

    private void walk(ATNState state, @Nullable Frames frames, @Nullable RuleContext outer) {
        if (!visited.add(new Visit(state.stateNumber, frames, outer))) {
            return;
        }
        if (state instanceof RuleStopState) {
            leaveRule(frames, outer);
            return;
        }
        for (Transition transition : state.getTransitions()) {
            if (transition instanceof RuleTransition call) {
                String phrase = NAMED_RULES.get(call.ruleIndex);
                if (phrase == null) {
                    walk(call.target, new Frames(call.followState.stateNumber, frames), outer);
                } else {
                    addRule(call.ruleIndex, phrase);
                }
            } else if (transition.isEpsilon()) {
                walk(transition.target, frames, outer);
            } else if (!(transition instanceof NotSetTransition) && !(transition instanceof WildcardTransition)) {
                transition.label().toList().forEach(this::addToken);
            }
        }
    }

    private void leaveRule(@Nullable Frames frames, @Nullable RuleContext outer) {
        if (frames != null) {
            walk(GRAMMAR.states.get(frames.returnState()), frames.next(), outer);
        } else if (outer != null && outer.invokingState >= 0) {
            RuleTransition call =
                    (RuleTransition) GRAMMAR.states.get(outer.invokingState).transition(0);
            walk(call.followState, null, outer.parent);
        } else {
            addToken(Token.EOF);
        }
    }

    private void addRule(int rule, String phraseKey) {
        if (!LISTING_RULES.contains(rule)) {
            phrases.add(Messages.text(phraseKey));
            return;
        }
        List<String> starters = startingKeywords(rule);
        keywords.addAll(starters);
        List<String> listed = starters.size() <= LISTED_KEYWORDS
                ? starters
                : new ArrayList<>(starters.subList(0, LISTED_KEYWORDS - 1));
        String list = String.join(", ", listed) + (listed.size() < starters.size() ? ", ..." : "");
        phrases.add(Messages.text(phraseKey, list));
    }

    private void addToken(int type) {
        if (type == OfferingParser.RBRACE) {
            closingBrace = true;
        }
        phrases.add(describeToken(type));
        String word = keyword(type);
        if (word != null) {
            keywords.add(word);
        }
    }

    /** How a token type reads in a message: {@code `}`}, {@code `vm_type`}, "a string". */
    static String describeToken(int type) {
        if (type == Token.EOF) {
            return Messages.text("token.EOF");
        }
        String literal = VOCABULARY.getLiteralName(type);
        if (literal != null) {
            return "`" + literal.substring(1, literal.length() - 1) + "`";
        }
        return Messages.text("token." + VOCABULARY.getSymbolicName(type));
    }

    /** The keyword a token type stands for, or null for names, literals and punctuation. */
    static @Nullable String keyword(int type) {
        String literal = type == Token.EOF ? null : VOCABULARY.getLiteralName(type);
        if (literal == null) {
            return null;
        }
        String word = literal.substring(1, literal.length() - 1);
        return WORD.matcher(word).matches() ? word : null;
    }

    private static List<String> startingKeywords(int rule) {
        IntervalSet first = GRAMMAR.nextTokens(GRAMMAR.ruleToStartState[rule]);
        List<String> words = new ArrayList<>();
        for (int type : first.toList()) {
            String word = keyword(type);
            if (word != null) {
                words.add(word);
            }
        }
        return words;
    }
}
