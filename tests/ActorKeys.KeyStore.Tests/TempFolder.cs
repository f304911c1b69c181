namespace ActorKeys.KeyStore.Tests;

/// <summary>A private temporary folder per test, deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("actorkeys-keyfiles-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Recursive delete removes symlinks without following them.
        Directory.Delete(Path, recursive: true);
    }
}
