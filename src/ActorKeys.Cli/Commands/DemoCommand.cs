using System.CommandLine;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Text;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Hocon;
using ActorKeys.Cli.Session;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys demo</c>: the seed's whole flow in one process with no set-up: keys in a temporary folder, a server on
/// a free port, and clients 1 and 2 sending 'ola' and 'bom dia'. Exits 0 only if both echoes came back verified.
/// </summary>
public static class DemoCommand
{
    private static readonly (string Id, string Text)[] Clients = [("1", "ola"), ("2", "bom dia")];

    public static Command Create()
    {
        var command = new Command("demo", "Run init, a server and two clients in one process, in a temporary folder.");
        command.SetAction((_, _) => RunAsync());
        return command;
    }

    private static async Task RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("actorkeys-demo-").FullName;
        try
        {
            var keystores = Path.Combine(folder, "keystores");
            // The server's KeyAuthority takes ownership of the master secret and zeroes it when it stops.
            var master = MasterSecret.Generate();
            Say(Strings.DemoLabel, Strings.DemoKeys(master.KeyIdHex, keystores));
            foreach (var (id, _) in Clients)
            {
                KeystoreFile.Issue(master, id, 0, keystores, KeyProtection.None, DateTimeOffset.UtcNow);
            }

            await using var server = await ServerCommand.StartAsync(CliConfig.DemoServer(), master, line => Say(Strings.ServerLabel, line));
            Say(Strings.ServerLabel, Strings.ServingOn(server.Address.ToString()));
            foreach (var (id, text) in Clients)
            {
                await RunClientAsync(server, keystores, id, text);
            }
            Say(Strings.DemoLabel, Strings.DemoDone);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunClientAsync(ActorKeysHost server, string keystores, string id, string text)
    {
        var who = Strings.ClientLabel(id);
        await using var host = await QuietStart.RunAsync(() => ActorKeysHost.StartClientAsync(new ActorKeysClientOptions
        {
            Config = CliConfig.DemoClient(server.Address, keystores),
        }));
        Say(who, Strings.Connecting(host.Client.Settings.ServerAddress));
        Say(who, $"{Strings.EnterId} {id}");
        var conversation = ClientConversation.Start(host.Client, host.Client.LoadCredentials(id));
        await conversation.WaitUntilVerifiedAsync(CancellationToken.None);
        Say(who, Strings.SessionKeyVerified);
        Say(who, $"{Strings.WriteMessage(Ordinal.Of(1, Catalog.Current))} {text}");
        var reply = await conversation.ExchangeAsync(text, line => Say(who, line), CancellationToken.None)
            ?? throw new CliException(ExitCode.ServerUnreachable, Strings.DemoNoAnswer);
        Say(who, Strings.MessageReceived(Printable.Escape(reply)));
        await conversation.DisconnectAsync();
    }

    private static void Say(string who, string line)
    {
        Console.Out.WriteLine($"[{who}] {line}");
        Console.Out.Flush();
    }
}
