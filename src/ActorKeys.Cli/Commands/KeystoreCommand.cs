using System.CommandLine;
using System.Globalization;
using ActorKeys.KeyStore;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys keystore inspect FILE</c>: a keystore's public metadata, never its key.</summary>
public static class KeystoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A keystore_id_<id>.json file." };
        var inspect = new Command("inspect", "Show a keystore's client id, epoch, issuer, protection and creation time (never the key).")
        {
            file,
        };
        inspect.SetAction(parse => Inspect(parse.GetValue(file)!));
        return new Command("keystore", "Look at keystore files.") { inspect };
    }

    private static void Inspect(string path)
    {
        // Inspect applies the same safety checks as loading (mode, format) and never unlocks the key.
        var info = KeystoreFile.Inspect(path);
        Console.WriteLine(Strings.InspectKeystore(Path.GetFullPath(path)));
        Console.WriteLine(Strings.InspectClientId(info.ClientId));
        Console.WriteLine(Strings.InspectEpoch(info.Epoch));
        Console.WriteLine(Strings.InspectIssuer(info.Issuer));
        // The protection is the file's own word (none, argon2id), shown as written there.
        Console.WriteLine(Strings.InspectProtection(info.Protection));
        Console.WriteLine(Strings.InspectCreated(info.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
    }
}
