using ActorKeys.Actors.Client;
using ActorKeys.Cli.Errors;
using ActorKeys.KeyStore;

namespace ActorKeys.Cli.Session;

/// <summary>The one sentence and exit code for each client event that ends a conversation early.</summary>
public static class ClientEventErrors
{
    public static CliException For(IClientEvent e, TimeSpan handshakeTimeout) => e switch
    {
        ConnectionRejected r => new CliException(ExitCode.Rejected, r.Reason.Explain()),
        ServerNotAuthenticated => new CliException(ExitCode.Rejected,
            "The server could not prove that it holds the key that issued this keystore; check that you are connecting to the right server."),
        ServerUnreachable u => new CliException(ExitCode.ServerUnreachable,
            $"The server at {u.Address} did not answer within {Seconds(handshakeTimeout)}; check that it is running and that the address and port are right."),
        KeystoreUnusable { Error: KeyFileError.WrongPassword or KeyFileError.PasswordRequired } k => new CliException(ExitCode.WrongPassword, k.Message),
        KeystoreUnusable k => new CliException(ExitCode.KeyFile, k.Message),
        MessageNotSent n => new CliException(ExitCode.Usage, $"The message was not sent because {n.Reason}; send a shorter one."),
        SessionEnded s => new CliException(ExitCode.ServerUnreachable, $"The session ended unexpectedly ({s.Reason}); connect again."),
        _ => new CliException(ExitCode.Unexpected, $"The session reported something unexpected ({e.GetType().Name}); connect again."),
    };

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";
}
