namespace ActorKeys.Cli.Errors;

/// <summary>The documented exit codes of <c>actorkeys</c>; scripts and the tests rely on these numbers.</summary>
public enum ExitCode
{
    Ok = 0,
    Unexpected = 1,
    Usage = 2,
    KeyFile = 3,
    WrongPassword = 4,
    ServerUnreachable = 5,
    Rejected = 6,
    PortInUse = 7,

    /// <summary>Ctrl+C or SIGTERM at a password prompt (128 + SIGINT, as shells report Ctrl+C); nothing was written.</summary>
    Interrupted = 130,
}

public static class ExitCodes
{
    /// <summary>Shown at the end of <c>--help</c>; the same rows as the README's table (a test compares them).</summary>
    public const string Table = """
        Exit codes:
            0  success (also after Ctrl+C or SIGTERM while a server or client runs)
            1  unexpected error
            2  usage: bad argument or value, bad client id, bad --server value, missing or invalid configuration file or value (the file, the key and the reason are named), an empty or mismatched new password, a keystore password that is the master key's, or a change the registry refuses (a client id it has never issued or has already issued, an unknown master keyId, retiring the current master key)
            3  key file problem: missing (the path searched is named), readable by others, owned by another user, in a folder others can write, not a regular file, damaged, of the other kind, already present, or cannot be written there; the same for the registry (actorkeys.db), or it stayed locked by another command
            4  wrong or missing password
            5  server unreachable: connection refused or no answer (the address is named), or the session ended unexpectedly
            6  rejected by the server (the reason in plain words), the server could not prove its identity, or the access key was revoked
            7  the server's port is already in use
          130  interrupted (Ctrl+C or SIGTERM) at a password prompt; nothing was written
        """;
}
