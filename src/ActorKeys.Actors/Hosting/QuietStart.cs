namespace ActorKeys.Actors.Hosting;

/// <summary>
/// For programs with a console (actorkeys, actorkeys-bench): starts a host with standard error held back: when an actor system fails to start, Akka.Hosting writes the whole
/// exception, stack trace included, to the console, and the command reports the failure in one sentence instead.
/// What was written is passed on when the start succeeds. Every host these programs start comes through here, so it is
/// also where their processes turn DotNetty's leak detector off (<see cref="TransportLeakDetection"/>): just before the
/// first actor system, which loads DotNetty anyway, so that commands which only read files or ask for a password never
/// load it.
/// </summary>
public static class QuietStart
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<T> RunAsync<T>(Func<Task<T>> start)
    {
        await OneAtATime.WaitAsync();
        TransportLeakDetection.TurnOffUnlessAsked(Environment.GetEnvironmentVariable);
        var original = Console.Error;
        var held = new StringWriter();
        Console.SetError(TextWriter.Synchronized(held));
        try
        {
            var result = await start();
            Console.SetError(original);
            original.Write(held.ToString());
            return result;
        }
        finally
        {
            Console.SetError(original);
            OneAtATime.Release();
        }
    }
}
