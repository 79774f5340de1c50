package io.dedicate.dsl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.jspecify.annotations.Nullable;

/**
 * Writes the canonical layout of a file known to parse without error: the parse tree decides the
 * structure (one member or setting per line, two spaces per block level), the token stream gives
 * the words and, on its hidden channel, the comments, which stay where they were: a comment that
 * followed a word on its line still does, a comment on its own line stays on its own line before
 * what followed it. Behind {@link io.dedicate.dsl.OfferingFormatter}; public only so that package
 * can reach it.
 *
 * <ul>
 *   <li>A block (<code>{ ... }</code>) written on one line without comments stays on one line, its
 *       settings separated by {@code "; "}; any other block has one setting per line. Maps and lists
 *       likewise: on one line as <code>{ a: 1, b: 2 }</code> and {@code [x, y]}, or one entry per
 *       line; trailing commas and semicolons are dropped.
 *   <li>One blank line is kept where the source had one or more between two members or comments,
 *       none after an opening brace.
 *   <li>Member order is kept (plans, parameters and outputs appear in the catalog and the schemas in
 *       the order written), except where it carries no meaning: a parameter's options are put in
 *       the grammar's order (range, length, pattern, example, create_only, secret, required) and a
 *       release's settings as url, sha1, specs, unless a comment sits among them.
 *   <li>Strings, text blocks, numbers and names are written exactly as in the source.
 * </ul>
 */
public final class CanonicalLayout {

    private static final String INDENT = "  ";

    private static final Map<Class<?>, Integer> OPTION_ORDER = Map.of(
            OfferingParser.RangeOptionContext.class, 0,
            OfferingParser.LengthOptionContext.class, 1,
            OfferingParser.PatternOptionContext.class, 2,
            OfferingParser.ExampleOptionContext.class, 3,
            OfferingParser.CreateOnlyOptionContext.class, 4,
            OfferingParser.SecretOptionContext.class, 5,
            OfferingParser.RequiredOptionContext.class, 6);

    private final CommonTokenStream tokens;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    /** The current output line has text. */
    private boolean lineOpen;
    /** A line comment ends the current line: the next word goes on a new line. */
    private boolean breakPending;
    /** The next word starts a member (or entry) on its own line at the block's indentation. */
    private boolean freshLine = true;
    /** The last line written opened a block: no blank line may follow. */
    private boolean openedBlock = true;
    /** A block comment was just written inline: the next word is separated by a space. */
    private boolean spaceAfterComment;
    /** The next line closes a block: no blank line before it. */
    private boolean closing;
    /** Comments before this token index are written. */
    private int flushedUpTo = -1;

    private @Nullable Token lastWord;
    private @Nullable ParseTree lastWordParent;

    private CanonicalLayout(CommonTokenStream tokens) {
        this.tokens = tokens;
    }

    /** The canonical text of {@code text}, which must parse without error. */
    public static String format(String file, String text) {
        OfferingLexer lexer = new OfferingLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        OfferingParser parser = new OfferingParser(tokens);
        parser.removeErrorListeners();
        OfferingParser.FileContext tree = parser.file();
        if (parser.getNumberOfSyntaxErrors() > 0) {
            throw new IllegalArgumentException(file + " has syntax errors: parse it before formatting it");
        }
        CanonicalLayout layout = new CanonicalLayout(tokens);
        layout.visit(tree);
        layout.newline();
        String result = layout.out.toString();
        return result.isEmpty() ? "\n" : result;
    }

    // ---------------------------------------------------------------- structure

    private void visit(ParseTree node) {
        if (node instanceof TerminalNode terminal) {
            terminal(terminal);
        } else if (node instanceof OfferingParser.MapExprContext || node instanceof OfferingParser.ListExprContext) {
            bracketed((ParserRuleContext) node);
        } else if (node instanceof ParserRuleContext context && child(context, OfferingParser.LBRACE) >= 0) {
            block(context);
        } else if (node instanceof OfferingParser.ParameterContext parameter) {
            parameter(parameter);
        } else {
            for (int i = 0; i < node.getChildCount(); i++) {
                visit(node.getChild(i));
            }
        }
    }

    private void terminal(TerminalNode node) {
        Token token = node.getSymbol();
        if (token.getType() == Token.EOF) {
            freshLine = true;
            comments(token);
        } else if (token.getType() == OfferingParser.SEMI) {
            comments(token);
        } else {
            word(node, token.getText());
        }
    }

    /** A block: its settings on one line when they were and have no comment, else one per line. */
    private void block(ParserRuleContext context) {
        int open = child(context, OfferingParser.LBRACE);
        int close = child(context, OfferingParser.RBRACE);
        for (int i = 0; i < open; i++) {
            visit(context.getChild(i));
        }
        TerminalNode lbrace = (TerminalNode) context.getChild(open);
        TerminalNode rbrace = (TerminalNode) context.getChild(close);
        List<ParseTree> items = new ArrayList<>();
        for (int i = open + 1; i < close; i++) {
            items.add(context.getChild(i));
        }
        boolean quiet = !hasComments(lbrace.getSymbol(), rbrace.getSymbol());
        if (quiet && context instanceof OfferingParser.ReleaseMemberContext) {
            items.sort(Comparator.comparingInt(
                    item -> ((ParserRuleContext) item).getStart().getType()));
        }
        word(lbrace, "{");
        if (quiet && items.isEmpty()) {
            word(rbrace, "}");
        } else if (quiet && sameLine(lbrace.getSymbol(), rbrace.getSymbol())) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(';');
                }
                visit(items.get(i));
            }
            word(rbrace, "}");
        } else {
            lines(items, List.of(), rbrace);
        }
        for (int i = close + 1; i < context.getChildCount(); i++) {
            visit(context.getChild(i));
        }
    }

    /** A map or a list: on one line as written there, else one entry per line. */
    private void bracketed(ParserRuleContext context) {
        TerminalNode open = (TerminalNode) context.getChild(0);
        TerminalNode close = (TerminalNode) context.getChild(context.getChildCount() - 1);
        List<ParseTree> entries = new ArrayList<>();
        List<TerminalNode> commas = new ArrayList<>();
        for (int i = 1; i < context.getChildCount() - 1; i++) {
            ParseTree child = context.getChild(i);
            if (child instanceof TerminalNode comma) {
                commas.add(comma);
            } else {
                entries.add(child);
            }
        }
        word(open, open.getText());
        if (entries.isEmpty() && !hasComments(open.getSymbol(), close.getSymbol())) {
            word(close, close.getText());
        } else if (sameLine(open.getSymbol(), close.getSymbol())) {
            for (int i = 0; i < entries.size(); i++) {
                visit(entries.get(i));
                if (i < commas.size()) {
                    separator(commas.get(i), i < entries.size() - 1);
                }
            }
            word(close, close.getText());
        } else {
            lines(entries, commas, close);
        }
    }

    /** Settings or entries one per line, one level deeper, then the closing bracket on its own line. */
    private void lines(List<ParseTree> items, List<TerminalNode> commas, TerminalNode close) {
        openedBlock = true;
        indent++;
        for (int i = 0; i < items.size(); i++) {
            freshLine = true;
            visit(items.get(i));
            if (i < commas.size()) {
                separator(commas.get(i), i < items.size() - 1);
            }
        }
        freshLine = true;
        comments(close.getSymbol());
        indent--;
        freshLine = true;
        closing = true;
        word(close, close.getText());
        closing = false;
    }

    /** A comma between entries is written; a trailing one is dropped (its comments are kept). */
    private void separator(TerminalNode comma, boolean between) {
        if (between) {
            word(comma, ",");
        } else {
            comments(comma.getSymbol());
        }
    }

    /** A parameter, its options in the grammar's order unless comments sit among them. */
    private void parameter(OfferingParser.ParameterContext parameter) {
        List<OfferingParser.ParameterOptionContext> options = parameter.parameterOption();
        boolean reorder = options.size() > 1
                && !hasComments(
                        options.get(0).getStart(),
                        options.get(options.size() - 1).getStop());
        List<OfferingParser.ParameterOptionContext> sorted = new ArrayList<>(options);
        if (reorder) {
            sorted.sort(Comparator.comparingInt(option -> OPTION_ORDER.getOrDefault(option.getClass(), 99)));
        }
        boolean optionsWritten = false;
        for (int i = 0; i < parameter.getChildCount(); i++) {
            ParseTree child = parameter.getChild(i);
            if (child instanceof OfferingParser.ParameterOptionContext) {
                if (!optionsWritten) {
                    sorted.forEach(this::visit);
                    optionsWritten = true;
                }
            } else {
                visit(child);
            }
        }
    }

    // ---------------------------------------------------------------- words and comments

    /** Writes one word of the source (or its canonical spelling), after the comments before it. */
    private void word(TerminalNode node, String text) {
        Token token = node.getSymbol();
        comments(token);
        if (freshLine) {
            newline();
            if (!closing && blankLineBefore(token)) {
                blankLine();
            }
            startLine(indent);
            freshLine = false;
        } else if (!lineOpen || breakPending) {
            newline();
            startLine(indent + 1);
        } else if (spaceAfterComment || spaceBefore(node)) {
            out.append(' ');
        }
        out.append(text);
        spaceAfterComment = false;
        openedBlock = false;
        lastWord = token;
        lastWordParent = node.getParent();
    }

    /** Writes the comments between the previous word of the source and {@code token}. */
    private void comments(Token token) {
        int from = Math.max(flushedUpTo + 1, 0);
        for (int i = from; i < token.getTokenIndex(); i++) {
            Token hidden = tokens.get(i);
            int type = hidden.getType();
            if (type != OfferingParser.LINE_COMMENT && type != OfferingParser.BLOCK_COMMENT) {
                continue;
            }
            String text = commentText(hidden);
            if (lineOpen && !breakPending && onLineOfPreviousWord(hidden)) {
                out.append(' ').append(text);
            } else {
                newline();
                if (blankLineBefore(hidden)) {
                    blankLine();
                }
                startLine(freshLine ? indent : indent + 1);
                out.append(text);
                openedBlock = false;
            }
            if (type == OfferingParser.LINE_COMMENT) {
                breakPending = true;
            } else {
                spaceAfterComment = true;
            }
        }
        flushedUpTo = Math.max(flushedUpTo, token.getTokenIndex());
    }

    private static String commentText(Token comment) {
        String text = comment.getText().replace("\r\n", "\n");
        if (comment.getType() == OfferingParser.LINE_COMMENT) {
            return text.stripTrailing();
        }
        String[] lines = text.split("\n", -1);
        StringBuilder stripped = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            stripped.append(i == 0 ? "" : "\n").append(lines[i].stripTrailing());
        }
        return stripped.toString();
    }

    /** Whether nothing but spaces separates {@code hidden} from the default-channel word before it. */
    private boolean onLineOfPreviousWord(Token hidden) {
        for (int i = hidden.getTokenIndex() - 1; i >= 0; i--) {
            Token before = tokens.get(i);
            if (before.getChannel() == Token.DEFAULT_CHANNEL) {
                return true;
            }
            if (before.getType() == OfferingParser.LINE_COMMENT
                    || before.getText().contains("\n")) {
                return false;
            }
        }
        return false;
    }

    /** Whether the source had an empty line right before {@code token}. */
    private boolean blankLineBefore(Token token) {
        int index = token.getTokenIndex() - 1;
        if (index < 0) {
            return false;
        }
        Token before = tokens.get(index);
        return before.getType() == OfferingParser.WS
                && before.getText().chars().filter(c -> c == '\n').count() >= 2;
    }

    private boolean spaceBefore(TerminalNode node) {
        int type = node.getSymbol().getType();
        ParseTree parent = node.getParent();
        if (type == OfferingParser.COMMA
                || type == OfferingParser.RPAREN
                || type == OfferingParser.RBRACK
                || type == OfferingParser.DOT
                || type == OfferingParser.LPAREN) {
            return false;
        }
        if (lastWord == null) {
            return true;
        }
        int previous = lastWord.getType();
        if (previous == OfferingParser.LBRACE && type == OfferingParser.RBRACE) {
            return false;
        }
        if (previous == OfferingParser.LPAREN || previous == OfferingParser.LBRACK || previous == OfferingParser.DOT) {
            return false;
        }
        if (previous == OfferingParser.MINUS && lastWordParent instanceof OfferingParser.NumberContext) {
            return false;
        }
        if (type == OfferingParser.COLON) {
            return !(parent instanceof OfferingParser.MapEntryContext);
        }
        if (type == OfferingParser.RANGE_OP) {
            return previous == OfferingParser.RANGE || previous == OfferingParser.LENGTH;
        }
        if (previous == OfferingParser.RANGE_OP) {
            return !(parent instanceof OfferingParser.NumberContext
                    || parent instanceof OfferingParser.QuantityContext);
        }
        return true;
    }

    // ---------------------------------------------------------------- output lines

    private void newline() {
        if (lineOpen) {
            out.append('\n');
            lineOpen = false;
        }
        breakPending = false;
    }

    private void blankLine() {
        if (!openedBlock && out.length() > 0 && !out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
    }

    private void startLine(int level) {
        out.append(INDENT.repeat(Math.max(level, 0)));
        lineOpen = true;
    }

    // ---------------------------------------------------------------- the parse tree and the tokens

    private static int child(ParserRuleContext context, int tokenType) {
        for (int i = 0; i < context.getChildCount(); i++) {
            if (context.getChild(i) instanceof TerminalNode terminal
                    && terminal.getSymbol().getType() == tokenType) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameLine(Token first, Token last) {
        return first.getLine() == last.getLine();
    }

    /** Whether a comment lies between the two tokens (both included). */
    private boolean hasComments(Token first, Token last) {
        for (int i = first.getTokenIndex(); i <= last.getTokenIndex(); i++) {
            int type = tokens.get(i).getType();
            if (type == OfferingParser.LINE_COMMENT || type == OfferingParser.BLOCK_COMMENT) {
                return true;
            }
        }
        return false;
    }
}
