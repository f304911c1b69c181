using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Errors;

/// <summary>
/// The sentence and exit code for a registry refusal: the registry's own message is English, for logs; people get one
/// of <see cref="Strings"/>. A problem with the file is exit code 3, as a key file's is; a refused change (unknown
/// client, an id already issued, the current master key) is a usage error, 2.
/// </summary>
public static class RegistryErrorReport
{
    public static (ExitCode Code, string Message) For(RegistryException e) => For(e.Error, e.Path, e.Subject ?? "");

    public static (ExitCode Code, string Message) For(RegistryError error, string path, string subject) => error switch
    {
        RegistryError.NotFound => (ExitCode.KeyFile, Strings.RegistryNotFound(path)),
        RegistryError.AlreadyExists when subject.Length > 0 => (ExitCode.Usage, Strings.MasterKeyAlreadyInRegistry(subject)),
        RegistryError.AlreadyExists => (ExitCode.KeyFile, Strings.RegistryExists(path)),
        RegistryError.Damaged => (ExitCode.KeyFile, Strings.RegistryDamaged(path)),
        RegistryError.InsecurePermissions => (ExitCode.KeyFile, Strings.RegistryInsecure(path)),
        RegistryError.AccessDenied => (ExitCode.KeyFile, Strings.RegistryUnusable(path)),
        RegistryError.Busy => (ExitCode.KeyFile, Strings.RegistryBusy(path)),
        RegistryError.UnknownClient => (ExitCode.Usage, Strings.ClientNotInRegistry(Shown(subject))),
        RegistryError.AlreadyIssued => (ExitCode.Usage, Strings.ClientAlreadyInRegistry(Shown(subject))),
        RegistryError.EpochsExhausted => (ExitCode.Usage, Strings.EpochsExhausted(Shown(subject))),
        RegistryError.UnknownMasterKey => (ExitCode.Usage, Strings.MasterKeyNotInRegistry(subject)),
        RegistryError.CurrentKeyNotInRing => (ExitCode.KeyFile, Strings.CurrentMasterKeyNotInFile(subject)),
        RegistryError.CurrentMasterKey => (ExitCode.Usage, Strings.CurrentMasterKeyNotRetired(subject)),
        RegistryError.NoCurrentMasterKey => (ExitCode.KeyFile, Strings.NoCurrentMasterKey),
        _ => (ExitCode.Unexpected, Strings.UnexpectedError(error.ToString())),
    };

    public static CliException Exception(RegistryError error, string path, string subject)
    {
        var (code, message) = For(error, path, subject);
        return new CliException(code, message);
    }

    private static string Shown(string id) => Actors.Text.Printable.Escape(id);
}
