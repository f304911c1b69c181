using System.CommandLine;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys master rotate</c>: a new master key appended to the ring file and made current in the registry; the old
/// current key becomes retiring (still accepted) until <c>master retire</c>.
/// </summary>
public static class MasterRotateCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var protect = CommonOptions.Protect("the new master key under a password (give the ring's password: the server asks one for all)");
        var command = new Command("rotate", "Add a new current master key to the ring; the old current key becomes retiring.") { protect };
        options.AddTo(command, withMasterKey: true);
        command.SetAction(parse => Run(options, parse, parse.GetValue(protect)));
        return command;
    }

    private static void Run(RegistryOptions options, ParseResult parse, bool protect)
    {
        var (registryPath, masterKeyPath) = options.Paths(parse);
        MasterKeys.Check(masterKeyPath);
        using var registry = RegistryStore.Open(registryPath);
        var old = registry.ReadSnapshot().CurrentKeyId ?? throw RegistryErrorReport.Exception(RegistryError.NoCurrentMasterKey, registry.Path, "");
        var protection = KeyIssuing.MasterProtection(protect, new UserInput(), out _);
        using var master = MasterSecret.Generate();
        // The file first: a registry naming a key the file lacks would stop every issue; the reverse is harmless.
        MasterKeyFile.AddKey(masterKeyPath, master, DateTimeOffset.UtcNow, protection);
        registry.RotateMaster(master.KeyIdHex);
        Console.WriteLine(Strings.MasterRotated(master.KeyIdHex, old, masterKeyPath));
    }
}
