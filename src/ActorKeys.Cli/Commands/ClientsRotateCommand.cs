using System.CommandLine;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys clients rotate ID</c>: a new keystore at the client's next epoch, minted through the key authority under
/// the current master key; the minimum valid epoch rises to it, so every older keystore of the id stops working.
/// </summary>
public static class ClientsRotateCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var id = new Argument<string>("ID") { Description = "The client id to issue the next keystore for." };
        var keystores = CommonOptions.Keystores();
        var protect = CommonOptions.Protect("the new keystore under a password");
        var force = new Option<bool>("--force") { Description = "Replace an existing keystore_id_<ID>.json in the keystores folder." };
        var command = new Command("rotate", "Issue the client's keystore at the next epoch; older epochs are revoked.") { id, keystores, protect, force };
        options.AddTo(command, withMasterKey: true);
        command.SetAction((parse, _) => RunAsync(options, parse, parse.GetValue(id)!, parse.GetValue(keystores)!, parse.GetValue(protect), parse.GetValue(force)));
        return command;
    }

    private static async Task RunAsync(RegistryOptions options, ParseResult parse, string clientId, string folder, bool protect, bool force)
    {
        var ids = KeyIssuing.ValidIds([clientId]);
        var (registryPath, masterKeyPath) = options.Paths(parse);
        using var registry = RegistryStore.Open(registryPath);
        if (registry.ReadSnapshot().Client(clientId) is null)
        {
            throw RegistryErrorReport.Exception(RegistryError.UnknownClient, registry.Path, clientId);
        }
        // Before any password or registry change: the new keystore must have somewhere to go.
        var target = KeyIssuing.KeystorePath(folder, clientId);
        if (KeyIssuing.Exists(target) && !force)
        {
            throw new CliException(ExitCode.KeyFile, Strings.KeystoreExistsUseForce(target));
        }
        if (!KeyIssuing.Exists(target))
        {
            KeyStore.KeystoreFile.CheckCanIssue(folder, clientId);
        }
        var input = new UserInput();
        var ring = MasterKeys.LoadRing(masterKeyPath, input, out var masterPassword);
        try
        {
            var protections = KeyIssuing.KeystoreProtections(protect, perKeystore: false, ids, input, masterPassword);
            await KeystoreMinting.MintAsync(registry, ring, ids, MintKind.Rotate, folder, protections, replace: force, Console.Out);
            var client = registry.ReadSnapshot().Client(clientId)!;
            Console.WriteLine(Strings.ClientRotated(RegistryText.Id(clientId), client.CurrentEpoch));
        }
        finally
        {
            foreach (var key in ring)
            {
                key.Dispose();
            }
        }
    }
}
