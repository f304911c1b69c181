using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// <c>actorkeys server --health-file PATH</c>: runs the host's health checks every <see cref="Interval"/> and writes
/// the result to <c>PATH</c> (<see cref="HealthFile"/>), so that a supervisor can see the server's health with no
/// listening port; the file is deleted when the server stops. Registered after the actor system, so it starts
/// after the system and stops (deleting the file) before it.
/// </summary>
public sealed class HealthFileService(HealthCheckService checks, string path, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            var report = await checks.CheckHealthAsync(stopping);
            var live = IsHealthy(report, ServerHealth.LivenessTag);
            var ready = live && IsHealthy(report, ServerHealth.ReadinessTag);
            try
            {
                HealthFile.Write(path, HealthFile.Content(live, ready, time.GetUtcNow(), Environment.ProcessId));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Tried again at the next tick; a supervisor sees the time stop advancing, which is the signal it needs.
            }
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }

    /// <summary>Every check with <paramref name="tag"/> is healthy (and there is at least one).</summary>
    private static bool IsHealthy(HealthReport report, string tag)
    {
        var tagged = report.Entries.Values.Where(e => e.Tags.Contains(tag)).ToList();
        return tagged.Count > 0 && tagged.All(e => e.Status == HealthStatus.Healthy);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            // A stopped server must not leave a file that says it is ready.
            HealthFile.Delete(path);
        }
    }
}
