using System.Diagnostics;

namespace ActorKeys.Bench;

/// <summary>
/// The benchmark's clients in a separate process, so that every record crosses a real socket between two runtimes:
/// this same program started with the hidden <c>bench-clients</c> command and driven over <see cref="ClientLines"/>.
/// Its standard error passes through to ours. Disposing asks it to quit and kills it if it does not within 10 s.
/// </summary>
public sealed class ChildBenchClients : IBenchClients
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(300);

    private readonly Process _process;

    private ChildBenchClients(Process process) => _process = process;

    public static async Task<ChildBenchClients> StartAsync(string serverAddress, string keystores, int clients)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var (file, prefix) = Self();
        start.FileName = file;
        foreach (var arg in prefix.Concat([BenchClientsCommand.Name, "--server", serverAddress, "--keystores", keystores, "--clients", clients.ToString(),
                     "--server-pid", Environment.ProcessId.ToString()]))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new BenchException(BenchException.Unexpected, "The bench could not start its client process.");
        var child = new ChildBenchClients(process);
        try
        {
            var line = await child.ReadAsync(StartTimeout);
            if (line != ClientLines.Ready)
            {
                throw new BenchException(BenchException.Unexpected, "The bench's client process did not start; run with --in-process to see why.");
            }
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public Task StartHandshakesAsync(int clients) => RequestAsync(ClientLines.Handshakes, clients);

    public Task StartEchoAsync(bool sealedRecords, int payloadBytes, int clients, int window) =>
        RequestAsync(ClientLines.Echo, sealedRecords ? "sealed" : "plain", payloadBytes, clients, window);

    public async Task<JitActivity> JitAsync()
    {
        var answer = await RequestAsync(ClientLines.Jit);
        return JitActivity.Parse(answer[1]);
    }

    public async Task<PhaseResult> MeasureAsync(double seconds) =>
        ClientLines.ParseResult(await RequestAsync(MeasureTimeout(seconds), ClientLines.Measure, seconds));

    /// <summary>
    /// How long the answer to counting a phase of <paramref name="seconds"/> may take: the phase itself, then as long as
    /// any other answer (its load stopping). A fixed wait would cut a long phase short (<c>--seconds</c> allows an hour).
    /// </summary>
    public static TimeSpan MeasureTimeout(double seconds) => TimeSpan.FromSeconds(seconds) + PhaseTimeout;

    public async Task<int> OpenIdleAsync(int sessions, int clients, int systems) =>
        ClientLines.I((await RequestAsync(ClientLines.Idle, sessions, clients, systems))[1]);

    public Task CloseIdleAsync() => RequestAsync(ClientLines.CloseIdle);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync(ClientLines.Quit);
                await _process.StandardInput.FlushAsync();
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private Task<string[]> RequestAsync(params object[] fields) => RequestAsync(PhaseTimeout, fields);

    private async Task<string[]> RequestAsync(TimeSpan timeout, params object[] fields)
    {
        await _process.StandardInput.WriteLineAsync(ClientLines.Join(fields));
        await _process.StandardInput.FlushAsync();
        var answer = (await ReadAsync(timeout)).Split(' ', 2);
        if (answer[0] != ClientLines.Ok)
        {
            throw new BenchException(BenchException.Unexpected, $"The bench's client process failed ({(answer.Length > 1 ? answer[1] : "no reason")}).");
        }
        return ClientLines.Join(answer).Split(' ');
    }

    private async Task<string> ReadAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _process.StandardOutput.ReadLineAsync(cancel.Token)
                ?? throw new BenchException(BenchException.Unexpected, "The bench's client process ended early.");
        }
        catch (OperationCanceledException)
        {
            throw new BenchException(BenchException.Unexpected, $"The bench's client process did not answer within {timeout.TotalSeconds} s.");
        }
    }

    /// <summary>How to start this program again: the apphost, or <c>dotnet actorkeys-bench.dll</c>.</summary>
    private static (string File, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [typeof(ChildBenchClients).Assembly.Location])
            : (path, []);
    }
}
