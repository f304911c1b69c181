using Akka.Configuration;
using ActorKeys.Actors.Configuration;

namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// <c>actorkeys.telemetry.*</c>: whether the server exports its meter with OpenTelemetry's OTLP exporter, and where
/// to. Off by default: the meter is always there for <c>dotnet-counters</c>, and nothing leaves the process unless a
/// deployment asks for it.
/// </summary>
public sealed record TelemetrySettings(bool OtlpEnabled, Uri OtlpEndpoint)
{
    public const string EnabledKey = "actorkeys.telemetry.otlp.enabled";
    public const string EndpointKey = "actorkeys.telemetry.otlp.endpoint";

    public static TelemetrySettings From(Config config)
    {
        var c = config.WithFallback(ActorKeysSettings.ReferenceConfig);
        return new TelemetrySettings(c.GetBoolean(EnabledKey), Endpoint(c.GetString(EndpointKey)));
    }

    /// <summary>An absolute http or https address, such as <c>http://127.0.0.1:4317</c> (OTLP over gRPC).</summary>
    public static Uri Endpoint(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri
            : throw new ConfigurationException($"{EndpointKey} must be an http:// or https:// address such as http://127.0.0.1:4317.");
}
