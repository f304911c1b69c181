using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorKeys.Bench;

/// <summary>The results as a table for people (standard output) and as the JSON document of <c>--json</c>.</summary>
public static class BenchReport
{
    public static string Table(BenchResults r)
    {
        var s = r.Settings;
        var t = new StringBuilder();
        t.AppendLine(CultureInfo.InvariantCulture, $"ActorKeys bench: {r.Machine.Describe()}");
        t.AppendLine(CultureInfo.InvariantCulture,
            $"{s.Clients} clients, {s.Seconds} s per phase, {s.Window} records in flight per client, clients {(s.InProcess ? "in the server's process" : "in a separate process")}");
        t.AppendLine();
        t.AppendLine(CultureInfo.InvariantCulture, $"{"handshakes per second",-44}{r.Handshakes.PerSecond,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"  counted after a warm-up of (s)",-44}{r.Handshakes.WarmUpSeconds,12:0.0}");
        t.AppendLine(CultureInfo.InvariantCulture,
            $"{"CPU per handshake (µs, server / clients)",-44}{$"{r.Handshakes.ServerCpuMicrosPerOperation:N0} / {ClientMicros(r.Handshakes):N0}",12}");
        t.AppendLine(CultureInfo.InvariantCulture,
            $"{"allocated per handshake (B, srv / cli)",-41}{$"{r.Handshakes.ServerAllocatedBytesPerOperation:N0} / {r.Handshakes.ClientAllocatedBytesPerOperation:N0}",15}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{$"echo latency p50 (µs, 1 client, {r.LatencyPayload} B)",-44}{r.Latency.Latency.P50,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"echo latency p90 (µs)",-44}{r.Latency.Latency.P90,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"echo latency p99 (µs)",-44}{r.Latency.Latency.P99,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{$"server heap per idle session (B, {r.Idle.Sessions:N0})",-44}{r.Idle.HeapBytesPerSession,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"  and replay cache growth per session (B)",-44}{r.Idle.ReplayCacheBytesPerSession,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"server working set per idle session (B)",-44}{r.Idle.WorkingSetBytesPerSession,12:N0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"idle server CPU, no clients (% of a core)",-44}{r.IdleCpuPercent,12:0.00}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{$"idle server CPU, {r.Idle.Sessions:N0} sessions (%)",-44}{r.IdleCpuPercentWithSessions,12:0.00}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"  client systems holding them",-44}{r.IdleClientSystems,12:N0}");
        t.AppendLine();
        t.AppendLine(CultureInfo.InvariantCulture,
            $"{"payload (B)",12}{"sealed rec/s",16}{"plaintext rec/s",18}{"ratio",8}{"CPU µs/rec sealed",20}{"plaintext",12}{"AEAD",8}{"B/rec sealed",15}{"plaintext",12}");
        foreach (var row in r.Throughput)
        {
            t.AppendLine(CultureInfo.InvariantCulture,
                $"{row.PayloadBytes,12}{row.Sealed.PerSecond,16:N0}{row.Plaintext.PerSecond,18:N0}{row.Ratio,8:0.00}{row.Sealed.CpuMicrosPerOperation,20:N1}{row.Plaintext.CpuMicrosPerOperation,12:N1}{row.AeadMicros,8:N1}{row.Sealed.AllocatedBytesPerOperation,15:N0}{row.Plaintext.AllocatedBytesPerOperation,12:N0}");
        }
        t.AppendLine();
        t.AppendLine(s.MaxWarmUp > s.MinWarmUp
            ? string.Create(CultureInfo.InvariantCulture,
                $"Warm-up: each phase's load ran half a phase (at most 1 s), then until neither process's JIT was still recompiling, at most {s.MaxWarmUp.TotalSeconds:0} s in all, before it was counted (the progress lines say how each ended).")
            : string.Create(CultureInfo.InvariantCulture,
                $"Warm-up: each phase's load ran {s.MinWarmUp.TotalSeconds:0.0} s before it was counted, with no wait for the JIT (--quick, or --warm-up 0): it may still have been recompiling."));
        t.AppendLine("CPU: processor time of both processes over each phase, per handshake or record (both directions counted).");
        t.AppendLine("Allocated: bytes each process allocated on its managed heap over each phase, per handshake or record (B/rec: both processes).");
        t.AppendLine("AEAD: one ChaCha20-Poly1305 seal and open of such a record alone on one core, the least sealing can add per record.");
        return t.ToString();
    }

    public static string Json(BenchResults r)
    {
        var s = r.Settings;
        var document = new JsonObject
        {
            ["machine"] = new JsonObject
            {
                ["cores"] = r.Machine.Cores,
                ["cpu"] = r.Machine.Cpu,
                ["memoryBytes"] = r.Machine.MemoryBytes,
                ["os"] = r.Machine.Os,
                ["runtime"] = r.Machine.Runtime,
                ["x25519PerSecond"] = Math.Round(r.Machine.X25519PerSecond),
            },
            ["clients"] = s.Clients,
            ["secondsPerPhase"] = s.Seconds,
            ["window"] = s.Window,
            ["maxWarmUpSeconds"] = s.MaxWarmUp.TotalSeconds,
            ["clientsInSeparateProcess"] = !s.InProcess,
            ["handshakesPerSecond"] = Round(r.Handshakes.PerSecond),
            ["handshakeServerCpuMicros"] = Round(r.Handshakes.ServerCpuMicrosPerOperation),
            ["handshakeClientCpuMicros"] = Round(ClientMicros(r.Handshakes)),
            ["handshakeWarmUpSeconds"] = Round(r.Handshakes.WarmUpSeconds),
            ["handshakeServerAllocatedBytes"] = Math.Round(r.Handshakes.ServerAllocatedBytesPerOperation),
            ["handshakeClientAllocatedBytes"] = Math.Round(r.Handshakes.ClientAllocatedBytesPerOperation),
            ["latencyP50Micros"] = Round(r.Latency.Latency.P50),
            ["latencyP90Micros"] = Round(r.Latency.Latency.P90),
            ["latencyP99Micros"] = Round(r.Latency.Latency.P99),
            ["latencySamples"] = r.Latency.Latency.Samples,
            ["latencyWarmUpSeconds"] = Round(r.Latency.WarmUpSeconds),
            ["bytesPerIdleSession"] = Round(r.Idle.HeapBytesPerSession),
            ["workingSetBytesPerIdleSession"] = Round(r.Idle.WorkingSetBytesPerSession),
            ["replayCacheBytesPerIdleSession"] = Round(r.Idle.ReplayCacheBytesPerSession),
            ["idleSessions"] = r.Idle.Sessions,
            ["idleCpuPercent"] = Math.Round(r.IdleCpuPercent, 2),
            ["idleCpuPercentWithSessions"] = Math.Round(r.IdleCpuPercentWithSessions, 2),
            ["idleClientSystems"] = r.IdleClientSystems,
            ["throughput"] = new JsonArray([.. r.Throughput.Select(row => (JsonNode)new JsonObject
            {
                ["payloadBytes"] = row.PayloadBytes,
                ["sealedPerSecond"] = Round(row.Sealed.PerSecond),
                ["plaintextPerSecond"] = Round(row.Plaintext.PerSecond),
                ["ratio"] = Math.Round(row.Ratio, 3),
                ["sealedCpuMicrosPerRecord"] = Round(row.Sealed.CpuMicrosPerOperation),
                ["plaintextCpuMicrosPerRecord"] = Round(row.Plaintext.CpuMicrosPerOperation),
                ["aeadMicrosPerRecord"] = Math.Round(row.AeadMicros, 2),
                ["sealedAllocatedBytesPerRecord"] = Math.Round(row.Sealed.AllocatedBytesPerOperation),
                ["plaintextAllocatedBytesPerRecord"] = Math.Round(row.Plaintext.AllocatedBytesPerOperation),
                ["sealedWarmUpSeconds"] = Round(row.Sealed.WarmUpSeconds),
                ["plaintextWarmUpSeconds"] = Round(row.Plaintext.WarmUpSeconds),
            })]),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static double ClientMicros(PhaseResult phase) => phase.CpuMicrosPerOperation - phase.ServerCpuMicrosPerOperation;
}
