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
}

public static class ExitCodes
{
    /// <summary>Shown at the end of <c>--help</c>.</summary>
    public const string Table = """
        Exit codes:
          0  success
          1  unexpected error
          2  usage: bad argument, bad client id, bad --server value, missing configuration file
          3  key file problem: missing, readable by others, damaged, or already present
          4  wrong or missing password
          5  server unreachable, or the session ended unexpectedly
          6  rejected by the server, or the server could not prove its identity
          7  the server's port is already in use
        """;
}
