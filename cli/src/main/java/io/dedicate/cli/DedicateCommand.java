package io.dedicate.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dedicate}: compile offering files into a bundle, check them, compare two versions, document
 * them, or serve the language server.
 *
 * <p>Exit status: 0 success (warnings allowed), 1 the offerings have errors, 2 bad command-line
 * usage, 3 the bundle could not be written.
 */
@Command(
        name = "dedicate",
        mixinStandardHelpOptions = true,
        versionProvider = DedicateCommand.Version.class,
        description = "On-demand dedicated service offerings: compile offering files into a broker bundle.",
        subcommands = {
            CompileCommand.class,
            CheckCommand.class,
            DiffCommand.class,
            DocsCommand.class,
            FmtCommand.class,
            RenderCommand.class,
            LspCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DedicateCommand implements Runnable {

    public static final int OK = 0;
    public static final int OFFERING_ERRORS = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_WRITE = 3;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(
                args,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new DedicateCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> USAGE);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("dedicate: " + e.getMessage());
            return CANNOT_WRITE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: " + commandNames());
    }

    /** The subcommands' names as a reader lists them, from picocli's own table so none is forgotten. */
    private String commandNames() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The version of the jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dedicate " + number()};
        }

        /** The jar's version, or {@code (development build)} when run from classes. */
        static String number() {
            String version = DedicateCommand.class.getPackage().getImplementationVersion();
            return version == null ? "(development build)" : version;
        }
    }
}
