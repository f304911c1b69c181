using ActorKeys.Actors.Client;
using ActorKeys.Actors.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace ActorKeys.Actors.Tests;

/// <summary>The server's health checks on the generic host, and the OTLP export switch.</summary>
public sealed class HealthAndExportTests : ScenarioTest
{
    [Fact]
    public async Task A_running_server_is_live_and_ready()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();
        var checks = server.Host.Services.GetRequiredService<HealthCheckService>();

        HealthReport report = null!;
        await AwaitAssertAsync(async () =>
        {
            report = await checks.CheckHealthAsync();
            Assert.Equal(HealthStatus.Healthy, report.Status);
        }, Generous, TimeSpan.FromMilliseconds(100));

        Assert.Contains(report.Entries.Values, e => e.Tags.Contains(ServerHealth.LivenessTag));
        Assert.Contains(report.Entries.Values, e => e.Tags.Contains(ServerHealth.ReadinessTag));
    }

    [Fact]
    public async Task Without_otlp_enabled_nothing_is_exported()
    {
        await using var scenario = new Scenario();
        var server = await scenario.StartServerAsync();

        // No MeterProvider means no exporter and no reader: the meter is only there for a local listener.
        Assert.Null(server.Host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Otlp_export_to_an_unreachable_loopback_collector_does_not_disturb_the_server()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        // Nothing listens on the discard port of loopback: the export fails, and only the export.
        var server = await scenario.StartServerAsync(extraHocon: """
            actorkeys.telemetry.otlp.enabled = on
            actorkeys.telemetry.otlp.endpoint = "http://127.0.0.1:9"
            """);
        var provider = server.Host.Services.GetRequiredService<MeterProvider>();
        var clientSystem = await scenario.StartClientAsync();
        var events = CreateTestProbe();
        clientSystem.Client.Connect("1", events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);

        var exported = await Task.Run(() => provider.ForceFlush(10_000));

        Assert.False(exported);
        var another = CreateTestProbe();
        clientSystem.Client.Connect("1", another.Ref);
        another.ExpectMsg<SessionKeyVerified>(Generous);
        AssertCoreIntact(server);
    }
}
