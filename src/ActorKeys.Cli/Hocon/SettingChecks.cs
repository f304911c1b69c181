using System.Globalization;
using ActorKeys.Actors.Configuration;
using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Hocon;

/// <summary>
/// Every value the programs read from a configuration file, checked before any actor system starts, each failure
/// naming its key: Akka's own readers either throw .NET's text ("The input string 'banana' was not in a correct
/// format") or accept nonsense and fail much later ("server-address = 42" only shows as an unreachable server).
/// </summary>
public static class SettingChecks
{
    private enum Kind
    {
        Text,
        MaybeEmptyText,
        Name,
        Duration,
        Count,
        Bytes,
        Switch,
        ServerAddress,
        ServerAddressList,
        Port,
        HttpAddress,
    }

    private static readonly (string Key, Kind Kind)[] Settings =
    [
        ("actorkeys.max-message-bytes", Kind.Bytes),
        ("actorkeys.server.system-name", Kind.Name),
        ("actorkeys.server.master-key-path", Kind.Text),
        // Empty is "actorkeys.db beside the master key".
        ("actorkeys.server.registry-path", Kind.MaybeEmptyText),
        ("actorkeys.server.registry-poll-interval", Kind.Duration),
        ("actorkeys.server.handshake-timeout", Kind.Duration),
        ("actorkeys.server.max-clock-skew", Kind.Duration),
        ("actorkeys.server.replay-cache-size", Kind.Count),
        ("actorkeys.server.max-sessions", Kind.Count),
        ("actorkeys.server.max-pending-handshakes", Kind.Count),
        ("actorkeys.server.max-sessions-per-client", Kind.Count),
        ("actorkeys.server.rejection-budget.replies-per-second", Kind.Count),
        ("actorkeys.server.rejection-budget.log-lines-per-second", Kind.Count),
        ("actorkeys.server.failed-handshake-limit.per-second", Kind.Count),
        ("actorkeys.server.failed-handshake-limit.burst", Kind.Count),
        ("actorkeys.server.failed-handshake-limit.max-tracked", Kind.Count),
        ("actorkeys.server.handshake-limit.per-second", Kind.Count),
        ("actorkeys.server.handshake-limit.burst", Kind.Count),
        ("actorkeys.server.handshake-limit.max-tracked", Kind.Count),
        ("actorkeys.client.system-name", Kind.Name),
        ("actorkeys.client.server-address", Kind.ServerAddress),
        ("actorkeys.client.server-addresses", Kind.ServerAddressList),
        ("actorkeys.client.keystore-folder", Kind.Text),
        ("actorkeys.client.handshake-timeout", Kind.Duration),
        ("actorkeys.client.reconnect.enabled", Kind.Switch),
        ("actorkeys.client.reconnect.min-backoff", Kind.Duration),
        ("actorkeys.client.reconnect.max-backoff", Kind.Duration),
        ("actorkeys.client.reconnect.max-attempts", Kind.Count),
        ("actorkeys.telemetry.otlp.enabled", Kind.Switch),
        ("actorkeys.telemetry.otlp.endpoint", Kind.HttpAddress),
        // Empty is Akka's own "this machine's address".
        ("akka.remote.dot-netty.tcp.hostname", Kind.MaybeEmptyText),
        ("akka.remote.dot-netty.tcp.port", Kind.Port),
    ];

    /// <summary>The top-level keys a file may set; anything else is a typo or text the parser misread.</summary>
    private static readonly string[] Roots = ["akka", "actorkeys"];

    /// <summary>What is wrong with the keys of the user's own file (nothing merged in), or null.</summary>
    public static string? UnknownKey(Config file)
    {
        foreach (var (key, _) in file.AsEnumerable())
        {
            if (!Roots.Contains(key))
            {
                return Strings.NotASetting(Show(key));
            }
        }
        var reference = ActorKeysSettings.ReferenceConfig;
        if (file.HasPath("actorkeys") && file.GetValue("actorkeys").IsObject())
        {
            foreach (var key in Leaves(file.GetValue("actorkeys"), "actorkeys"))
            {
                if (!reference.HasPath(key))
                {
                    return Strings.NotAnActorKeysSetting(Show(key));
                }
                if (reference.GetValue(key).IsObject())
                {
                    return Strings.GroupNotValue(Show(key));
                }
            }
        }
        return null;
    }

    /// <summary>What is wrong with the first bad value of <paramref name="config"/> (merged with the defaults), or null.</summary>
    public static string? BadValue(Config config)
    {
        foreach (var (key, kind) in Settings)
        {
            if (!config.HasPath(key))
            {
                continue; // Akka's own default applies
            }
            var value = config.GetValue(key);
            if (kind == Kind.ServerAddressList)
            {
                if (ListProblem(config, key, value) is { } problem)
                {
                    return problem;
                }
                continue;
            }
            if (value.IsObject() || value.IsArray())
            {
                return value.IsObject() ? Strings.ValueIsObject(key, Expected(kind)) : Strings.ValueIsList(key, Expected(kind));
            }
            var text = value.GetString() ?? "";
            if (!IsValid(config, key, kind, text))
            {
                return Strings.BadSettingValue(key, Show(text), Expected(kind));
            }
        }
        return null;
    }

    /// <summary>A list of addresses: each element must be one, as <c>server-address</c> is; an empty list is "not used".</summary>
    private static string? ListProblem(Config config, string key, HoconValue value)
    {
        if (value.IsObject())
        {
            return Strings.ValueIsObject(key, Strings.ExpectedServerAddressList);
        }
        if (!ClientSettings.IsList(value))
        {
            return Strings.BadSettingValue(key, Show(value.GetString() ?? ""), Strings.ExpectedServerAddressList);
        }
        // value.GetArray() is not used: Akka's HoconValue calls an empty list no array at all.
        foreach (var element in value.Values.OfType<HoconArray>().SelectMany(a => a))
        {
            if (element.IsObject() || element.IsArray())
            {
                return Strings.BadSettingValue(key, Show(element.ToString()), Strings.ExpectedServerAddressList);
            }
            var text = element.GetString() ?? "";
            if (!IsValid(config, key, Kind.ServerAddress, text))
            {
                return Strings.BadSettingValue(key, Show(text), Strings.ExpectedServerAddress);
            }
        }
        return null;
    }

    private static bool IsValid(Config config, string key, Kind kind, string text)
    {
        try
        {
            return kind switch
            {
                Kind.Text => text.Length > 0,
                Kind.MaybeEmptyText => true,
                Kind.Name => text.Length > 0 && char.IsAsciiLetterOrDigit(text[0])
                    && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
                Kind.Duration => config.GetTimeSpan(key) > TimeSpan.Zero,
                Kind.Count => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0,
                Kind.Bytes => config.GetByteSize(key) is > 0,
                Kind.Switch => text is "on" or "off" or "true" or "false" or "yes" or "no",
                Kind.ServerAddress => ServerEndpoint.Parse(text).SystemName is not null,
                Kind.Port => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535,
                Kind.HttpAddress => Actors.Telemetry.TelemetrySettings.Endpoint(text) is not null,
                _ => true,
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or NotSupportedException
                                   or ConfigurationException or CliException)
        {
            return false;
        }
    }

    private static string Expected(Kind kind) => kind switch
    {
        Kind.Text => Strings.ExpectedText,
        Kind.MaybeEmptyText => Strings.ExpectedMaybeEmptyText,
        Kind.Name => Strings.ExpectedName,
        Kind.Duration => Strings.ExpectedDuration,
        Kind.Count => Strings.ExpectedCount,
        Kind.Bytes => Strings.ExpectedBytes,
        Kind.Switch => Strings.ExpectedSwitch,
        Kind.ServerAddress => Strings.ExpectedServerAddress,
        Kind.ServerAddressList => Strings.ExpectedServerAddressList,
        Kind.Port => Strings.ExpectedPort,
        Kind.HttpAddress => Strings.ExpectedHttpAddress,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static IEnumerable<string> Leaves(HoconValue value, string path)
    {
        if (!value.IsObject())
        {
            yield return path;
            yield break;
        }
        foreach (var (name, child) in value.GetObject().Items)
        {
            foreach (var leaf in Leaves(child, $"{path}.{name}"))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>File text, shown escaped and short: it is echoed in a one-line sentence.</summary>
    private static string Show(string text)
    {
        var escaped = Actors.Text.Printable.Escape(text);
        return escaped.Length <= 60 ? escaped : escaped[..57] + "...";
    }
}
