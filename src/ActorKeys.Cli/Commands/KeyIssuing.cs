using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.KeyStore;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Keys;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>What <c>init</c> and <c>provision</c> share: checking ids and targets first, then issuing keystores.</summary>
public static class KeyIssuing
{
    public static IReadOnlyList<string> ValidIds(IEnumerable<string> ids)
    {
        var list = ids.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            throw new CliException(ExitCode.Usage, Strings.NoClientId);
        }
        foreach (var id in list.Where(id => !ClientId.IsValid(id)))
        {
            throw BadId(id);
        }
        foreach (var id in list.Where(id => id.StartsWith('-')))
        {
            // The protocol allows it, but such an id reads as an option on every command line that names it
            // ("provision -- --help" made keystore_id_--help.json), so it is not issued.
            throw new CliException(ExitCode.Usage, Strings.IdStartsWithDash(Printable(id)));
        }
        return list;
    }

    public static CliException BadId(string id) => new(ExitCode.Usage, Strings.BadClientId(Printable(id)));

    public static string KeystorePath(string folder, string id) => Path.GetFullPath(Path.Combine(folder, KeystoreFile.FileName(id)));

    /// <summary>
    /// Refuses before anything is written (or a password asked), so a failed command leaves no half-done set: each
    /// keystore must be absent, and its folder usable (a folder, safe, taking new files) or creatable.
    /// </summary>
    public static void CheckKeystoreTargets(string folder, IEnumerable<string> ids)
    {
        foreach (var path in ids.Select(id => KeystorePath(folder, id)).Where(Exists))
        {
            throw new CliException(ExitCode.KeyFile, Strings.KeystoreExists(path));
        }
        foreach (var id in ids)
        {
            KeystoreFile.CheckCanIssue(folder, id);
        }
    }

    public static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    public static string Describe(KeyProtection protection) => protection == KeyProtection.None ? Strings.ProtectionNone : "argon2id";

    public static KeyProtection MasterProtection(bool protect, UserInput input, out string? password)
    {
        password = protect ? input.ReadNewPassword(Strings.NewMasterPasswordPrompt) : null;
        return password is null ? KeyProtection.None : KeyProtection.Password(password, Argon2Parameters.Default);
    }

    /// <summary>
    /// The protection of each keystore to issue, every password asked before anything is written: one password for
    /// all of them, or with <paramref name="perKeystore"/> one each. A keystore password is told to its client, so it
    /// may not be the master key's (<paramref name="masterPassword"/>, when known).
    /// </summary>
    public static IReadOnlyDictionary<string, KeyProtection> KeystoreProtections(bool protect, bool perKeystore,
        IReadOnlyList<string> ids, UserInput input, string? masterPassword)
    {
        CheckProtectOptions(protect, perKeystore);
        if (!protect)
        {
            return ids.ToDictionary(id => id, _ => KeyProtection.None, StringComparer.Ordinal);
        }
        var result = new Dictionary<string, KeyProtection>(StringComparer.Ordinal);
        var shared = perKeystore ? null : NewKeystorePassword(Strings.NewKeystoresPasswordPrompt, input, masterPassword);
        foreach (var id in ids)
        {
            var password = shared ?? NewKeystorePassword(Strings.NewKeystorePasswordPrompt(id), input, masterPassword);
            result[id] = KeyProtection.Password(password, Argon2Parameters.Default);
        }
        return result;
    }

    /// <summary>Called first, before any password is asked.</summary>
    public static void CheckProtectOptions(bool protect, bool perKeystore)
    {
        if (perKeystore && !protect)
        {
            throw new CliException(ExitCode.Usage, Strings.PerKeystoreNeedsProtect);
        }
    }

    private static string NewKeystorePassword(string prompt, UserInput input, string? masterPassword)
    {
        var password = input.ReadNewPassword(prompt);
        if (masterPassword is not null && string.Equals(password, masterPassword, StringComparison.Ordinal))
        {
            throw new CliException(ExitCode.Usage, Strings.KeystorePasswordIsMasters);
        }
        return password;
    }

    private static string Printable(string id) => ActorKeys.Actors.Text.Printable.Escape(id);
}
