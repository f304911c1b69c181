using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace ActorKeys.Bench;

/// <summary>
/// <c>actorkeys-bench</c>: parses the command line and is the one place where failures become a sentence on standard
/// error and an exit code (0 done, 1 unexpected, 2 bad argument); nothing below prints errors or chooses codes.
/// </summary>
public static class BenchProgram
{
    public const string Name = "actorkeys-bench";

    public static async Task<int> RunAsync(string[] args)
    {
        ParseResult parse;
        try
        {
            parse = BenchCommand.Create().Parse(args);
        }
        catch (Exception e)
        {
            return Report(e);
        }
        // Help is shown even when the rest of the line is incomplete.
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            // The error that quotes the user's input ("Unrecognized command or argument 'x'") says the most.
            var error = parse.Errors.OrderBy(e => e.Message.Contains('\'') ? 0 : 1).First();
            Console.Error.WriteLine($"{Plain(error.Message).TrimEnd('.')}; run '{Name} --help' for the usage.");
            return BenchException.Usage;
        }
        try
        {
            // Ctrl+C and SIGTERM are left to the generic hosts of the server and client systems, which stop them cleanly.
            return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>System.CommandLine names .NET types in conversion errors ("System.Nullable`1[System.Int32]"); people need the value and the option.</summary>
    private static string Plain(string message)
    {
        var conversion = Regex.Match(message, "^Cannot parse argument '(.*)' for option '(.*)' as expected type");
        return conversion.Success ? $"'{conversion.Groups[1].Value}' is not a valid value for {conversion.Groups[2].Value}" : message;
    }

    /// <summary>One sentence, never a stack trace: it says nothing a user can act on.</summary>
    private static int Report(Exception exception)
    {
        var (code, message) = exception switch
        {
            BenchException e => (e.ExitCode, e.Message),
            OperationCanceledException => (BenchException.Ok, ""),
            _ => (BenchException.Unexpected,
                $"{Name} stopped on an unexpected error ({exception.GetType().Name}); try again, and report it if it happens again."),
        };
        if (message.Length > 0)
        {
            Console.Out.Flush();
            Console.Error.WriteLine(message);
        }
        return code;
    }
}
