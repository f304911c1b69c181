namespace ActorKeys.Bench;

/// <summary>
/// A failure the bench knows how to explain: <see cref="Exception.Message"/> is the one sentence shown on standard
/// error and <see cref="ExitCode"/> the process's exit code (<see cref="Unexpected"/> or <see cref="Usage"/>).
/// </summary>
public sealed class BenchException(int exitCode, string message) : Exception(message)
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;

    public int ExitCode { get; } = exitCode;
}
