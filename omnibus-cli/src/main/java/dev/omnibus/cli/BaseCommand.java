package dev.omnibus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that does something: it reaches the clients and the output through the root command's context. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return execute(((OmnibusCommand) spec.root().userObject()).context());
    }

    /** Does the work; returns the exit code (failures are exceptions, mapped by {@link Main}). */
    abstract int execute(Context context) throws Exception;

    /** A usage error found after parsing: exit code 2 and a pointer to the command's help. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A command that only groups others ({@code queue}, {@code topic}, ...): alone it is a usage error. */
    abstract static class Group implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing command: one of "
                    + String.join(", ", spec.subcommands().keySet()));
        }
    }
}
