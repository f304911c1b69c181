using ActorKeys.Cli.Errors;
using ActorKeys.Protocol;
using ActorKeys.Protocol.KeyFiles;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Cli.Commands;

/// <summary>What <c>init</c> and <c>provision</c> share: checking ids and targets first, then issuing keystores.</summary>
public static class KeyIssuing
{
    public static IReadOnlyList<string> ValidIds(IEnumerable<string> ids)
    {
        var list = ids.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new CliException(ExitCode.Usage, "No client id was given; name at least one client, such as 1.");
        }
        foreach (var id in list.Where(id => !ClientId.IsValid(id)))
        {
            throw BadId(id);
        }
        foreach (var id in list.Where(id => id.StartsWith('-')))
        {
            // The protocol allows it, but such an id reads as an option on every command line that names it
            // ("provision -- --help" made keystore_id_--help.json), so it is not issued.
            throw new CliException(ExitCode.Usage,
                $"'{Printable(id)}' starts with '-', which is not issued because it would read as an option on every command line that names it; choose an id that starts with an ASCII letter or digit.");
        }
        return list;
    }

    public static CliException BadId(string id) => new(ExitCode.Usage,
        $"'{Printable(id)}' is not a valid client id; use 1 to 64 ASCII letters (a-z, A-Z), digits, '.', '_' or '-', not starting with '.'.");

    public static string KeystorePath(string folder, string id) => Path.GetFullPath(Path.Combine(folder, KeystoreFile.FileName(id)));

    /// <summary>
    /// Refuses before anything is written (or a password asked), so a failed command leaves no half-done set: each
    /// keystore must be absent, and its folder usable (a folder, safe, taking new files) or creatable.
    /// </summary>
    public static void CheckKeystoreTargets(string folder, IEnumerable<string> ids)
    {
        foreach (var path in ids.Select(id => KeystorePath(folder, id)).Where(Exists))
        {
            throw new CliException(ExitCode.KeyFile,
                $"The keystore {path} already exists and was left unchanged; move it away first if you really mean to issue it again.");
        }
        foreach (var id in ids)
        {
            KeystoreFile.CheckCanIssue(folder, id);
        }
    }

    public static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    public static void Issue(MasterSecret master, IEnumerable<string> ids, string folder, KeyProtection protection, TextWriter output)
    {
        foreach (var id in ids)
        {
            var path = KeystoreFile.Issue(master, id, 0, folder, protection, DateTimeOffset.UtcNow);
            output.WriteLine($"Wrote keystore for client '{id}': {path} (epoch 0, issuer {master.KeyIdHex}, protection {Describe(protection)})");
        }
    }

    public static string Describe(KeyProtection protection) => protection == KeyProtection.None ? "none" : "argon2id";

    public static KeyProtection Protection(bool protect, Terminal.UserInput input) => protect
        ? KeyProtection.Password(input.ReadNewPassword("New password for the key files:"), Argon2Parameters.Default)
        : KeyProtection.None;

    private static string Printable(string id) => ActorKeys.Actors.Text.Printable.Escape(id);
}
