using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// Processor time of the server's process and of the clients' process over one counted phase. On shared cores the rate
/// of a phase moves with the neighbours; the CPU it took per handshake or record moves much less, and the difference
/// between the sealed and the plaintext figure is what sealing costs per record.
/// </summary>
public sealed class PhaseCpu
{
    private readonly int? _serverProcessId;
    private TimeSpan _serverStart;
    private TimeSpan _clientStart;

    /// <param name="serverProcessId">The server's process when it is another one; null when the clients run in it (<c>--in-process</c>).</param>
    public PhaseCpu(int? serverProcessId) => _serverProcessId = serverProcessId;

    public void Start()
    {
        _serverStart = Server();
        _clientStart = Own();
    }

    /// <summary>
    /// Seconds of CPU since <see cref="Start"/>: the server's, and the clients'. In one process (<c>--in-process</c>) all of it
    /// is counted as the server's and the clients' is zero.
    /// </summary>
    public (double Server, double Clients) Stop()
    {
        var server = (Server() - _serverStart).TotalSeconds;
        var own = (Own() - _clientStart).TotalSeconds;
        return _serverProcessId is null ? (own, 0) : (server, own);
    }

    private TimeSpan Server()
    {
        if (_serverProcessId is not { } id)
        {
            return TimeSpan.Zero;
        }
        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime;
    }

    private static TimeSpan Own()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
