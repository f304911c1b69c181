using System.CommandLine;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Text;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Hocon;
using ActorKeys.Cli.Session;
using ActorKeys.Cli.Terminal;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys client</c>: the seed's client. Asks the id, verifies the session key, then sends one message per line
/// and shows each echo, until the end of input (or an empty line on a terminal).
/// </summary>
public static class ClientCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config(CliConfig.DefaultClientConfig);
        var server = new Option<string?>("--server")
        {
            Description = "The server's HOST:PORT, or its whole address as its banner shows it (akka.tcp://SYSTEM@HOST:PORT); several server nodes separated by commas [default: actorkeys.client.server-addresses, else server-address].",
            HelpName = "HOST:PORT[,HOST:PORT...]",
        };
        var keystores = CommonOptions.Keystores(withDefault: false);
        var id = new Option<string?>("--id") { Description = "This client's id (asked when left out).", HelpName = "ID" };
        var logLevel = CommonOptions.LogLevel("error");
        var command = new Command("client", "Connect to the server and send messages, one per line.") { config, server, keystores, id, logLevel };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(config), parse.GetValue(server), parse.GetValue(keystores), parse.GetValue(id),
            parse.GetValue(logLevel)));
        return command;
    }

    private static async Task RunAsync(string? configFile, string? server, string? keystores, string? givenId, string? logLevel)
    {
        var endpoints = server is null ? null : ServerEndpoint.ParseList(server);
        var input = new UserInput();
        var config = CliConfig.Client(configFile, endpoints, keystores, CommonOptions.AkkaLogLevel(logLevel));
        await using var host = await QuietStart.RunAsync(() => ActorKeysHost.StartClientAsync(new ActorKeysClientOptions { Config = config }));
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var client = host.Client;
        var nodes = client.Settings.ServerAddresses;
        // Chosen here rather than in the session, so that the sentence names the node actually tried first.
        var firstNode = client.ChooseFirstNode();
        Console.WriteLine(ConnectingSentence(nodes, firstNode));

        var id = givenId?.Trim() ?? await AskIdAsync(input, stopping);
        if (!ClientId.IsValid(id))
        {
            throw KeyIssuing.BadId(id);
        }
        // Loaded here, once, before the session starts: a missing, unsafe or damaged keystore or a wrong password is a
        // KeyFileException with its one sentence, and Argon2id runs on this thread, not an actor's. The password is
        // asked only when the keystore is protected.
        var credentials = await input.WhilePromptingAsync(
            () => client.LoadCredentials(id, () => input.ReadPassword(Strings.KeystorePasswordPrompt(id))), stopping);

        IReadOnlyList<string> accepting;
        try
        {
            accepting = await ServerProbe.AcceptsAsync(nodes, stopping);
        }
        catch
        {
            credentials.Dispose();
            throw;
        }
        var conversation = ClientConversation.Start(client, credentials, firstNode);
        try
        {
            try
            {
                await conversation.WaitUntilVerifiedAsync(stopping);
            }
            catch (CliException e) when (e.Code == ExitCode.ServerUnreachable && accepting.Count > 0)
            {
                throw ServerProbe.NoAnswer(accepting, client.Settings.HandshakeTimeout);
            }
            Console.WriteLine(Strings.SessionKeyVerified);
            await ExchangeAsync(conversation, input, MessageLimit.MaxBodyBytes(client.Settings.MaxMessageBytes), stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: leave cleanly, as with an empty line.
        }
        await conversation.DisconnectAsync();
    }

    /// <summary>"Connecting to the server at X" with one node; with several, the node tried first and how many more there are.</summary>
    private static string ConnectingSentence(IReadOnlyList<string> nodes, int firstNode) => nodes.Count switch
    {
        1 => Strings.Connecting(nodes[0]),
        2 => Strings.ConnectingToTwo(nodes[firstNode]),
        _ => Strings.ConnectingToSeveral(nodes[firstNode], nodes.Count - 1),
    };

    /// <summary>
    /// Reads the next line, unless the session ends first (its access key revoked, or reconnecting given up): then that
    /// failure is thrown at once, rather than when the person next presses Enter.
    /// </summary>
    private static async Task<string?> ReadWhileSessionLastsAsync(ClientConversation conversation, UserInput input, string prompt,
        CancellationToken stopping)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var read = input.ReadLineAsync(prompt, idle.Token);
        var ended = conversation.IdleUntilEndedAsync(Console.WriteLine, idle.Token);
        if (await Task.WhenAny(read, ended) == ended && ended.IsCompletedSuccessfully)
        {
            throw await ended;
        }
        await idle.CancelAsync();
        try
        {
            // An event taken just as the line came in is not lost: if it ended the session, that wins.
            throw await ended;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }
        return await read;
    }

    /// <summary>Asks until an id is typed: on a terminal an empty answer is a slip of the Enter key, from a pipe it is the answer.</summary>
    private static async Task<string> AskIdAsync(UserInput input, CancellationToken stopping)
    {
        while (true)
        {
            var line = await input.ReadLineAsync(Strings.EnterId, stopping)
                ?? throw new CliException(ExitCode.Usage, Strings.InputEndedBeforeId);
            if (line.Trim().Length > 0 || !input.IsTerminal)
            {
                return line.Trim();
            }
        }
    }

    /// <summary>
    /// One message per line until the end of input. An empty line ends the conversation on a terminal (as the seed's
    /// client did) and is skipped from a pipe, where only the end of input ends it, so a script's blank line drops nothing.
    /// </summary>
    private static async Task ExchangeAsync(ClientConversation conversation, UserInput input, int maxBodyBytes, CancellationToken stopping)
    {
        for (var n = 1; ;)
        {
            var text = await ReadWhileSessionLastsAsync(conversation, input, Strings.WriteMessage(Ordinal.Of(n, Catalog.Current)), stopping);
            if (text is null || (text.Length == 0 && input.IsTerminal))
            {
                return;
            }
            if (text.Length == 0)
            {
                continue;
            }
            if (MessageLimit.TooLong(text, maxBodyBytes) is { } refusal)
            {
                // Refused here, before it reaches the session: there it would end the conversation.
                Console.Out.Flush();
                Console.Error.WriteLine(refusal);
                continue;
            }
            var reply = await conversation.ExchangeAsync(text, Console.WriteLine, stopping);
            Console.WriteLine(reply is null
                ? Strings.NoAnswerToMessage(n)
                : Strings.MessageReceived(Printable.Escape(reply)));
            n++;
        }
    }
}
