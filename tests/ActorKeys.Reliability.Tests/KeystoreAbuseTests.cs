using System.Security.Cryptography;
using ActorKeys.Actors.Client;
using ActorKeys.Testing;
using ActorKeys.KeyStore;
using ActorKeys.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ActorKeys.Reliability.Tests;

/// <summary>
/// Keystores that are truncated, oversized, of another format, symlinked, or opened with wrong passwords again
/// and again: each gives a clear, typed error when the client loads it, before any session starts (and before any
/// Argon2id work lands on an actor's thread), nothing crashes, and no file changes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and symlinks as on Unix
public sealed class KeystoreAbuseTests(ITestOutputHelper output) : ScenarioTest
{
    [Fact]
    public async Task Abused_keystores_give_clear_errors_and_are_never_modified()
    {
        var tally = new ReliabilityTally();
        await using var scenario = new Scenario();
        scenario.Issue("good");
        var good = Path.Combine(scenario.KeystoreFolder, KeystoreFile.FileName("good"));
        var original = File.ReadAllBytes(good);
        Write(scenario, "truncated", original[..(original.Length / 2)]);
        Write(scenario, "oversized", [.. original, .. new byte[1024 * 1024]]);
        Write(scenario, "wrongformat", System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(original).Replace("actorkeys.keystore/1", "actorkeys.keystore/9").Replace("\"good\"", "\"wrongformat\"")));
        File.CreateSymbolicLink(Path.Combine(scenario.KeystoreFolder, KeystoreFile.FileName("symlinked")), good);
        KeystoreFile.Issue(scenario.Master, "locked", 0, scenario.KeystoreFolder,
            KeyProtection.Password("right password", new Argon2Parameters(3, 8192)), DateTimeOffset.UtcNow);
        var before = Snapshot(scenario.KeystoreFolder);
        await scenario.StartServerAsync();
        var clientSystem = await scenario.StartClientAsync();

        var expected = new Dictionary<string, KeyFileError>
        {
            ["truncated"] = KeyFileError.Damaged,
            ["oversized"] = KeyFileError.Damaged,
            ["wrongformat"] = KeyFileError.UnsupportedFormat,
            ["symlinked"] = KeyFileError.NotARegularFile,
            ["missing"] = KeyFileError.NotFound,
        };
        foreach (var (id, error) in expected)
        {
            var events = CreateTestProbe();
            var unusable = Assert.Throws<KeyFileException>(() => clientSystem.Client.Connect(id, events.Ref));
            Assert.Equal(error, unusable.Error);
            Assert.Contains(KeystoreFile.FileName(id), unusable.Message);
            events.ExpectNoMsg(TimeSpan.Zero); // no session was started
            tally.Fault();
        }
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var events = CreateTestProbe();
            Assert.Equal(KeyFileError.WrongPassword,
                Assert.Throws<KeyFileException>(() => clientSystem.Client.Connect("locked", events.Ref, () => $"wrong password {attempt}")).Error);
            tally.Fault();
        }

        // Nothing was written, renamed or re-permissioned, and the right password and the good file still work.
        Assert.Equal(before, Snapshot(scenario.KeystoreFolder));
        foreach (var (id, password) in new[] { ("locked", "right password"), ("good", (string?)null) })
        {
            var events = CreateTestProbe();
            clientSystem.Client.Connect(id, events.Ref, password is null ? null : () => password);
            events.ExpectMsg<SessionKeyVerified>(Generous);
            tally.Handshake();
        }
        tally.ReportAndAssert(output);
    }

    private static void Write(Scenario scenario, string id, byte[] bytes)
    {
        using var file = new FileStream(Path.Combine(scenario.KeystoreFolder, KeystoreFile.FileName(id)),
            new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
        file.Write(bytes);
    }

    /// <summary>Every entry's name, link target, mode, length, write time and content hash.</summary>
    private static string Snapshot(string folder) => string.Join("\n",
        new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f =>
            f.LinkTarget is { } target
                ? $"{f.Name} -> {target}"
                : $"{f.Name} {f.UnixFileMode} {((FileInfo)f).Length} {f.LastWriteTimeUtc:O} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName)))}"));
}
