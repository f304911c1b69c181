using System.CommandLine;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;
using ActorKeys.KeyStore;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys master retire KEYID</c>: the registry marks a retiring master key retired (the server stops accepting
/// it), then the key is removed from the ring file. The current key is refused.
/// </summary>
public static class MasterRetireCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var keyId = new Argument<string>("KEYID") { Description = "The keyId (16 hex digits) of the master key to retire." };
        var command = new Command("retire", "Stop accepting a retiring master key and remove it from the ring file.") { keyId };
        options.AddTo(command, withMasterKey: true);
        command.SetAction(parse => Run(options, parse, parse.GetValue(keyId)!));
        return command;
    }

    private static void Run(RegistryOptions options, ParseResult parse, string keyId)
    {
        if (keyId.Length != 16 || !keyId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new CliException(ExitCode.Usage, Strings.BadKeyId(Actors.Text.Printable.Escape(keyId)));
        }
        var (registryPath, masterKeyPath) = options.Paths(parse);
        MasterKeys.Check(masterKeyPath);
        using var registry = RegistryStore.Open(registryPath);
        // The registry first: from then on the server refuses the key, whatever happens to the file.
        registry.RetireMaster(keyId);
        if (MasterKeyFile.KeyIds(masterKeyPath).Contains(keyId))
        {
            MasterKeyFile.RemoveKey(masterKeyPath, keyId);
        }
        Console.WriteLine(Strings.MasterRetired(keyId, masterKeyPath));
    }
}
