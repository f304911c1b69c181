namespace ActorKeys.KeyStore;

/// <summary>
/// Every <see cref="KeyFileException"/> is built here so the wording stays uniform: one sentence, the path,
/// what happened, what to do. Only fixed phrases and validated values go in; never key material or file content.
/// </summary>
internal static class KeyFileErrors
{
    public static KeyFileException NotFound(KeyFileKind kind, string path) =>
        new(KeyFileError.NotFound, path, $"The {kind.Noun} {path} was not found; {kind.MissingHint}.");

    public static KeyFileException FolderNotFound(KeyFileKind kind, string path, string folder) =>
        new(KeyFileError.NotFound, path,
            $"The folder {folder} for the {kind.Noun} {path} does not exist; create it with mode 700 or choose another path.");

    public static KeyFileException AlreadyExists(KeyFileKind kind, string path, Exception? inner = null) =>
        new(KeyFileError.AlreadyExists, path,
            $"The {kind.Noun} {path} already exists and was left unchanged; move it away first if you really mean to replace it.",
            inner);

    public static KeyFileException FolderIsNotAFolder(KeyFileKind kind, string path, string folder) =>
        new(KeyFileError.NotFound, path,
            $"The {kind.Noun} {path} cannot be written because {folder} is not a folder; give a folder (or a path in one) that is not a file.");

    public static KeyFileException NotARegularFile(KeyFileKind kind, string path, string what, string todo) =>
        new(KeyFileError.NotARegularFile, path, $"The {kind.Noun} {path} {what}, which is refused; {todo}.");

    public static KeyFileException WrongOwner(KeyFileKind kind, string path, uint owner, uint me) =>
        new(KeyFileError.WrongOwner, path,
            $"The {kind.Noun} {path} belongs to another user (uid {owner}, you are uid {me}), who could have changed it; use your own copy, or have its owner run 'chown {me} {path}' if it is yours.");

    public static KeyFileException ChangedWhileOpening(KeyFileKind kind, string path) =>
        new(KeyFileError.ChangedWhileOpening, path,
            $"The {kind.Noun} {path} was replaced by another file while it was being opened, so it was not read; check who else writes to its folder and try again.");

    public static KeyFileException InsecureFolder(KeyFileKind kind, string path, string folder) =>
        new(KeyFileError.InsecurePermissions, path,
            $"The folder {folder} of the {kind.Noun} {path} can be changed by other users, who could replace the file; run 'chmod go-w {folder}' (or 'chmod 700 {folder}') and try again.");

    public static KeyFileException FolderOfAnotherUser(KeyFileKind kind, string path, string folder) =>
        new(KeyFileError.InsecurePermissions, path,
            $"The folder {folder} of the {kind.Noun} {path} belongs to another user, who could replace the file; keep key files in a folder you own.");

    public static KeyFileException CannotWrite(KeyFileKind kind, string path, string folder, Exception inner) =>
        new(KeyFileError.AccessDenied, path,
            $"The {kind.Noun} {path} cannot be created in {folder} (the folder does not accept new files); choose a folder you can write to.",
            inner);

    public static KeyFileException NotDurable(KeyFileKind kind, string path, string folder, Exception inner) =>
        new(KeyFileError.AccessDenied, path,
            $"The {kind.Noun} {path} was written but its folder {folder} could not be flushed to disk, so it may not survive a crash; check the disk, and keep the file only once it reads back.",
            inner);

    public static KeyFileException InsecurePermissions(KeyFileKind kind, string path) =>
        new(KeyFileError.InsecurePermissions, path,
            $"The {kind.Noun} {path} can be read or changed by other users; run 'chmod 600 {path}' and try again.");

    public static KeyFileException AccessDenied(KeyFileKind kind, string path, Exception inner) =>
        new(KeyFileError.AccessDenied, path,
            $"The {kind.Noun} {path} could not be accessed; check that you own it and its folder and try again.",
            inner);

    public static KeyFileException Damaged(KeyFileKind kind, string path, string detail) =>
        new(KeyFileError.Damaged, path, $"The {kind.Noun} {path} is damaged ({detail}); {kind.RecoveryHint}.");

    public static KeyFileException OtherKind(KeyFileKind kind, string path, KeyFileKind found) =>
        new(KeyFileError.UnsupportedFormat, path, $"The file {path} is a {found.Noun}, not a {kind.Noun}; {kind.WrongKindHint}.");

    public static KeyFileException UnsupportedFormat(KeyFileKind kind, string path, string detail) =>
        new(KeyFileError.UnsupportedFormat, path,
            $"The {kind.Noun} {path} {detail}; use a version of ActorKeys that reads it, or the right file.");

    public static KeyFileException WrongClientId(string path, string found, string expected) =>
        new(KeyFileError.WrongClientId, path,
            $"The keystore {path} belongs to client '{found}', not '{expected}'; use the keystore issued for '{expected}'.");

    public static KeyFileException PasswordRequired(KeyFileKind kind, string path) =>
        new(KeyFileError.PasswordRequired, path,
            $"The {kind.Noun} {path} is protected by a password but none was given; supply the password and try again.");

    public static KeyFileException WrongPassword(KeyFileKind kind, string path) =>
        new(KeyFileError.WrongPassword, path,
            $"The {kind.Noun} {path} could not be unlocked (wrong password or damaged file); check the password, or {kind.RecoveryHint}.");

    public static KeyFileException KeyNotInRing(string path, string keyIdHex) =>
        new(KeyFileError.KeyNotInRing, path,
            $"The master key file {path} holds no key {keyIdHex}; check the keyId ('actorkeys clients list' names the keys in use).");

    public static KeyFileException KeyAlreadyInRing(string path, string keyIdHex) =>
        new(KeyFileError.AlreadyExists, path, $"The master key file {path} already holds the key {keyIdHex} and was left unchanged.");

    public static KeyFileException Locked(string path) =>
        new(KeyFileError.Locked, path, $"Another command is changing the master key file {path}; run this one again once it has finished.");

    public static KeyFileException LastKeyInRing(string path, string keyIdHex) =>
        new(KeyFileError.LastKeyInRing, path,
            $"The key {keyIdHex} is the only one in the master key file {path} and was not removed; add a new key first ('actorkeys master rotate').");
}
