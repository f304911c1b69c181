using System.Runtime.Versioning;
using System.Security.Cryptography;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.KeyStore.Tests;

/// <summary>Fixed inputs and small helpers shared by the key file tests.</summary>
internal static class KeyFileFixtures
{
    public const string Id = "alice";
    public const uint Epoch = 7;
    public const string Password = "correct horse battery staple";

    /// <summary>The cheapest parameters libsodium and Sodium.Core accept, so tests stay fast.</summary>
    public static readonly Argon2Parameters Fast = new(3, 8192);

    public static readonly DateTimeOffset Created = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public const string CreatedText = "2026-11-25T08:00:00Z";

    public static MasterSecret Master() => new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static KeyProtection Protection(bool withPassword) =>
        withPassword ? KeyProtection.Password(Password, Fast) : KeyProtection.None;

    public static Func<string> PasswordProvider => () => Password;

    public static string AccessKeyBase64()
    {
        using var master = Master();
        var key = master.DeriveAccessKey(Id, Epoch);
        try
        {
            return Convert.ToBase64String(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static string MasterKeyBase64()
    {
        using var master = Master();
        return Convert.ToBase64String(master.ExportSecret());
    }

    [UnsupportedOSPlatform("windows")]
    public static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);

    /// <summary>Asserts the message names the file and carries no key or password.</summary>
    public static void AssertCleanMessage(KeyFileException ex)
    {
        Assert.DoesNotContain(AccessKeyBase64(), ex.Message);
        Assert.DoesNotContain(MasterKeyBase64(), ex.Message);
        Assert.DoesNotContain(Password, ex.Message);
        Assert.DoesNotContain(AccessKeyBase64(), ex.ToString());
        Assert.DoesNotContain(Password, ex.ToString());
        Assert.Contains(ex.Path, ex.Message);
    }
}
