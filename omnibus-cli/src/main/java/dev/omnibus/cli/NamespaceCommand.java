package dev.omnibus.cli;

import picocli.CommandLine.Command;

/** {@code omnibus namespace show}. */
@Command(name = "namespace", description = "Show the namespace.", synopsisSubcommandLabel = "COMMAND",
        subcommands = NamespaceCommand.Show.class)
final class NamespaceCommand extends BaseCommand.Group {

    @Command(name = "show", description = "Show the namespace's name, tier and times (checks the connection).")
    static final class Show extends BaseCommand {
        @Override
        int execute(Context context) {
            context.output().object(Views.namespace(context.admin().getNamespaceProperties()));
            return ExitCodes.OK;
        }
    }
}
