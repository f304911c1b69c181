using System.CommandLine;

namespace ActorKeys.Bench;

/// <summary>
/// <c>actorkeys-bench bench-clients</c> (hidden): the bench's client process. It starts the client system, says
/// <c>ready</c>, then answers each line of standard input on standard output (a phase's start, its JIT readings while it
/// warms up, its measurement; the idle sessions), until <c>quit</c> or the end of input (the bench is gone).
/// </summary>
public static class BenchClientsCommand
{
    public const string Name = "bench-clients";

    public static Command Create()
    {
        var server = new Option<string>("--server") { Required = true };
        var keystores = new Option<string>("--keystores") { Required = true };
        var clients = new Option<int>("--clients") { Required = true };
        var serverProcess = new Option<int>("--server-pid") { Required = true };
        var command = new Command(Name, "The bench's client process (internal).") { server, keystores, clients, serverProcess };
        command.Hidden = true;
        command.SetAction((parse, _) => RunAsync(parse.GetValue(server)!, parse.GetValue(keystores)!, parse.GetValue(clients),
            parse.GetValue(serverProcess)));
        return command;
    }

    private static async Task RunAsync(string server, string keystores, int clients, int serverProcessId)
    {
        await using var bench = await BenchClients.StartAsync(server, keystores, clients, serverProcessId);
        Console.Out.WriteLine(ClientLines.Ready);
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } line && line != ClientLines.Quit)
        {
            string answer;
            try
            {
                answer = await RunOneAsync(bench, line.Split(' '));
            }
            catch (Exception e)
            {
                answer = ClientLines.Join(ClientLines.Error, e.GetType().Name, e.Message.ReplaceLineEndings(" "));
            }
            Console.Out.WriteLine(answer);
            Console.Out.Flush();
        }
    }

    private static async Task<string> RunOneAsync(BenchClients bench, string[] f)
    {
        switch (f[0])
        {
            case ClientLines.Handshakes:
                await bench.StartHandshakesAsync(ClientLines.I(f[1]));
                return ClientLines.Ok;
            case ClientLines.Echo:
                await bench.StartEchoAsync(f[1] == "sealed", ClientLines.I(f[2]), ClientLines.I(f[3]), ClientLines.I(f[4]));
                return ClientLines.Ok;
            case ClientLines.Jit:
                return ClientLines.Join(ClientLines.Ok, (await bench.JitAsync()).Format());
            case ClientLines.Measure:
                return ClientLines.Format(await bench.MeasureAsync(ClientLines.D(f[1])));
            case ClientLines.Idle:
                return ClientLines.Join(ClientLines.Ok, await bench.OpenIdleAsync(ClientLines.I(f[1]), ClientLines.I(f[2]), ClientLines.I(f[3])));
            case ClientLines.CloseIdle:
                await bench.CloseIdleAsync();
                return ClientLines.Ok;
            default:
                throw new InvalidOperationException($"unknown request '{f[0]}'");
        }
    }
}
