namespace ActorKeys.Actors.Cluster;

/// <summary>
/// A cluster certificate could not be read, or a node's certificate and key do not belong together. The message is one
/// sentence that names the path and what to do; it never holds key material. (A private key file's own problems,
/// such as other users being able to read it, are <see cref="ActorKeys.KeyStore.KeyFileException"/>s.)
/// </summary>
public sealed class ClusterCertificateException(string path, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Path { get; } = path;
}
