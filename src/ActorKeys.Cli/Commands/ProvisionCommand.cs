using System.CommandLine;
using ActorKeys.Cli.Terminal;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys provision ID...</c>: keystores for clients added after <c>init</c>.</summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ID") { Description = "The ids of the new clients.", Arity = ArgumentArity.OneOrMore };
        var masterKey = CommonOptions.MasterKey();
        var keystores = CommonOptions.Keystores();
        var protect = CommonOptions.Protect("the new keystores under a password");
        var perKeystore = CommonOptions.PasswordPerKeystore();
        var command = new Command("provision", "Issue keystores for more clients from the existing master key.")
        {
            ids, masterKey, keystores, protect, perKeystore,
        };
        command.SetAction(parse => Run(parse.GetValue(ids)!, parse.GetValue(masterKey)!, parse.GetValue(keystores)!,
            parse.GetValue(protect), parse.GetValue(perKeystore)));
        return command;
    }

    private static void Run(string[] clientIds, string masterKeyPath, string keystoreFolder, bool protect, bool perKeystore)
    {
        KeyIssuing.CheckProtectOptions(protect, perKeystore);
        var valid = KeyIssuing.ValidIds(clientIds);
        KeyIssuing.CheckKeystoreTargets(keystoreFolder, valid);
        var input = new UserInput();
        using var master = MasterKeys.Load(masterKeyPath, input, out var masterPassword);
        var protections = KeyIssuing.KeystoreProtections(protect, perKeystore, valid, input, masterPassword);
        KeyIssuing.Issue(master, valid, keystoreFolder, protections, Console.Out);
    }
}
