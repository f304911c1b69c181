namespace ActorKeys.Actors.Registry;

/// <summary>
/// The registry could not be opened or refused a change. <see cref="Exception.Message"/> is one English sentence for
/// logs; the command line builds its own (translated) sentence from <see cref="Error"/>, <see cref="Path"/> and
/// <see cref="Subject"/>. The registry holds no secret, and no message carries one.
/// </summary>
public sealed class RegistryException(RegistryError error, string path, string message, string? subject = null, Exception? inner = null)
    : Exception(message, inner)
{
    public RegistryError Error { get; } = error;

    /// <summary>The registry file's full path.</summary>
    public string Path { get; } = path;

    /// <summary>The client id or master keyId the refusal is about, when there is one.</summary>
    public string? Subject { get; } = subject;
}
