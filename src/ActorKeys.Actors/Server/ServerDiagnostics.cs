namespace ActorKeys.Actors.Server;

/// <summary>
/// A running server's restart counters: how often the KeyAuthority and the SessionManager were restarted (zero for a
/// healthy server; nothing from the network can restart them). Registered in the host's services.
/// </summary>
public sealed class ServerDiagnostics(Func<int> keyAuthorityRestarts, Func<int> sessionManagerRestarts)
{
    public int KeyAuthorityRestarts => keyAuthorityRestarts();
    public int SessionManagerRestarts => sessionManagerRestarts();
}
