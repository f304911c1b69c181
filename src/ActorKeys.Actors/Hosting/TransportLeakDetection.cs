using DotNetty.Common;

namespace ActorKeys.Actors.Hosting;

/// <summary>
/// Turns off DotNetty's buffer leak detector, process-wide, unless the environment names one of its levels
/// (<c>io.netty.leakDetection.level</c>: <c>disabled</c>, <c>simple</c>, <c>advanced</c> or <c>paranoid</c>). Called by ActorKeys' programs (<c>actorkeys</c>, <c>actorkeys-bench</c>) as
/// they start each actor system (<see cref="QuietStart"/>); an application that hosts the actors itself decides for
/// itself, as with the runtime settings of <c>src/ProgramRuntime.props</c>.
/// </summary>
/// <remarks>
/// Akka.Remote's transport, DotNetty, follows one buffer in 128 by default ("simple" level), and each one it follows
/// begins by capturing the allocating thread's stack as text (<c>Environment.StackTrace</c>) and registering it for
/// finalisation. A leak it found would be reported through DotNetty's own logger, which nothing here connects to Akka's
/// log, so no operator would read it. In a profile of a warm server under handshakes it took about 2 % of the server's
/// CPU, and in a rough measurement some 0.5 µs of every echoed record's (README, Performance, stop 15).
/// </remarks>
public static class TransportLeakDetection
{
    /// <summary>The environment variable DotNetty reads for its level; when it names a level, that level stands.</summary>
    public const string LevelVariable = "io.netty.leakDetection.level";

    /// <summary>
    /// Applies the remarks: returns the level now in force. A value DotNetty does not know (<c>off</c>, <c>none</c>) it
    /// would read as its default, the detector on; here it turns the detector off, as the one who wrote it meant.
    /// </summary>
    public static ResourceLeakDetector.DetectionLevel TurnOffUnlessAsked(Func<string, string?> environment)
    {
        if (!Enum.TryParse<ResourceLeakDetector.DetectionLevel>(environment(LevelVariable), ignoreCase: true, out _))
        {
            ResourceLeakDetector.Level = ResourceLeakDetector.DetectionLevel.Disabled;
        }
        return ResourceLeakDetector.Level;
    }
}
