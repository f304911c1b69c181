using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Terminal;
using ActorKeys.KeyStore;
using ActorKeys.Protocol.Keys;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>Loads the master key for <c>provision</c> and <c>server</c>, asking its password only when it is sealed.</summary>
public static class MasterKeys
{
    public static MasterSecret Load(string path, UserInput input) => Load(path, input, out _);

    /// <summary><paramref name="password"/> is the one typed, for commands that must not reuse it; null when not sealed.</summary>
    public static MasterSecret Load(string path, UserInput input, out string? password)
    {
        var fullPath = Path.GetFullPath(path);
        password = PasswordIfSealed(fullPath, input);
        var typed = password;
        return MasterKeyFile.Load(fullPath, typed is null ? null : () => typed);
    }

    /// <summary>Every check of the master key file but unlocking (missing, unsafe, damaged, the other kind), before other work.</summary>
    public static void Check(string path)
    {
        var fullPath = Path.GetFullPath(path);
        CheckExists(fullPath);
        MasterKeyFile.KeyIds(fullPath);
    }

    /// <summary>The password typed when any key of the file is sealed, else null (and nothing asked).</summary>
    private static string? PasswordIfSealed(string fullPath, UserInput input)
    {
        CheckExists(fullPath);
        return MasterKeyFile.IsProtected(fullPath) ? input.ReadPassword(Strings.MasterPasswordPrompt) : null;
    }

    private static void CheckExists(string fullPath)
    {
        if (!KeyIssuing.Exists(fullPath))
        {
            throw new CliException(ExitCode.KeyFile, Strings.MasterKeyNotFound(fullPath));
        }
    }

    /// <summary>Every key of the master key file (a ring, or one key), the password asked once when any is sealed.</summary>
    public static IReadOnlyList<MasterSecret> LoadRing(string path, UserInput input, out string? password)
    {
        var fullPath = Path.GetFullPath(path);
        password = PasswordIfSealed(fullPath, input);
        var typed = password;
        return MasterKeyFile.LoadRing(fullPath, typed is null ? null : () => typed);
    }
}
