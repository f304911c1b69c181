using Akka.Configuration;
using ActorKeys.Protocol;

namespace ActorKeys.Actors.Configuration;

/// <summary>Reads the <c>actorkeys.*</c> HOCON keys; defaults live in the embedded reference.conf.</summary>
public static class ActorKeysSettings
{
    private static readonly Lazy<Config> Reference = new(LoadReference);

    /// <summary>The embedded defaults: every actorkeys.* key, the serializer bindings and the untrusted-mode setup.</summary>
    public static Config ReferenceConfig => Reference.Value;

    public static int MaxMessageBytes(Config config)
    {
        var value = config.WithFallback(ReferenceConfig).GetByteSize("actorkeys.max-message-bytes") ?? Ak1.DefaultMaxMessageBytes;
        if (value is < 2 or > 16 * 1024 * 1024)
        {
            throw new ConfigurationException("actorkeys.max-message-bytes must be between 2 bytes and 16 MiB.");
        }
        return (int)value;
    }

    /// <summary>The key-generation settings both roles read (<c>actorkeys.rekey-after</c>, <c>rekey-after-records</c>, <c>reject-after</c>).</summary>
    public static RekeySettings Rekey(Config config)
    {
        var c = config.WithFallback(ReferenceConfig);
        var records = c.GetLong("actorkeys.rekey-after-records");
        if (records < 1 || (ulong)records >= ActorKeys.Protocol.Channel.SecureChannel.SeqLimit)
        {
            throw new ConfigurationException("actorkeys.rekey-after-records must be between 1 and 2^60 - 1.");
        }
        return new RekeySettings(
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.rekey-after"), "actorkeys.rekey-after"),
            (ulong)records,
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.reject-after"), "actorkeys.reject-after"));
    }

    private static Config LoadReference()
    {
        using var stream = typeof(ActorKeysSettings).Assembly.GetManifestResourceStream("ActorKeys.Actors.reference.conf")
            ?? throw new InvalidOperationException("The embedded reference.conf is missing from ActorKeys.Actors.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

/// <summary>When a session's key generation is renewed (client) and when it is too old to use (both sides).</summary>
public sealed record RekeySettings(TimeSpan RekeyAfter, ulong RekeyAfterRecords, TimeSpan RejectAfter)
{
    /// <summary>The spec's defaults: rekey after 120 s or 2^30 records, reject after 180 s.</summary>
    public static RekeySettings Default { get; } = new(ActorKeys.Protocol.Ak1.DefaultRekeyAfter, ActorKeys.Protocol.Ak1.DefaultRekeyAfterRecords,
        ActorKeys.Protocol.Ak1.DefaultRejectAfter);
}

/// <summary>The server's <c>actorkeys.server.*</c> settings.</summary>
public sealed record ServerSettings(
    string MasterKeyPath,
    TimeSpan HandshakeTimeout,
    TimeSpan MaxClockSkew,
    int ReplayCacheSize,
    int MaxSessions,
    int MaxPendingHandshakes,
    int MaxSessionsPerClient,
    RateLimit FailedHandshakeLimit,
    RateLimit HandshakeLimit,
    RejectionBudget RejectionBudget,
    int MaxMessageBytes,
    RekeySettings Rekey)
{
    public static ServerSettings From(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        return new ServerSettings(
            c.GetString("actorkeys.server.master-key-path"),
            Positive(c.GetTimeSpan("actorkeys.server.handshake-timeout"), "actorkeys.server.handshake-timeout"),
            Positive(c.GetTimeSpan("actorkeys.server.max-clock-skew"), "actorkeys.server.max-clock-skew"),
            Positive(c.GetInt("actorkeys.server.replay-cache-size"), "actorkeys.server.replay-cache-size"),
            Positive(c.GetInt("actorkeys.server.max-sessions"), "actorkeys.server.max-sessions"),
            Positive(c.GetInt("actorkeys.server.max-pending-handshakes"), "actorkeys.server.max-pending-handshakes"),
            Positive(c.GetInt("actorkeys.server.max-sessions-per-client"), "actorkeys.server.max-sessions-per-client"),
            RateLimit.From(c, "actorkeys.server.failed-handshake-limit"),
            RateLimit.From(c, "actorkeys.server.handshake-limit"),
            new RejectionBudget(
                Positive(c.GetInt("actorkeys.server.rejection-budget.replies-per-second"), "actorkeys.server.rejection-budget.replies-per-second"),
                Positive(c.GetInt("actorkeys.server.rejection-budget.log-lines-per-second"), "actorkeys.server.rejection-budget.log-lines-per-second")),
            ActorKeysSettings.MaxMessageBytes(c),
            ActorKeysSettings.Rekey(c));
    }

    internal static TimeSpan Positive(TimeSpan value, string key) =>
        value > TimeSpan.Zero ? value : throw new ConfigurationException($"{key} must be a positive duration.");

    internal static int Positive(int value, string key) =>
        value > 0 ? value : throw new ConfigurationException($"{key} must be a positive number.");
}

/// <summary>A token-bucket limit: <c>per-second</c>, <c>burst</c> and <c>max-tracked</c> keys under one HOCON path.</summary>
public sealed record RateLimit(int PerSecond, int Burst, int MaxTracked)
{
    public static RateLimit From(Config c, string path) => new(
        ServerSettings.Positive(c.GetInt($"{path}.per-second"), $"{path}.per-second"),
        ServerSettings.Positive(c.GetInt($"{path}.burst"), $"{path}.burst"),
        ServerSettings.Positive(c.GetInt($"{path}.max-tracked"), $"{path}.max-tracked"));

    public ActorKeys.Protocol.Limits.KeyedRateLimiter NewLimiter() => new(PerSecond, Burst, MaxTracked);
}

/// <summary>What the whole server spends on failed Hellos each second, whoever claims to send them.</summary>
public sealed record RejectionBudget(int RepliesPerSecond, int LogLinesPerSecond);

/// <summary>The client's <c>actorkeys.client.*</c> settings.</summary>
/// <param name="ServerAddress">The first server node of <see cref="ServerAddresses"/>: the only one unless a list was configured.</param>
public sealed record ClientSettings(
    string KeystoreFolder,
    string ServerAddress,
    TimeSpan HandshakeTimeout,
    int MaxMessageBytes,
    Client.ReconnectPolicy Reconnect,
    RekeySettings Rekey)
{
    /// <summary>
    /// Every server node, in configured order: <c>actorkeys.client.server-addresses</c> when it is not empty, else
    /// <c>actorkeys.client.server-address</c> alone.
    /// </summary>
    public IReadOnlyList<string> ServerAddresses { get; init; } = [ServerAddress];

    public static ClientSettings From(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        var nodes = ServerNodes(c);
        return new ClientSettings(
            c.GetString("actorkeys.client.keystore-folder"),
            nodes[0],
            ServerSettings.Positive(c.GetTimeSpan("actorkeys.client.handshake-timeout"), "actorkeys.client.handshake-timeout"),
            ActorKeysSettings.MaxMessageBytes(c),
            ReconnectFrom(c),
            ClientRekey(c))
        {
            ServerAddresses = nodes,
        };
    }

    /// <summary>The list wins when it is not empty, so every configuration written for one node keeps its meaning.</summary>
    private static string[] ServerNodes(Config c)
    {
        const string key = "actorkeys.client.server-addresses";
        if (c.HasPath(key) && !IsList(c.GetValue(key)))
        {
            // Akka reads a single string as an empty list: the single address would then be used without a word.
            throw new ConfigurationException($"{key} must be a list of addresses, such as [\"akka.tcp://actorkeys-server@127.0.0.1:4053\"].");
        }
        var list = c.HasPath(key) ? c.GetStringList(key) : [];
        if (list.Count == 0)
        {
            return [c.GetString("actorkeys.client.server-address")];
        }
        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConfigurationException("actorkeys.client.server-addresses must not hold an empty address.");
        }
        return [.. list];
    }

    /// <summary>
    /// Whether a HOCON value is a list, empty or not (Akka's <c>IsArray</c> says false for <c>[]</c>, and
    /// <c>GetStringList</c> reads a single string as an empty list).
    /// </summary>
    public static bool IsList(Akka.Configuration.Hocon.HoconValue value) =>
        value.Values.Count > 0 && value.Values.All(v => v is Akka.Configuration.Hocon.HoconArray);

    /// <summary>A client that rekeyed only after its generation expired would lose every session it holds.</summary>
    private static RekeySettings ClientRekey(Config c)
    {
        var rekey = ActorKeysSettings.Rekey(c);
        if (rekey.RekeyAfter >= rekey.RejectAfter)
        {
            throw new ConfigurationException("actorkeys.rekey-after must be shorter than actorkeys.reject-after.");
        }
        return rekey;
    }

    private static Client.ReconnectPolicy ReconnectFrom(Config c)
    {
        var min = ServerSettings.Positive(c.GetTimeSpan("actorkeys.client.reconnect.min-backoff"), "actorkeys.client.reconnect.min-backoff");
        var max = ServerSettings.Positive(c.GetTimeSpan("actorkeys.client.reconnect.max-backoff"), "actorkeys.client.reconnect.max-backoff");
        if (max < min)
        {
            throw new ConfigurationException("actorkeys.client.reconnect.max-backoff must not be below min-backoff.");
        }
        return new Client.ReconnectPolicy(
            c.GetBoolean("actorkeys.client.reconnect.enabled"),
            min,
            max,
            ServerSettings.Positive(c.GetInt("actorkeys.client.reconnect.max-attempts"), "actorkeys.client.reconnect.max-attempts"));
    }
}
