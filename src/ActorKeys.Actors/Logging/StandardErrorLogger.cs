using Akka.Actor;
using Akka.Event;

namespace ActorKeys.Actors.Logging;

/// <summary>
/// Akka's log lines go to standard error, one line each, so that standard output carries only the lines people
/// and scripts read (<c>Serving on</c>, <c>User</c>, <c>Message received</c>). Exceptions are reduced to type and
/// message: no stack traces on a user's terminal. Warnings and errors are budgeted per source (<see cref="LogLineBudget"/>).
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IWithTimers
{
    private const string FlushTimer = "flush";
    public const string TypeName = "ActorKeys.Actors.Logging.StandardErrorLogger, ActorKeys.Actors";

    private readonly LogLineBudget _budget = new();

    public ITimerScheduler Timers { get; set; } = null!;

    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => !IsClientLeaving(e), e =>
        {
            foreach (var line in _budget.LinesFor(e, Environment.TickCount64, Format))
            {
                Console.Error.WriteLine(line);
            }
            if (_budget.HasUnreported && !Timers.IsTimerActive(FlushTimer))
            {
                // A flood that stops leaves no next line to carry the count: say it a second later.
                Timers.StartSingleTimer(FlushTimer, Flush.Instance, TimeSpan.FromSeconds(1));
            }
        });
        Receive<Flush>(_ =>
        {
            foreach (var line in _budget.Unreported())
            {
                Console.Error.WriteLine(line);
            }
        });
        Receive<LogEvent>(_ => { });
    }

    /// <summary>
    /// Akka.Remote reports every peer system that shuts down as a failed association ("Disassociated"). For a
    /// server whose clients come and go that is the normal case, not a warning anyone can act on.
    /// </summary>
    private static bool IsClientLeaving(LogEvent e) =>
        e.Cause?.GetType().Name == DisassociatedName || (e.Message?.ToString() ?? "").Contains(DisassociatedName, StringComparison.Ordinal);

    // Internal to Akka.Remote, so known by name.
    private const string DisassociatedName = "EndpointDisassociatedException";

    public static string Format(LogEvent e)
    {
        var level = e.LogLevel().ToString().Replace("Level", "").ToUpperInvariant();
        var line = $"[{level}] {e.LogSource}: {WithoutStackTrace(e.Message?.ToString() ?? "")}";
        return e.Cause is null ? line : $"{line} ({e.Cause.GetType().Name}: {WithoutStackTrace(e.Cause.Message)})";
    }

    // Akka.Remote puts whole exceptions, stack included, into some message texts.
    private static string WithoutStackTrace(string text) => string.Join(" ", text
        .Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("--- ", StringComparison.Ordinal)));

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }
}
