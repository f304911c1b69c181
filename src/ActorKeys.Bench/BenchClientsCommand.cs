using System.CommandLine;

namespace ActorKeys.Bench;

/// <summary>
/// <c>actorkeys-bench bench-clients</c> (hidden): the bench's client process. It starts the client system, says
/// <c>ready</c>, then runs one phase per line of standard input and answers each on standard output, until
/// <c>quit</c> or the end of input (the bench is gone).
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

    private static async Task<string> RunOneAsync(BenchClients bench, string[] f) => f[0] switch
    {
        ClientLines.Handshakes => ClientLines.Format(await bench.HandshakesAsync(ClientLines.I(f[1]), ClientLines.D(f[2]))),
        ClientLines.Echo => ClientLines.Format(await bench.EchoAsync(f[1] == "sealed", ClientLines.I(f[2]), ClientLines.I(f[3]),
            ClientLines.I(f[4]), ClientLines.D(f[5]))),
        ClientLines.Idle => ClientLines.Join(ClientLines.Ok, await bench.OpenIdleAsync(ClientLines.I(f[1]), ClientLines.I(f[2]), ClientLines.I(f[3]))),
        ClientLines.CloseIdle => await bench.CloseIdleAsync().ContinueWith(_ => ClientLines.Ok),
        _ => throw new InvalidOperationException($"unknown request '{f[0]}'"),
    };
}
