using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli;

/// <summary>
/// The <c>actorkeys</c> command tree, and the one place where failures become a sentence on standard error and an
/// exit code (<see cref="ExitCode"/>); nothing below prints errors or chooses codes itself.
/// </summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult parse;
        try
        {
            Catalog.Current = LanguageChoice.FromEnvironment(Environment.GetEnvironmentVariable);
            parse = Build().Parse(args);
            // The parser's own checks (--port's range...) speak the language chosen when the tree was built: when
            // --lang names another, the line is parsed again in that one. An unknown --lang is reported in the first.
            if (LanguageOption.Chosen(parse) is { } chosen && chosen != Catalog.Current)
            {
                Catalog.Current = chosen;
                parse = Build().Parse(args);
            }
        }
        catch (Exception e)
        {
            return Report(e);
        }
        // Help is shown even when the rest of the line is incomplete ("actorkeys provision --help").
        if (parse.Errors.Count > 0 && parse.Action is not HelpWithExitCodes)
        {
            // The error that quotes the user's input ("Unrecognized command or argument 'x'") says the most.
            var error = parse.Errors.OrderBy(e => e.Message.Contains('\'') ? 0 : 1).First();
            Console.Error.WriteLine(UsageError(parse, error.Message));
            return (int)ExitCode.Usage;
        }
        try
        {
            // Ctrl+C and SIGTERM are left to the generic host of the commands that run one (server, client, demo).
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>
    /// The parser's complaint, pointing to the help of the command that was being typed ("actorkeys keystore --help"),
    /// and for a command that only groups others ("actorkeys keystore"), the names of those.
    /// </summary>
    private static string UsageError(ParseResult parse, string message)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "actorkeys" : c.Command.Name);
            }
        }
        var commandLine = string.Join(' ', names);
        var subcommands = parse.CommandResult.Command.Subcommands.Select(c => c.Name).ToList();
        if (parse.CommandResult.Command is not RootCommand && subcommands.Count > 0 && parse.CommandResult.Command.Action is null)
        {
            return Strings.NeedsSubcommand(commandLine, string.Join(", ", subcommands));
        }
        // System.CommandLine's own messages ("Unrecognized command or argument 'x'") stay English: its translations
        // (pt-BR, not pt-PT) are satellite assemblies found by culture, which InvariantGlobalization rules out.
        return Strings.UsageError(Plain(message).TrimEnd('.'), commandLine);
    }

    /// <summary>System.CommandLine names .NET types in conversion errors ("System.Nullable`1[System.Int32]"); people need the value and the option.</summary>
    private static string Plain(string message)
    {
        var conversion = System.Text.RegularExpressions.Regex.Match(message, "^Cannot parse argument '(.*)' for option '(.*)' as expected type");
        return conversion.Success ? Strings.NotAValidValue(conversion.Groups[1].Value, conversion.Groups[2].Value) : message;
    }

    private static int Report(Exception e)
    {
        var (code, message) = ErrorReport.For(e);
        if (message.Length > 0)
        {
            Console.Out.Flush();
            Console.Error.WriteLine(message);
        }
        return (int)code;
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("ActorKeys: per-client keys derived from one master key, and authenticated, encrypted sessions over Akka.Remote.")
        {
            InitCommand.Create(),
            ProvisionCommand.Create(),
            ServerCommand.Create(),
            ClientCommand.Create(),
            DemoCommand.Create(),
            KeystoreCommand.Create(),
            ClientsCommand.Create(),
            MasterCommand.Create(),
            ClusterCommand.Create(),
        };
        root.Options.Add(LanguageOption.Create());
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
        }
        return root;
    }

    /// <summary>The standard help followed by the exit code table.</summary>
    private sealed class HelpWithExitCodes(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Table);
            return result;
        }
    }
}
