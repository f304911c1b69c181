using System.CommandLine;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys init</c>: a new master key, the registry (recording that key as current), and one keystore per client,
/// each minted through the key authority and recorded in the registry at epoch 0.
/// </summary>
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
        var registry = CommonOptions.Registry();
        var registryOnly = new Option<bool>("--registry-only")
        {
            Description = "Only create the registry, for the existing master key file of a deployment made before the registry existed: "
                + "its newest key is recorded as current, the others as retiring, and the --clients ids as issued at epoch 0 (no keystore is written).",
        };
        var command = new Command("init", "Create the server's master key, the registry, and a keystore for each client.")
        {
            clients, masterKey, keystores, protect, perKeystore, registry, registryOnly,
        };
        command.SetAction((parse, _) => parse.GetValue(registryOnly)
            ? RegistryOnlyAsync(parse.GetValue(clients)!.Split(','), parse.GetValue(masterKey)!, parse.GetValue(registry))
            : RunAsync(parse.GetValue(clients)!.Split(','), parse.GetValue(masterKey)!, parse.GetValue(keystores)!,
                parse.GetValue(protect), parse.GetValue(perKeystore), parse.GetValue(registry)));
        return command;
    }

    /// <summary>The registry alone, for a master key file that exists: every key recorded, the ids taken as issued at epoch 0.</summary>
    private static Task RegistryOnlyAsync(IEnumerable<string> clientIds, string masterKeyPath, string? registryPath)
    {
        var ids = KeyIssuing.ValidIds(clientIds);
        var masterPath = Path.GetFullPath(masterKeyPath);
        // Every check of the file (missing, unsafe, damaged) before anything is written; no key is unlocked.
        MasterKeys.Check(masterPath);
        var keyIds = MasterKeyFile.KeyIds(masterPath);
        var registryFile = registryPath is null ? RegistryPaths.BesideMasterKey(masterPath) : Path.GetFullPath(registryPath);
        if (KeyIssuing.Exists(registryFile))
        {
            throw new CliException(ExitCode.KeyFile, Strings.RegistryExists(registryFile));
        }
        // The file keeps its keys oldest first: the first is recorded as the original current key, each later one as a rotation.
        using var registry = RegistryStore.Create(registryFile, keyIds[0]);
        foreach (var keyId in keyIds.Skip(1))
        {
            registry.RotateMaster(keyId);
        }
        foreach (var id in ids)
        {
            registry.Issue(id, IssueKind.FirstIssue, keyIds[^1]);
        }
        Console.WriteLine(Strings.WroteRegistry(registryFile));
        return Task.CompletedTask;
    }

    private static async Task RunAsync(IEnumerable<string> clientIds, string masterKeyPath, string keystoreFolder, bool protect, bool perKeystore,
        string? registryPath)
    {
        KeyIssuing.CheckProtectOptions(protect, perKeystore);
        var ids = KeyIssuing.ValidIds(clientIds);
        var masterPath = Path.GetFullPath(masterKeyPath);
        if (KeyIssuing.Exists(masterPath))
        {
            throw new CliException(ExitCode.KeyFile, Strings.MasterKeyExists(masterPath));
        }
        MasterKeyFile.CheckCanCreate(masterPath);
        var registryFile = registryPath is null ? RegistryPaths.BesideMasterKey(masterPath) : Path.GetFullPath(registryPath);
        if (KeyIssuing.Exists(registryFile))
        {
            throw new CliException(ExitCode.KeyFile, Strings.RegistryExists(registryFile));
        }
        KeyIssuing.CheckKeystoreTargets(keystoreFolder, ids);
        var input = new UserInput();
        // The master key's password stays with the server; the keystores' is told to clients, so they differ.
        var protection = KeyIssuing.MasterProtection(protect, input, out var masterPassword);
        var keystoreProtections = KeyIssuing.KeystoreProtections(protect, perKeystore, ids, input, masterPassword);

        using var master = MasterSecret.Generate();
        MasterKeyFile.Create(masterPath, master, DateTimeOffset.UtcNow, protection);
        Console.WriteLine(Strings.WroteMasterKey(masterPath, master.KeyIdHex, KeyIssuing.Describe(protection)));
        using var registry = RegistryStore.Create(registryFile, master.KeyIdHex);
        Console.WriteLine(Strings.WroteRegistry(registryFile));
        await KeystoreMinting.MintAsync(registry, [master], ids, MintKind.FirstIssue, keystoreFolder, keystoreProtections, replace: false, Console.Out);
    }
}
