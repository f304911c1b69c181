namespace ActorKeys.Cli.Errors;

/// <summary>
/// A failure the command knows how to explain: <see cref="Exception.Message"/> is the one sentence shown to the
/// user (what happened and what to do) and <see cref="Code"/> the exit code. Never holds secret material.
/// </summary>
public sealed class CliException(ExitCode code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ExitCode Code { get; } = code;
}
