using System.Globalization;
using ActorKeys.Actors.Client;
using ActorKeys.Cli.Errors;
using ActorKeys.Protocol;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Session;

/// <summary>The one sentence and exit code for each client event that ends a conversation early.</summary>
public static class ClientEventErrors
{
    public static CliException For(IClientEvent e, TimeSpan handshakeTimeout) => e switch
    {
        ConnectionRejected r => new CliException(ExitCode.Rejected, r.Reason.Explain()),
        // Revoked is final and never retried: the sentence says what to do.
        AccessRevoked a => new CliException(ExitCode.Rejected, Strings.AccessRevoked(a.ClientId)),
        ServerNotAuthenticated => new CliException(ExitCode.Rejected, Strings.ServerNotAuthenticated),
        ServerUnreachable { AddressesTried.Count: > 1 } u => new CliException(ExitCode.ServerUnreachable,
            Strings.ServerUnreachableAll(string.Join(", ", u.AddressesTried), Seconds(handshakeTimeout))),
        ServerUnreachable u => new CliException(ExitCode.ServerUnreachable, Strings.ServerUnreachable(u.Address, Seconds(handshakeTimeout))),
        // The reasons inside these sentences are the actors library's own words, in English.
        MessageNotSent n => new CliException(ExitCode.Usage, Strings.MessageNotSent(n.Reason)),
        SessionEnded s => new CliException(ExitCode.ServerUnreachable, Strings.SessionEnded(s.Reason)),
        _ => new CliException(ExitCode.Unexpected, Strings.SessionUnexpected(e.GetType().Name)),
    };

    /// <summary>"2.5 s" in English, "2,5 s" in Portuguese: no culture but the invariant one exists to format it (InvariantGlobalization).</summary>
    public static string Seconds(TimeSpan t) =>
        Strings.Seconds(t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture).Replace(".", Strings.DecimalSeparator, StringComparison.Ordinal));
}
