using Akka.Actor;
using Akka.Hosting;
using ActorKeys.Actors.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// The server's health checks on the generic host (Microsoft.Extensions.Diagnostics.HealthChecks, through
/// Akka.Hosting): liveness is Akka.Hosting's own check that the actor system runs; readiness is the key authority
/// answering a local <see cref="ReadinessProbe"/>, which means the master key is loaded and Hellos are being handled.
/// </summary>
public static class ServerHealth
{
    public const string LivenessTag = "liveness";
    public const string ReadinessTag = "readiness";

    /// <summary>How long the key authority has to answer; a server that takes longer is not ready.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static AkkaConfigurationBuilder WithServerHealthChecks(this AkkaConfigurationBuilder builder) => builder
        .WithActorSystemLivenessCheck(tags: [LivenessTag])
        .WithHealthCheck("actorkeys-key-authority", KeyAuthorityAnswersAsync, tags: [ReadinessTag]);

    private static async Task<HealthCheckResult> KeyAuthorityAnswersAsync(ActorSystem system, ActorRegistry registry, CancellationToken cancellation)
    {
        if (!registry.TryGet<KeyAuthority>(out var authority))
        {
            return HealthCheckResult.Unhealthy("the key authority has not started");
        }
        try
        {
            await authority.Ask<ReadinessProbe>(ReadinessProbe.Instance, ProbeTimeout, cancellation);
            return HealthCheckResult.Healthy("the key authority answers");
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the key authority did not answer");
        }
    }
}
