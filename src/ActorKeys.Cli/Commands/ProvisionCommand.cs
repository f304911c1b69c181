using System.CommandLine;
using ActorKeys.Actors.Registry;
using ActorKeys.Actors.Server;
using ActorKeys.Cli.Terminal;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>actorkeys provision ID...</c>: keystores for clients added after <c>init</c>, minted through the key authority and
/// recorded in the registry. An id the registry already has is refused (its next keystore comes from <c>clients rotate</c>).
/// </summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ID") { Description = "The ids of the new clients.", Arity = ArgumentArity.OneOrMore };
        // --registry, --config (the server's HOCON: its registry-path and master-key-path) and --master-key, as the
        // clients and master commands read them, so provision records in the registry the server reads.
        var paths = new RegistryOptions();
        var keystores = CommonOptions.Keystores();
        var protect = CommonOptions.Protect("the new keystores under a password");
        var perKeystore = CommonOptions.PasswordPerKeystore();
        var command = new Command("provision", "Issue keystores for more clients from the existing master key.")
        {
            ids, keystores, protect, perKeystore,
        };
        paths.AddTo(command, withMasterKey: true);
        command.SetAction((parse, _) =>
        {
            var (registry, masterKey) = paths.Paths(parse);
            return RunAsync(parse.GetValue(ids)!, masterKey, parse.GetValue(keystores)!, parse.GetValue(protect), parse.GetValue(perKeystore),
                registry);
        });
        return command;
    }

    private static async Task RunAsync(string[] clientIds, string masterKeyPath, string keystoreFolder, bool protect, bool perKeystore,
        string registryPath)
    {
        KeyIssuing.CheckProtectOptions(protect, perKeystore);
        var valid = KeyIssuing.ValidIds(clientIds);
        KeyIssuing.CheckKeystoreTargets(keystoreFolder, valid);
        MasterKeys.Check(masterKeyPath);
        using var registry = RegistryStore.Open(registryPath);
        var known = registry.ReadSnapshot();
        foreach (var id in valid.Where(id => known.Client(id) is not null))
        {
            throw Errors.RegistryErrorReport.Exception(RegistryError.AlreadyIssued, registry.Path, id);
        }
        var input = new UserInput();
        var ring = MasterKeys.LoadRing(masterKeyPath, input, out var masterPassword);
        try
        {
            var protections = KeyIssuing.KeystoreProtections(protect, perKeystore, valid, input, masterPassword);
            await KeystoreMinting.MintAsync(registry, ring, valid, MintKind.FirstIssue, keystoreFolder, protections, replace: false, Console.Out);
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
