using System.CommandLine;
using ActorKeys.Cli.Commands;

namespace ActorKeys.Bench;

/// <summary>
/// <c>actorkeys-bench</c>, the program's root command: handshakes per second, sealed and plaintext echo throughput, echo latency and server memory
/// per idle session, over real Akka.Remote on loopback. Progress on standard error, a table on standard output.
/// </summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Shorter phases and fewer idle sessions: done within a minute." };
        var clients = new Option<int?>("--clients") { Description = $"Concurrent clients [default: {BenchSettings.DefaultClients}].", HelpName = "N" };
        var seconds = new Option<double?>("--seconds")
        {
            Description = $"Seconds per measured phase [default: {BenchSettings.DefaultSeconds}, {BenchSettings.QuickSeconds} with --quick].",
            HelpName = "S",
        };
        var payload = new Option<string>("--payload")
        {
            Description = "Payload sizes in bytes, comma-separated.",
            DefaultValueFactory = _ => string.Join(',', BenchSettings.DefaultPayloads),
            HelpName = "SIZES",
        };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file.", HelpName = "FILE" };
        var inProcess = new Option<bool>("--in-process") { Description = "Run the clients in this process too (for profiling)." };
        var idle = new Option<int?>("--idle-sessions")
        {
            Description = $"Idle sessions opened to measure memory and CPU per session [default: {BenchSettings.DefaultIdleSessions:N0}; --quick: {BenchSettings.QuickIdleSessions:N0}].",
            HelpName = "N",
        };
        var clientSystems = new Option<int>("--client-systems")
        {
            Description = "Client actor systems the idle sessions are spread over, each with its own link to the server, as separate client "
                          + $"programs would have [default: {BenchSettings.DefaultClientSystems}].",
            DefaultValueFactory = _ => BenchSettings.DefaultClientSystems,
            HelpName = "N",
        };
        var warmUp = new Option<double?>("--warm-up")
        {
            Description = "The longest wait before each measured phase for both processes' JIT to settle, with the phase's load running "
                          + $"[default: {BenchSettings.DefaultMaxWarmUpSeconds} s; --quick: 0, only the fixed warm-up of half a phase, at most 1 s].",
            HelpName = "S",
        };
        var window = new Option<int>("--window") { Hidden = true, DefaultValueFactory = _ => BenchSettings.DefaultWindow };

        clients.Require(v => v is null or (>= 1 and <= 1000), "--clients must be a whole number from 1 to 1000.");
        idle.Require(v => v is null or (>= 1 and <= 100_000), "--idle-sessions must be a whole number from 1 to 100000.");
        window.Require(v => v is >= 1 and <= 10_000, "--window must be a whole number from 1 to 10000.");
        clientSystems.Require(v => v is >= 1 and <= BenchSettings.MaxClientSystems,
            $"--client-systems must be a whole number from 1 to {BenchSettings.MaxClientSystems}.");
        seconds.Require(v => v is null or (> 0 and <= 3600), "--seconds must be more than 0 and at most 3600.");
        warmUp.Require(v => v is null or (>= 0 and <= 600), "--warm-up must be from 0 to 600 seconds.");
        payload.Require(v => PayloadList.TryParse(v ?? "", out _),
            $"--payload must be sizes from 1 to {PayloadList.MaxPayload} bytes separated by commas, such as 64,1024,16384.");

        var command = new RootCommand("ActorKeys bench: measure handshakes per second, sealed and plaintext echo throughput, latency and memory per session.")
        {
            quick, clients, seconds, payload, json, inProcess, idle, clientSystems, warmUp, window,
        };
        command.Subcommands.Add(BenchClientsCommand.Create());
        command.SetAction((parse, _) =>
        {
            var isQuick = parse.GetValue(quick);
            PayloadList.TryParse(parse.GetValue(payload)!, out var payloads);
            var settings = new BenchSettings(
                parse.GetValue(clients) ?? BenchSettings.DefaultClients,
                parse.GetValue(seconds) ?? (isQuick ? BenchSettings.QuickSeconds : BenchSettings.DefaultSeconds),
                payloads,
                parse.GetValue(window),
                parse.GetValue(idle) ?? (isQuick ? BenchSettings.QuickIdleSessions : BenchSettings.DefaultIdleSessions),
                parse.GetValue(inProcess),
                parse.GetValue(json),
                parse.GetValue(clientSystems),
                parse.GetValue(warmUp) ?? (isQuick ? 0 : BenchSettings.DefaultMaxWarmUpSeconds));
            return RunAsync(settings);
        });
        return command;
    }

    private static async Task RunAsync(BenchSettings settings)
    {
        if (settings.JsonFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
        {
            throw new BenchException(BenchException.Usage, $"The folder of --json {file} does not exist; create it or give another file.");
        }
        var results = await BenchRun.RunAsync(settings, line =>
        {
            Console.Error.WriteLine($"[bench] {line}");
            Console.Error.Flush();
        });
        Console.Out.Write(BenchReport.Table(results));
        Console.Out.Flush();
        if (settings.JsonFile is { } path)
        {
            await File.WriteAllTextAsync(path, BenchReport.Json(results));
        }
    }
}
