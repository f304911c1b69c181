using System.CommandLine;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys init</c>: a new master key and one keystore per client, as the seed's initialization.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var clients = new Option<string>("--clients")
        {
            Description = "Comma-separated client ids to issue keystores for.",
            DefaultValueFactory = _ => "1,2",
            HelpName = "IDS",
        };
        var masterKey = CommonOptions.MasterKey();
        var keystores = CommonOptions.Keystores();
        var protect = CommonOptions.Protect("the master key under one password and the keystores under another");
        var perKeystore = CommonOptions.PasswordPerKeystore();
        var command = new Command("init", "Create the server's master key and a keystore for each client.")
        {
            clients, masterKey, keystores, protect, perKeystore,
        };
        command.SetAction(parse => Run(parse.GetValue(clients)!.Split(','), parse.GetValue(masterKey)!, parse.GetValue(keystores)!,
            parse.GetValue(protect), parse.GetValue(perKeystore)));
        return command;
    }

    private static void Run(IEnumerable<string> clientIds, string masterKeyPath, string keystoreFolder, bool protect, bool perKeystore)
    {
        KeyIssuing.CheckProtectOptions(protect, perKeystore);
        var ids = KeyIssuing.ValidIds(clientIds);
        var masterPath = Path.GetFullPath(masterKeyPath);
        if (KeyIssuing.Exists(masterPath))
        {
            throw new CliException(ExitCode.KeyFile, Strings.MasterKeyExists(masterPath));
        }
        MasterKeyFile.CheckCanCreate(masterPath);
        KeyIssuing.CheckKeystoreTargets(keystoreFolder, ids);
        var input = new UserInput();
        // The master key's password stays with the server; the keystores' is told to clients, so they differ.
        var protection = KeyIssuing.MasterProtection(protect, input, out var masterPassword);
        var keystoreProtections = KeyIssuing.KeystoreProtections(protect, perKeystore, ids, input, masterPassword);

        using var master = MasterSecret.Generate();
        MasterKeyFile.Create(masterPath, master, DateTimeOffset.UtcNow, protection);
        Console.WriteLine(Strings.WroteMasterKey(masterPath, master.KeyIdHex, KeyIssuing.Describe(protection)));
        KeyIssuing.Issue(master, ids, keystoreFolder, keystoreProtections, Console.Out);
    }
}
