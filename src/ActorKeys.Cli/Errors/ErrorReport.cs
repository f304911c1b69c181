using System.Net.Sockets;
using Akka.Configuration;
using ActorKeys.KeyStore;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Errors;

/// <summary>
/// Turns any exception that reaches the top of a command into one sentence and an exit code. Stack traces are
/// never shown: they say nothing a user can act on and could carry more than we want printed.
/// </summary>
public static class ErrorReport
{
    public static (ExitCode Code, string Message) For(Exception exception) => exception switch
    {
        CliException e => (e.Code, e.Message),
        // The key file messages are already one safe sentence naming the path (see KeyFileErrors).
        KeyFileException { Error: KeyFileError.WrongPassword or KeyFileError.PasswordRequired } e => (ExitCode.WrongPassword, e.Message),
        KeyFileException e => (ExitCode.KeyFile, e.Message),
        Actors.Registry.RegistryException e => RegistryErrorReport.For(e),
        ConfigurationException e => (ExitCode.Usage, Strings.ConfigurationNotValid(FirstLine(e.Message))),
        OperationCanceledException => (ExitCode.Ok, ""),
        _ => (ExitCode.Unexpected, Strings.UnexpectedError(exception.GetType().Name)),
    };

    /// <summary>The port a failed server start could not bind, when the failure is that one.</summary>
    public static bool IsAddressInUse(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
            {
                return true;
            }
            if (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');
}
