namespace ActorKeys.KeyStore;

/// <summary>
/// A key file could not be read or written. The message is one sentence that names the path, says what
/// happened and what to do; it never contains key material or a password.
/// </summary>
public sealed class KeyFileException : Exception
{
    public KeyFileException(KeyFileError error, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Path = path;
    }

    public KeyFileError Error { get; }

    public string Path { get; }
}
