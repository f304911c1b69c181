using System.Text.Json;
using ActorKeys.Testing;

namespace ActorKeys.Bench.Tests;

/// <summary>The built actorkeys-bench as a real process: a short run's figures, and its refusal of bad arguments.</summary>
public sealed class BenchTests
{
    [Fact]
    public async Task Bench_quick_writes_every_figure_as_a_positive_number_and_spreads_idle_sessions_over_the_client_systems_asked_for()
    {
        using var folder = new TempFolder();

        var bench = await Bench(folder.Path,
            "--quick", "--clients", "2", "--seconds", "1", "--payload", "64", "--idle-sessions", "100", "--client-systems", "2", "--warm-up", "3",
            "--json", "bench.json");

        Expect.Success(bench);
        Assert.Contains(bench.Stdout, line => line.StartsWith("handshakes per second", StringComparison.Ordinal));
        Assert.Contains(bench.Stderr, line => line.StartsWith("[bench] ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("bench.json")));
        var root = json.RootElement;
        foreach (var field in new[] { "cores", "memoryBytes", "x25519PerSecond" })
        {
            Assert.True(root.GetProperty("machine").GetProperty(field).GetDouble() > 0, field);
        }
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("machine").GetProperty("cpu").GetString()));
        Assert.Equal(2, root.GetProperty("clients").GetInt32());
        foreach (var field in new[] { "handshakesPerSecond", "handshakeServerCpuMicros", "handshakeClientCpuMicros", "latencyP50Micros", "latencyP90Micros", "latencyP99Micros", "bytesPerIdleSession",
                     "handshakeServerAllocatedBytes", "handshakeClientAllocatedBytes" })
        {
            Assert.True(root.GetProperty(field).GetDouble() > 0, $"{field} is {root.GetProperty(field)}");
        }
        // Each loaded phase ran at least half a phase (0.5 s) before it was counted, and at most --warm-up.
        Assert.Equal(3, root.GetProperty("maxWarmUpSeconds").GetDouble());
        Assert.Contains(bench.Stderr, line => line.Contains("counted after a warm-up of", StringComparison.Ordinal));
        // (Not timed to the second: how long past --warm-up the last reading ends depends on the machine's load.)
        foreach (var field in new[] { "handshakeWarmUpSeconds", "latencyWarmUpSeconds" })
        {
            Assert.InRange(root.GetProperty(field).GetDouble(), 0.4, 3 + 30);
        }
        // Counted apart from the sessions: zero when the replay cache's tables did not grow during the phase.
        Assert.InRange(root.GetProperty("replayCacheBytesPerIdleSession").GetDouble(), 0, 100_000);
        // The idle sessions were spread over two client systems, as the server counted its links.
        Assert.Equal(2, root.GetProperty("idleClientSystems").GetInt32());
        // An idle server may well use no measurable CPU in a one-second phase: present and not negative.
        foreach (var field in new[] { "idleCpuPercent", "idleCpuPercentWithSessions" })
        {
            Assert.InRange(root.GetProperty(field).GetDouble(), 0, 200);
        }
        var row = Assert.Single(root.GetProperty("throughput").EnumerateArray());
        Assert.Equal(64, row.GetProperty("payloadBytes").GetInt32());
        foreach (var field in new[] { "sealedPerSecond", "plaintextPerSecond", "ratio", "sealedCpuMicrosPerRecord", "plaintextCpuMicrosPerRecord", "aeadMicrosPerRecord",
                     "sealedAllocatedBytesPerRecord", "plaintextAllocatedBytesPerRecord" })
        {
            Assert.True(row.GetProperty(field).GetDouble() > 0, $"{field} is {row.GetProperty(field)}");
        }
        foreach (var field in new[] { "sealedWarmUpSeconds", "plaintextWarmUpSeconds" })
        {
            Assert.InRange(row.GetProperty(field).GetDouble(), 0.4, 3 + 30);
        }
    }

    [Theory]
    [InlineData("--clients", "0")]
    [InlineData("--client-systems", "0")]
    [InlineData("--client-systems", "201")]
    [InlineData("--seconds", "-1")]
    [InlineData("--warm-up", "-1")]
    [InlineData("--warm-up", "601")]
    [InlineData("--payload", "64,abc")]
    [InlineData("--payload", "70000")]
    public async Task Bench_refuses_a_bad_argument_in_one_sentence_with_exit_code_2(string option, string value)
    {
        using var folder = new TempFolder();

        var bench = await Bench(folder.Path, option, value);

        Expect.Failure(bench, 2, option);
    }

    [Theory]
    [InlineData("--clients", "abc")]
    [InlineData("--seconds", "x")]
    public async Task A_value_that_is_not_a_number_is_a_usage_error_not_a_crash(string option, string value)
    {
        using var folder = new TempFolder();

        var bench = await Bench(folder.Path, option, value);

        Expect.Failure(bench, 2, $"'{value}' is not a valid value for {option}", "actorkeys-bench --help");
        Assert.DoesNotContain("System.", bench.StderrText);
    }

    [Fact]
    public async Task A_json_file_in_a_missing_folder_is_refused_before_anything_runs()
    {
        using var folder = new TempFolder();

        var bench = await Bench(folder.Path, "--json", Path.Combine("missing", "bench.json"));

        Expect.Failure(bench, 2, "--json");
        Assert.Empty(bench.Stdout);
    }

    [Fact]
    public async Task Help_names_the_program_and_its_options_but_not_the_internal_client_process()
    {
        using var folder = new TempFolder();

        var help = await Bench(folder.Path, "--help");

        Expect.Success(help);
        Assert.Contains(help.Stdout, line => line.Trim().StartsWith("actorkeys-bench [options]", StringComparison.Ordinal));
        Assert.Contains(help.Stdout, line => line.TrimStart().StartsWith("--quick", StringComparison.Ordinal));
        Assert.DoesNotContain(help.Stdout, line => line.Contains("bench-clients", StringComparison.Ordinal));
    }

    /// <summary>Generous: two shared cores, and the bench itself starts two runtimes and two actor systems.</summary>
    private static Task<CliResult> Bench(string folder, params string[] args) =>
        CliProcess.RunProgramAsync("actorkeys-bench.dll", TimeSpan.FromSeconds(180), folder, args);
}
