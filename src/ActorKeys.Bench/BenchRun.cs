namespace ActorKeys.Bench;

/// <summary>
/// Runs the phases in order: idle CPU of the server with no clients, handshakes, echo latency, sealed and plaintext
/// throughput per payload, then idle sessions for memory and CPU (last, so that the baseline heap already holds
/// everything the earlier phases warmed up).
/// </summary>
public static class BenchRun
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<BenchResults> RunAsync(BenchSettings settings, Action<string> progress)
    {
        var machine = MachineInfo.Current();
        progress($"Machine: {machine.Describe()}");
        await using var server = await BenchServer.StartAsync(settings.Clients, settings.IdleSessions);
        progress($"Server on {server.Address}; clients {(settings.InProcess ? "in this process" : "in a separate process")}");
        progress($"Idle CPU: the server with no clients, for {settings.Seconds} s (after {IdleCpu.Settle.TotalSeconds:0} s to settle, and until the JIT is done)");
        var idleCpu = await IdleCpu.MeasureAsync(TimeSpan.FromSeconds(settings.Seconds));
        progress($"  {idleCpu:0.00} % of a core");
        await using IBenchClients clients = settings.InProcess
            ? await BenchClients.StartAsync(server.Address, server.Keystores, settings.Clients)
            : await ChildBenchClients.StartAsync(server.Address, server.Keystores, settings.Clients);

        progress($"Handshakes: {settings.Clients} clients for {settings.Seconds} s");
        var handshakes = await PhaseAsync(() => clients.StartHandshakesAsync(settings.Clients));
        progress($"  {handshakes.PerSecond:N0} handshakes/s ({handshakes.Failures} refused or unanswered)");

        var latencyPayload = settings.Payloads.Min();
        progress($"Latency: 1 client, 1 record in flight, {latencyPayload} B, for {settings.Seconds} s");
        var latency = await PhaseAsync(() => clients.StartEchoAsync(true, latencyPayload, 1, 1));
        progress($"  p50 {latency.Latency.P50:N0} µs, p90 {latency.Latency.P90:N0} µs, p99 {latency.Latency.P99:N0} µs");

        var throughput = new List<Throughput>();
        foreach (var payload in settings.Payloads)
        {
            progress($"Echo {payload} B: {settings.Clients} clients, {settings.Window} in flight each, sealed then plaintext, {settings.Seconds} s each");
            var sealedRecords = await PhaseAsync(() => clients.StartEchoAsync(true, payload, settings.Clients, settings.Window));
            var plaintext = await PhaseAsync(() => clients.StartEchoAsync(false, payload, settings.Clients, settings.Window));
            var row = new Throughput(payload, sealedRecords, plaintext, AeadCost.SealAndOpenMicros(payload));
            throughput.Add(row);
            progress($"  sealed {sealedRecords.PerSecond:N0} records/s, plaintext {plaintext.PerSecond:N0} records/s, ratio {row.Ratio:0.00}");
            progress($"  CPU per record: sealed {row.Sealed.CpuMicrosPerOperation:N1} µs, plaintext {row.Plaintext.CpuMicrosPerOperation:N1} µs; one seal and open alone {row.AeadMicros:N1} µs");
        }

        progress($"Idle sessions: {settings.IdleSessions:N0}");
        await server.WaitForSessionsAsync(0, SettleTimeout);
        // One handshake first: the replay cache drops the nonces that expired since the last one only when a Hello comes,
        // and their client id strings would otherwise be freed during the phase and taken off its figure.
        await clients.OpenIdleAsync(1, settings.Clients, 1);
        await clients.CloseIdleAsync();
        await server.WaitForSessionsAsync(0, SettleTimeout);
        var (heapBefore, wsBefore) = BenchServer.Memory();
        var replayBefore = server.ReplayCacheBytes;
        var opened = await clients.OpenIdleAsync(settings.IdleSessions, settings.Clients, settings.ClientSystems);
        await server.WaitForSessionsAsync(opened, SettleTimeout);
        var clientSystems = await server.ClientSystemsAsync();
        var (heapAfter, wsAfter) = BenchServer.Memory();
        var idle = new IdleMemory(opened, heapBefore, heapAfter, wsBefore, wsAfter, settings.InProcess, replayBefore, server.ReplayCacheBytes);
        progress($"  {idle.HeapBytesPerSession:N0} B of managed heap per idle session ({opened:N0} open), "
                 + $"and {idle.ReplayCacheBytesPerSession:N0} B of replay cache growth counted apart");
        progress($"Idle CPU: the server with {opened:N0} idle sessions of {clientSystems} client systems, for {settings.Seconds} s");
        var idleCpuWithSessions = await IdleCpu.MeasureAsync(TimeSpan.FromSeconds(settings.Seconds));
        progress($"  {idleCpuWithSessions:0.00} % of a core");
        await clients.CloseIdleAsync();

        return new BenchResults(machine, settings, handshakes, latency, latencyPayload, idle, throughput, idleCpu, idleCpuWithSessions, clientSystems);

        // A loaded phase: its load starts, runs until warm (PhaseWarmUp), and is then counted.
        async Task<PhaseResult> PhaseAsync(Func<Task> start)
        {
            await start();
            var (warmedUp, outcome) = await PhaseWarmUp.WaitAsync(clients.JitAsync, settings.MinWarmUp, settings.MaxWarmUp);
            var why = outcome switch
            {
                PhaseWarmUp.Outcome.Settled => " (both processes' JIT settled)",
                PhaseWarmUp.Outcome.NotChecked => " (no wait for the JIT: --quick, or a --warm-up with no second to spare for it)",
                _ => " (the JIT was not seen to settle; --warm-up allows longer)",
            };
            progress($"  counted after a warm-up of {warmedUp.TotalSeconds:0.0} s{why}");
            var serverAllocations = new PhaseAllocations();
            serverAllocations.Start();
            var counted = await clients.MeasureAsync(settings.Seconds);
            // With --in-process the clients counted the server's process too, over the phase's exact window.
            return counted with
            {
                WarmUpSeconds = warmedUp.TotalSeconds,
                ServerAllocatedBytes = settings.InProcess ? counted.ServerAllocatedBytes : serverAllocations.Stop(),
            };
        }
    }
}
